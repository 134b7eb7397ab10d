// Prisma 6 CLI needs DATABASE_URL defined (any value) or it falls back to downloading the native query engine.
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:54329/smartland";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-adapter-pg-v7";
import pg from "pg";
// Schema engine introspects pg_catalog columns typed "char"(18)/name(19) that adapter-pg rejects: report them as text(25).
const BASE = { allowExitOnIdle: true, idleTimeoutMillis: 500 };
const REMAP = new Set([18, 19, 22, 30, 194, 1002, 1003]);
class TextPool extends pg.Pool {
  // @ts-ignore
  async query(q: any, v?: any) {
    // @ts-ignore
    const r: any = await super.query(q, v);
    for (const f of r?.fields ?? []) if (REMAP.has(f.dataTypeID)) f.dataTypeID = 25;
    return r;
  }
} // @prisma/adapter-pg@7.x (6.x lacks the `name` OID fix)

// Pass discrete fields, not connectionString: adapter's connectToShadowDb() spreads
// the config and overrides `database`, which a connectionString would shadow.
function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 5432),
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
  };
}

// adapter-pg's executeScript() does script.split(";") and runs the pieces one by one outside any
// transaction: that breaks DO $$ ... $$ blocks (and any ';' in comments/strings) and leaves half-applied
// migrations. Send the whole migration.sql as ONE simple-protocol query instead (same as the native
// schema engine): PostgreSQL then runs it as a single implicit transaction.
function wholeScript<T extends { executeScript(s: string): Promise<void>; underlyingDriver(): any }>(a: T): T {
  a.executeScript = async (script: string) => {
    try { await a.underlyingDriver().query(script); } catch (e) { (a as any).onError(e); }
  };
  return a;
}

// Shadow DB for `migrate dev`: adapter-pg's own connectToShadowDb drops the DB while its pool
// is still open ("being accessed by other users"); use DROP ... WITH (FORCE) after closing.
class PgMigrate extends PrismaPg {
  constructor(private cfg: ReturnType<typeof pgConfig>) { super(new TextPool({ ...BASE, ...cfg })); }
  async connect() { return wholeScript(await super.connect()); }
  async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_shadow_${process.pid}_${Date.now()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const pool = new TextPool({ ...BASE, ...this.cfg, database });
    pool.on("error", () => {});
    const shadow = wholeScript(await new PrismaPg(pool).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await pool.end();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Fallback keeps `prisma generate` (postinstall) offline-safe when DATABASE_URL is unset.
    return new PgMigrate(pgConfig(process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/smartland"));
  },
});
