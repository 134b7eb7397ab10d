// Prisma 6.19.3 CLI with the JS engine, fully offline (see ../shared/stack.md and ARCHITECTURE.md).
// The CLI needs DATABASE_URL defined (any value), or it falls back to downloading the native engine.
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:54329/smartland";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-adapter-pg-v7";

type QueryResult = { fields?: { dataTypeID: number }[] };
type ScriptAdapter = { executeScript(s: string): Promise<void>; underlyingDriver(): pg.Pool };

// The schema engine introspects pg_catalog columns typed "char"/name, which adapter-pg rejects:
// report them as text (OID 25).
const BASE = { allowExitOnIdle: true, idleTimeoutMillis: 500 };
const REMAP = new Set([18, 19, 22, 30, 194, 1002, 1003]);
class TextPool extends pg.Pool {
  // @ts-expect-error -- pg.Pool.query is overloaded; this override forwards every form unchanged.
  async query(text: unknown, values?: unknown) {
    const result =
      (await (super.query as (t: unknown, v?: unknown) => Promise<QueryResult>)(text, values)) ?? {};
    for (const f of result.fields ?? []) if (REMAP.has(f.dataTypeID)) f.dataTypeID = 25;
    return result;
  }
}

// Discrete fields, not a connectionString: connectToShadowDb() overrides `database`.
function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
  };
}

// adapter-pg's executeScript() splits at every ';' (breaking DO $$ … $$ blocks) and runs the pieces
// outside a transaction. Send the whole migration.sql as one simple-protocol query instead.
function wholeScript<T extends object>(adapter: T): T {
  const a = adapter as unknown as ScriptAdapter & { onError(e: unknown): never };
  a.executeScript = async (script: string) => {
    try {
      await a.underlyingDriver().query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

// Shadow database for `migrate dev`: dropped WITH (FORCE) after its pool is closed.
class PgMigrate extends PrismaPg {
  constructor(private cfg: ReturnType<typeof pgConfig>) {
    super(new TextPool({ ...BASE, ...cfg }) as unknown as pg.Pool);
  }
  async connect() {
    return wholeScript(await super.connect());
  }
  async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_shadow_${process.pid}_${Date.now()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const pool = new TextPool({ ...BASE, ...this.cfg, database });
    pool.on("error", () => {});
    const shadow = wholeScript(await new PrismaPg(pool as unknown as pg.Pool).connect());
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
    return new PgMigrate(pgConfig(process.env.DATABASE_URL!));
  },
});
