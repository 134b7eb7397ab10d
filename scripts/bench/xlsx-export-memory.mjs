// Memory and time of a large XLSX export (lib/export/table-export.ts, `xlsxStream`): 200,000 synthetic rows
// shaped like the roll-up's project export (15 columns: text, dates, money), read by a consumer at full
// speed and by a slow one. Each case runs in its own process, so one case's garbage does not weigh on the
// next. Reports peak growth of RSS, of the JS heap and of memory outside the heap (Buffers), the time and
// the file size. See docs/benchmarks.md ("XLSX export memory").
//
//   node scripts/bench/xlsx-export-memory.mjs                       # both consumers, 200,000 rows
//   node scripts/bench/xlsx-export-memory.mjs --rows 50000 --runs 3
//   node scripts/bench/xlsx-export-memory.mjs --module lib/export/other-table-export.ts   # compare a variant
//
// The rows come from an async generator that never waits for I/O (pages resolve as microtasks): the
// hardest case for backpressure, since nothing but the export itself lets compression run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, ROOT } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2), {
  rows: { default: "200000" },
  runs: { default: "1" },
  module: { default: "lib/export/table-export.ts" },
  consumer: { default: "" }, // internal: the case a child process runs
  only: { default: "" }, // "fast" or "slow": run that consumer only
  gc: { default: "0" }, // every N ms, a full GC before sampling: peaks of live memory, without garbage
  slowBytesPerSecond: { default: String(2 * 1024 * 1024) },
});

const ROWS = Number(args.rows);

async function* projectPages(total, size = 2000) {
  const themes = ["Mobilità", "Energia", "Digitale", "Ambiente", "Sociale"];
  for (let start = 0; start < total; start += size) {
    const page = [];
    for (let k = start; k < Math.min(total, start + size); k++) {
      page.push({
        cup: `E${String(10_000_000 + k).padStart(14, "0")}`,
        localCode: `LC-${k}`,
        title: `Riqualificazione dell'edificio comunale n. ${k} e opere accessorie`,
        comuneName: `Comune ${k % 1503}`,
        comune: String(12_000 + (k % 1503)).padStart(6, "0"),
        stream: `SL-0${1 + (k % 6)}`,
        theme: themes[k % themes.length],
        status: "In esecuzione",
        health: "Regolare",
        plannedStart: new Date(Date.UTC(2024, k % 12, 1 + (k % 28))),
        plannedEnd: new Date(Date.UTC(2026, k % 12, 1 + (k % 28))),
        totalCost: String(100_000 + ((k * 7919) % 900_000) + 0.5),
        planned: String(80_000 + ((k * 104_729) % 500_000)),
        committed: String((k * 31) % 300_000),
        paid: String((k * 17) % 100_000),
      });
    }
    yield page;
  }
}

const COLUMNS = [
  { header: "CUP", value: (p) => p.cup },
  { header: "Codice locale", value: (p) => p.localCode },
  { header: "Titolo", value: (p) => p.title },
  { header: "Comune", value: (p) => p.comuneName },
  { header: "Codice ISTAT comune", value: (p) => p.comune },
  { header: "Filone", value: (p) => p.stream },
  { header: "Tema", value: (p) => p.theme },
  { header: "Stato procedurale", value: (p) => p.status },
  { header: "Andamento", value: (p) => p.health },
  { header: "Inizio previsto", value: (p) => p.plannedStart, kind: "date" },
  { header: "Fine prevista", value: (p) => p.plannedEnd, kind: "date" },
  { header: "Costo totale", value: (p) => Number(p.totalCost), kind: "money" },
  { header: "Previsto", value: (p) => Number(p.planned), kind: "money" },
  { header: "Impegnato", value: (p) => Number(p.committed), kind: "money" },
  { header: "Pagato", value: (p) => Number(p.paid), kind: "money" },
];

async function runCase(consumer) {
  const { xlsxStream } = await import(pathToFileURL(path.resolve(ROOT, args.module)).href);
  global.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed - base.heapUsed);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers - base.external - base.arrayBuffers);
  };
  const gcEvery = Number(args.gc);
  const timer = gcEvery > 0 ? undefined : setInterval(sample, 10);
  const gcTimer = gcEvery > 0 ? setInterval(() => (global.gc(), sample()), gcEvery) : undefined;
  const started = performance.now();
  const reader = xlsxStream(COLUMNS, projectPages(ROWS), {
    sheetName: "interventi",
    title: "Bench",
  }).getReader();
  const slowRate = Number(args.slowBytesPerSecond);
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (!gcEvery) sample();
    if (consumer === "slow") await new Promise((r) => setTimeout(r, (value.byteLength / slowRate) * 1000));
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  clearInterval(gcTimer);
  sample();
  return { consumer, rows: ROWS, ms: Math.round(ms), bytes, peakMB: mb(peak) };
}

const mb = (peak) => Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1e5) / 10]));

if (args.consumer) {
  console.log(JSON.stringify(await runCase(args.consumer)));
} else {
  const results = [];
  for (const consumer of args.only ? [args.only] : ["fast", "slow"]) {
    for (let run = 0; run < Number(args.runs); run++) {
      const child = spawnSync(
        process.execPath,
        [
          "--expose-gc",
          "--conditions=react-server",
          "--import",
          "tsx",
          import.meta.filename,
          ...process.argv.slice(2),
          "--consumer",
          consumer,
        ],
        { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      if (child.status !== 0) throw new Error(`the ${consumer} case failed (exit ${child.status})`);
      const result = JSON.parse(child.stdout.trim().split("\n").at(-1));
      results.push(result);
      console.log(
        `${consumer.padEnd(4)} ${result.rows} rows: ${result.ms} ms, ${(result.bytes / 1e6).toFixed(1)} MB file, ` +
          `peak growth RSS ${result.peakMB.rss} MB, heap ${result.peakMB.heapUsed} MB, ` +
          `buffers ${result.peakMB.external} MB`,
      );
    }
  }
}
