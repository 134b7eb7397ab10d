// Usage: npm run db:restore -- FILE [--db NAME] [--replace]
//
// Restores a backup of `npm run db:backup` into database NAME (default: DATABASE_URL's database, or
// "smartland" on the embedded server). The backup is first restored into a scratch database in one
// transaction; only when that succeeded does it take NAME, so a failed restore changes nothing. An
// existing NAME is replaced only with --replace.
//
// Objects end up owned by the restoring user (the owner of DATABASE_URL, who also runs migrations);
// the privileges of the application role smartland_app, row-level security (ENABLE + FORCE) and its
// policies come back from the backup. smartland_app is a server-wide role, not part of a database
// backup: it is created here when missing (scripts/with-db.mjs sets its password on the next start).
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pgTools } from "./backup/pg-tools.mjs";
import {
  clientEnv,
  connectServer,
  databaseName,
  databaseUrl,
  parseArgs,
  serverMajor,
  tableCounts,
  withClient,
} from "./backup/server.mjs";

const APP_ROLE = "smartland_app";
const args = parseArgs(process.argv.slice(2), { values: ["--db"], booleans: ["--replace"] });
const file = args._[0] && path.resolve(args._[0]);
const { url, stop } = await connectServer(args.db);
const quote = (name) => `"${name.replace(/"/g, '""')}"`;
let code = 1;
let scratch = null;
const admin = databaseUrl(url, "postgres");
try {
  if (!file || !existsSync(file)) throw new Error(`backup file not found: ${args._[0] ?? "(none given)"}`);
  const db = databaseName(url);
  const { version, pgRestore } = pgTools(await serverMajor(admin));
  const restore = (extra, env = process.env) => {
    const res = spawnSync(pgRestore[0], [...pgRestore.slice(1), ...extra, file], { env, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`pg_restore failed: ${(res.stderr || res.stdout || "").trim()}`);
    return res.stdout;
  };
  const toc = restore(["--list"]);

  const exists = await withClient(admin, async (c) => {
    const found = (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [db])).rowCount > 0;
    if (found && !args.replace) return true;
    const role = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
    if (!role.rowCount) {
      await c.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
      console.error(`[db:restore] created role ${APP_ROLE} (no password yet)`);
    }
    scratch = `${db.slice(0, 40)}_restore_${randomBytes(4).toString("hex")}`;
    await c.query(`CREATE DATABASE ${quote(scratch)}`);
    return found;
  });
  if (exists && !args.replace) throw new Error(`database ${db} exists: pass --replace to overwrite it`);

  // Default privileges are stored FOR ROLE <the backup's owner>; skip them (with a warning) when that
  // role does not exist here, instead of failing the whole restore.
  const extra = [];
  const missing = await withClient(admin, async (c) => {
    const owners = [...toc.matchAll(/^\d+;.* DEFAULT ACL .* (\S+)$/gm)].map((m) => m[1]);
    const { rows } = await c.query("SELECT rolname::text FROM pg_roles WHERE rolname = ANY($1)", [owners]);
    return owners.filter((o) => !rows.some((r) => r.rolname === o));
  });
  if (missing.length) {
    const listFile = `${file}.${process.pid}.list`;
    writeFileSync(listFile, toc.replace(/^(\d+;.* DEFAULT ACL .*)$/gm, ";$1"));
    extra.push("--use-list", listFile);
    console.error(`[db:restore] skipping default privileges of missing role(s) ${missing.join(", ")}`);
  }

  const t0 = Date.now();
  const target = databaseUrl(url, scratch);
  try {
    restore(
      ["--dbname", scratch, "--no-owner", "--exit-on-error", "--single-transaction", ...extra],
      clientEnv(target),
    );
  } finally {
    if (extra.length) rmSync(extra[1], { force: true });
  }
  await withClient(admin, async (c) => {
    if (exists) await c.query(`DROP DATABASE ${quote(db)} WITH (FORCE)`);
    await c.query(`ALTER DATABASE ${quote(scratch)} RENAME TO ${quote(db)}`);
  });
  scratch = null;
  const counts = await tableCounts(url);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `[db:restore] ${path.relative(process.cwd(), file) || file} → ${db}${exists ? " (replaced)" : ""}: ` +
      `${Object.keys(counts).length} tables, ${rows} rows, ${Date.now() - t0} ms (${version})`,
  );
  code = 0;
} catch (e) {
  console.error(`[db:restore] ${e instanceof Error ? e.message : e}`);
} finally {
  if (scratch)
    await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(scratch)} WITH (FORCE)`));
  await stop();
}
process.exit(code);
