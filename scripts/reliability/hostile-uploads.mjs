// Hostile uploads against the production server (issue #14, items 1 and 8): for each hostile file of
// hostile-files.mjs, the status, the time to the answer and the peak RSS growth of the (single) worker
// while it handled the file; then /api/health while two hostile files are uploaded at once.
//
//   npx next build
//   node scripts/with-db.mjs --db smartland_test --seed node scripts/reliability/hostile-uploads.mjs [--port 3141]
//
// The server is scripts/serve.mjs with WEB_CONCURRENCY=1 (one worker: its memory is the figure). Peak RSS:
// the worker's VmHWM (high-water mark) is reset before each upload (`echo 5 > /proc/PID/clear_refs`) and read
// after the answer, and VmRSS is also sampled every 50 ms (the larger of the two is reported). The San Donato
// officer signs in (next-auth credentials) and creates a personal API token, which the uploads carry.
// Writes bench/hostile-uploads.json and prints a table.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { parseArgs, ROOT } from "../bench/lib.mjs";
import { login, startServer, stopServer } from "../bench/server.mjs";
import {
  bombSheetXlsx,
  csvLongLine,
  csvManyColumns,
  csvManyRows,
  farColumnXlsx,
  manyEntriesXlsx,
  manyRowsXlsx,
  mediaBombXlsx,
  withDeclaredSize,
} from "./hostile-files.mjs";

/**
 * For comparison: a legitimate file at the row limit, 20,000 RISORSA rows (of 2,000 projects not in the
 * database, so the preview reports them) in the template's columns.
 */
async function legitimateXlsx(headers) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Interventi");
  sheet.addRow(headers);
  for (let i = 0; i < 20_000; i++) {
    const row = sheet.addRow([]);
    row.getCell(1).value = "RISORSA";
    row.getCell(3).value = `LEGIT-${i % 2000}`;
    row.getCell(15).value = "PNRR";
    row.getCell(16).value = `Programma ${i}`;
    row.getCell(17).value = 2026;
    row.getCell(18).value = 1000 + i;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const opts = parseArgs(process.argv.slice(2), { port: { type: "number", default: 3141 } });
const SAN_DONATO = "015192";

const statusOf = (pid) => readFileSync(`/proc/${pid}/status`, "utf8");
const kb = (status, field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
const mb = (k) => Math.round((k / 1024) * 10) / 10;

function resetHighWaterMark(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Sends `bytes`; returns status, detail, ms and the worker's RSS growth (MB) while it was handled. */
async function measure(base, worker, token, name, bytes, type) {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 500));
  const hwmReset = resetHighWaterMark(worker);
  const before = kb(statusOf(worker), "VmRSS");
  let sampled = before;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, kb(statusOf(worker), "VmRSS"));
    } catch {
      /* the worker died */
    }
  }, 50);
  const t0 = performance.now();
  let status = 0;
  let detail = "";
  try {
    const res = await fetch(`${base}/api/v1/comuni/${SAN_DONATO}/import?anteprima=1`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": type, "x-file-name": name },
      body: bytes,
    });
    status = res.status;
    const body = await res.json().catch(() => ({}));
    detail = body.detail ?? body.title ?? "";
  } catch (e) {
    detail = `request failed: ${e.message}`;
  }
  const ms = Math.round(performance.now() - t0);
  clearInterval(timer);
  let peak = sampled;
  try {
    if (hwmReset) peak = Math.max(peak, kb(statusOf(worker), "VmHWM"));
  } catch {
    /* died */
  }
  return {
    file: name,
    bytes: bytes.length,
    status,
    ms,
    rssBeforeMb: mb(before),
    peakGrowthMb: mb(peak - before),
    detail,
  };
}

/**
 * Two hostile uploads at once (the two that make the server parse longest: a million-row sheet and the CSV
 * of 1.7 million records), three times, while /api/health is asked every 100 ms: its worst latency and
 * failures. One of each pair waits for the parse slot (lib/import/parse-gate.ts).
 */
async function healthDuringTwoUploads(base, token, pair) {
  const health = [];
  let running = true;
  const poll = (async () => {
    while (running) {
      const t0 = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
        ok = res.ok;
        await res.arrayBuffer();
      } catch {
        ok = false;
      }
      health.push({ ok, ms: performance.now() - t0 });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = performance.now();
  const uploads = [];
  for (let round = 0; round < 3; round++) {
    uploads.push(
      ...(await Promise.all(
        pair.map(async ([name, bytes, type]) => {
          const res = await fetch(`${base}/api/v1/comuni/${SAN_DONATO}/import?anteprima=1`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": type, "x-file-name": name },
            body: bytes,
          });
          await res.arrayBuffer();
          return res.status;
        }),
      )),
    );
  }
  const uploadsMs = Math.round(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 500));
  running = false;
  await poll;
  const times = health.map((h) => h.ms).sort((a, b) => a - b);
  return {
    uploads,
    uploadsMs,
    healthChecks: health.length,
    healthFailures: health.filter((h) => !h.ok).length,
    healthMaxMs: Math.round(times.at(-1) ?? 0),
    healthP50Ms: Math.round(times[Math.floor(times.length / 2)] ?? 0),
  };
}

const server = await startServer({
  port: opts.port,
  env: { WEB_CONCURRENCY: "1" },
  log: (m) => console.log(m),
});
try {
  const workers = execFileSync("pgrep", ["-P", String(server.child.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map(Number);
  if (workers.length !== 1) throw new Error(`expected one worker, found ${workers.join(", ")}`);
  const worker = workers[0];
  const cookie = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const created = await fetch(`${server.base}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ name: "hostile-uploads" }),
  });
  const { token } = await created.json();
  if (!token) throw new Error(`token creation answered ${created.status}`);

  const template = await fetch(`${server.base}/api/v1/comuni/${SAN_DONATO}/export?formato=csv&modello=1`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.text());
  const headers = template
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)[0]
    .split(";");
  console.log("building the hostile files…");
  const bomb = await bombSheetXlsx(400);
  const files = [
    ["bomba-400MB.xlsx", bomb, "application/octet-stream"],
    [
      "bomba-dichiara-2KB.xlsx",
      withDeclaredSize(bomb, "xl/worksheets/sheet1.xml", 2048),
      "application/octet-stream",
    ],
    ["immagine-1GiB.xlsx", await mediaBombXlsx(1024), "application/octet-stream"],
    ["20000-elementi.xlsx", await manyEntriesXlsx(20_000), "application/octet-stream"],
    ["1M-righe.xlsx", await manyRowsXlsx(1_000_000), "application/octet-stream"],
    ["colonna-XFD.xlsx", await farColumnXlsx(), "application/octet-stream"],
    ["righe.csv", csvManyRows(), "text/csv"],
    ["colonne.csv", csvManyColumns(), "text/csv"],
    ["riga-4MB.csv", csvLongLine(), "text/csv"],
    ["6MB.csv", Buffer.alloc(6 * 1024 * 1024, 0x41), "text/csv"],
    ["legittimo-20000-righe.xlsx", await legitimateXlsx(headers), "application/octet-stream"],
  ];
  // Warm-up: the import route's first answer loads its modules.
  await measure(
    server.base,
    worker,
    token,
    "riscaldamento.csv",
    Buffer.from("Tipo riga;CUP\r\n"),
    "text/csv",
  );
  const results = [];
  for (const [name, bytes, type] of files) {
    const r = await measure(server.base, worker, token, name, bytes, type);
    results.push(r);
    console.log(
      `${name.padEnd(26)} ${String(r.bytes).padStart(9)} B  → ${r.status}  ${String(r.ms).padStart(5)} ms  +${r.peakGrowthMb} MB  ${r.detail.slice(0, 70)}`,
    );
  }
  // A 45 MB JSON body (item 8): refused from its Content-Length.
  const json = { file: "45MB.json", bytes: 45 * 1024 * 1024 };
  {
    const t0 = performance.now();
    const res = await fetch(`${server.base}/api/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: Buffer.alloc(json.bytes, 0x20),
    });
    json.status = res.status;
    json.detail = (await res.json()).detail;
    json.ms = Math.round(performance.now() - t0);
    console.log(
      `${json.file.padEnd(26)} ${String(json.bytes).padStart(9)} B  → ${json.status}  ${json.ms} ms  ${json.detail}`,
    );
  }
  const health = await healthDuringTwoUploads(server.base, token, [files[4], files[6]]);
  console.log(
    `two hostile uploads at once, 3 rounds: ${health.uploads.join(", ")} in ${health.uploadsMs} ms; /api/health ${health.healthChecks} checks, ${health.healthFailures} failed, p50 ${health.healthP50Ms} ms, max ${health.healthMaxMs} ms`,
  );
  const out = {
    measuredAt: new Date().toISOString(),
    server: "scripts/serve.mjs, WEB_CONCURRENCY=1, production build",
    worker: { pid: worker, rssAfterMb: mb(kb(statusOf(worker), "VmRSS")) },
    uploads: results,
    json,
    healthDuringTwoHostileUploads: health,
  };
  writeFileSync(path.join(ROOT, "bench/hostile-uploads.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log("written bench/hostile-uploads.json");
} finally {
  await stopServer(server, (m) => console.log(m));
}
