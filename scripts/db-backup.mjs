// Usage: npm run db:backup -- [FILE] [--db NAME]
//
// A consistent snapshot of one database in pg_dump's custom format (compressed; restore it with
// `npm run db:restore`). The server is DATABASE_URL's (its database, or --db NAME) or the embedded one
// (database "smartland" unless --db). FILE defaults to backups/<database>-<UTC timestamp>.dump.
import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pgTools } from "./backup/pg-tools.mjs";
import {
  clientEnv,
  connectServer,
  databaseName,
  parseArgs,
  serverMajor,
  tableCounts,
} from "./backup/server.mjs";

const args = parseArgs(process.argv.slice(2), { values: ["--db"] });
const { url, stop } = await connectServer(args.db);
let code = 1;
try {
  const db = databaseName(url);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const file = path.resolve(args._[0] ?? path.join("backups", `${db}-${stamp}.dump`));
  mkdirSync(path.dirname(file), { recursive: true });
  const { version, pgDump } = pgTools(await serverMajor(url));
  const partial = `${file}.partial`;
  const t0 = Date.now();
  // Credentials travel in the environment, not on the command line.
  const res = spawnSync(pgDump[0], [...pgDump.slice(1), "--format=custom", "--file", partial], {
    stdio: "inherit",
    env: clientEnv(url),
  });
  if (res.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`pg_dump failed (${res.status ?? res.signal})`);
  }
  renameSync(partial, file);
  const counts = await tableCounts(url);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `[db:backup] ${db} → ${path.relative(process.cwd(), file) || file} (${(statSync(file).size / 1024).toFixed(0)} KiB, ` +
      `${Object.keys(counts).length} tables, ${rows} rows, ${Date.now() - t0} ms, ${version})`,
  );
  code = 0;
} catch (e) {
  console.error(`[db:backup] ${e instanceof Error ? e.message : e}`);
} finally {
  await stop();
}
process.exit(code);
