// Documents benchmark (issue #18, "Speeds"): upload and download of a 20 MB document through the production
// server (scripts/serve.mjs, one worker), measuring the time and the growth of the server's resident memory
// (RSS of its whole process group, sampled every 25 ms) during each. The target: the server's memory grows
// by no more than ~2× the file (40 MB) while a 20 MB document goes in or out. See docs/benchmarks.md.
//
//   node scripts/bench/documents.mjs [--runs 3] [--port 3190] [--mb 20]
//
// Runs against its own database `smartland_bench_documents` (reset and seeded); needs `npx next build`.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { assertBenchDb, currentDbName, parseArgs, runCommand } from "./lib.mjs";
import { login, rssKb, startServer, stopServer } from "./server.mjs";

const opts = parseArgs(process.argv.slice(2), {
  runs: { type: "number", default: 3 },
  port: { type: "number", default: 3190 },
  mb: { type: "number", default: 20 },
});
const DB = "smartland_bench_documents";
assertBenchDb(DB);

if (currentDbName() !== DB) {
  if (process.env.SMARTLAND_BENCH_CHILD) throw new Error(`DATABASE_URL is not ${DB}`);
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
        "scripts/bench/documents.mjs",
        ...process.argv.slice(2),
      ],
      { env: { ...process.env, SMARTLAND_BENCH_CHILD: "1", ROLLUP_REFRESH_DELAY_MS: "-1" } },
    ),
  );
}

const SIZE = opts.mb * 1024 * 1024;
const log = (line) => console.log(`[bench:documents] ${line}`);

/** A body of SIZE bytes, generated 64 KB at a time (the client never holds the file either). */
function body(hash) {
  let sent = 0;
  let seed = 7;
  return new ReadableStream({
    pull(controller) {
      if (sent >= SIZE) return controller.close();
      const piece = Buffer.alloc(Math.min(65_536, SIZE - sent));
      for (let i = 0; i < piece.length; i++)
        piece[i] = (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) >>> 24;
      if (sent === 0) Buffer.from("%PDF-1.7\n").copy(piece);
      sent += piece.length;
      hash.update(piece);
      controller.enqueue(piece);
    },
  });
}

/** Runs `work` while sampling the server's RSS; returns the time and the peak growth over the RSS before. */
async function measured(pgid, work) {
  const before = rssKb(pgid);
  let peak = before;
  const timer = setInterval(() => {
    const now = rssKb(pgid);
    if (now && now > peak) peak = now;
  }, 25);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  const after = rssKb(pgid);
  peak = Math.max(peak, after ?? 0);
  return { ms, beforeMb: before / 1024, growthMb: (peak - before) / 1024, result };
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const [project] = (
  await client.query(
    `SELECT id FROM "Project" WHERE "comuneIstat" = '015192' AND "deletedAt" IS NULL ORDER BY id LIMIT 1`,
  )
).rows;
await client.end();

const server = await startServer({ port: opts.port, env: { WEB_CONCURRENCY: "1" }, log });
const pgid = server.child.pid;
try {
  const cookie = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const url = `${server.base}/api/v1/projects/${project.id}/documents`;
  const upload = async () => {
    const hash = createHash("sha256");
    const res = await fetch(url, {
      method: "POST",
      headers: { cookie, "content-type": "application/octet-stream", "x-file-name": "bench.pdf" },
      body: body(hash),
      duplex: "half",
    });
    const json = await res.json();
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(json)}`);
    if (json.data.sha256 !== hash.digest("hex")) throw new Error("upload: sha256 differs");
    return json.data;
  };
  const download = async (doc) => {
    const res = await fetch(`${url}/${doc.id}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`download: ${res.status}`);
    const hash = createHash("sha256");
    for await (const piece of res.body) hash.update(piece);
    if (hash.digest("hex") !== doc.sha256) throw new Error("download: sha256 differs");
  };
  // Warm-up: the routes compiled and the pools open, so the runs measure the transfer.
  await download(await upload());
  const rows = [];
  for (let run = 1; run <= opts.runs; run++) {
    const up = await measured(pgid, upload);
    const down = await measured(pgid, () => download(up.result));
    rows.push({ up, down });
    log(
      `run ${run}: upload ${(up.ms / 1000).toFixed(2)} s, RSS ${up.beforeMb.toFixed(0)} MB +${up.growthMb.toFixed(1)} MB; ` +
        `download ${(down.ms / 1000).toFixed(2)} s, RSS ${down.beforeMb.toFixed(0)} MB +${down.growthMb.toFixed(1)} MB`,
    );
  }
  const max = (f) => Math.max(...rows.map(f));
  log(
    `${opts.mb} MB × ${opts.runs}: upload ≤ ${(max((r) => r.up.ms) / 1000).toFixed(2)} s, RSS growth ≤ ${max((r) => r.up.growthMb).toFixed(1)} MB; ` +
      `download ≤ ${(max((r) => r.down.ms) / 1000).toFixed(2)} s, RSS growth ≤ ${max((r) => r.down.growthMb).toFixed(1)} MB ` +
      `(target: ≤ ${2 * opts.mb} MB each)`,
  );
  if (max((r) => Math.max(r.up.growthMb, r.down.growthMb)) > 2 * opts.mb) process.exitCode = 1;
} finally {
  await stopServer(server, log);
}
