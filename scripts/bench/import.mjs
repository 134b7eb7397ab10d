// Import benchmark: generates a deterministic 10,000-row file (2,000 projects, each with 2 funding lines and
// 2 actions) and runs it through lib/import against a fresh, seeded database `smartland_bench_import`:
// preview, commit (creates), the same file again (no change), and an edited file (every record updated).
//
//   npm run bench:import [-- --projects 2000] [--format csv|xlsx]
//
// The target (docs: issue #6): 10,000 rows preview + commit in ≤ 10 s.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { csvFile, importRows } from "./import-file.mjs";
import { assertBenchDb, currentDbName, parseArgs, ROOT, runCommand } from "./lib.mjs";

const opts = parseArgs(process.argv.slice(2), {
  projects: { type: "number", default: 2000 },
  format: { type: "string", default: "csv", choices: ["csv", "xlsx"] },
});
const DB = "smartland_bench_import";
assertBenchDb(DB);

const currentDb = currentDbName();
if (currentDb !== DB) {
  if (process.env.SMARTLAND_BENCH_CHILD)
    throw new Error(`DATABASE_URL points to "${currentDb}", expected "${DB}"`);
  process.exit(
    await runCommand(
      [
        "node",
        "scripts/with-db.mjs",
        "--db",
        DB,
        "--reset",
        "--seed",
        "node",
        // lib/ modules mark themselves server-only: resolve that package as Next.js does for server code.
        "--conditions=react-server",
        "scripts/bench/import.mjs",
        ...process.argv.slice(2),
      ],
      { env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" } },
    ),
  );
}

const { tsImport } = await import("tsx/esm/api");
const load = (file) => tsImport(path.join(ROOT, file), import.meta.url);
const { previewImport, commitImport } = await load("lib/import/import-projects.ts");
const { HEADERS } = await load("lib/import/layout.ts");
const { makeOrdinaryCig } = await load("lib/validation/identifiers.ts");
const { db } = await load("lib/db/index.ts");
const pg = (await import("pg")).default;

const SAN_DONATO = "015192";
const EMAIL = "referente.sandonato@smartland.example";

async function owner(sql, params = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const [user] = await owner(
  `SELECT u.id, u.name, u."comuneIstat", c.name AS comune FROM "User" u JOIN "Comune" c ON c.istat = u."comuneIstat" WHERE u.email = $1`,
  [EMAIL],
);
const actor = {
  userId: user.id,
  role: "OFFICER",
  comuneIstat: user.comuneIstat,
  name: user.name,
  email: EMAIL,
  comuneName: user.comune,
};

const rows = (edit) => importRows({ projects: opts.projects, edit, makeOrdinaryCig });

async function fileOf(list) {
  if (opts.format === "csv") return csvFile(HEADERS, list);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Interventi");
  ws.addRow([...HEADERS]);
  for (const r of list) ws.addRow(HEADERS.map((h) => r[h] ?? null));
  return { name: "bench.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

async function timed(label, fn) {
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  return { label, ms, result };
}

const counts = (r) =>
  `interventi +${r.projects.create} ~${r.projects.update} =${r.projects.unchanged}; ` +
  `risorse +${r.fundingLines.create} ~${r.fundingLines.update} =${r.fundingLines.unchanged}; ` +
  `azioni +${r.actions.create} ~${r.actions.update} =${r.actions.unchanged}; errori ${r.errorCount}`;

const original = await fileOf(rows(false));
const edited = await fileOf(rows(true));
const dataRows = opts.projects * 5;
console.log(
  `import bench: ${dataRows.toLocaleString("it-IT")} rows (${opts.format}, ${(original.bytes.length / 1024 / 1024).toFixed(2)} MB) into comune ${SAN_DONATO}`,
);

const steps = [];
const preview = await timed("preview (new file)", () => previewImport(actor, SAN_DONATO, original));
steps.push(preview);
const commit = await timed("commit (creates)", () =>
  commitImport(actor, SAN_DONATO, original, { token: preview.result.token }),
);
steps.push(commit);
steps.push(
  await timed("commit same file again (no change)", () => commitImport(actor, SAN_DONATO, original)),
);
const editPreview = await timed("preview (edited file)", () => previewImport(actor, SAN_DONATO, edited));
steps.push(editPreview);
steps.push(
  await timed("commit (edited file: updates)", () =>
    commitImport(actor, SAN_DONATO, edited, { token: editPreview.result.token }),
  ),
);
for (const s of steps)
  console.log(`  ${s.label.padEnd(38)} ${(s.ms / 1000).toFixed(2).padStart(6)} s   ${counts(s.result)}`);
const total = (preview.ms + commit.ms) / 1000;
console.log(
  `  preview + commit of ${dataRows} new rows: ${total.toFixed(2)} s (target ≤ 10 s) ${total <= 10 ? "OK" : "TOO SLOW"}`,
);
const [audit] = await owner(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "comuneIstat" = $1`, [
  SAN_DONATO,
]);
console.log(`  audit events in the comune: ${audit.n}`);
await db().$disconnect();
if (steps.some((s) => !s.result.ok) || total > 10) process.exitCode = 1;
