// The mixed-workload load test of the reliability issue, in one command:
//
//   npm run reliability:load [-- --duration 60] [--port 3400] [--db smartland_bench_lombardy] [--build]
//
// Against the Lombardy-scale bench database (loaded by `npm run bench`; generated here when missing) and a
// production build served by scripts/serve.mjs on 127.0.0.1, for --duration seconds, every route kind of
// the mix (scripts/reliability/mix.mjs: officers reading and writing, coordinators reading the roll-up and
// exporting) at the same time.
// Every route kind is its own autocannon instance, so its latency is reported on its own. Errors are every
// non-2xx answer, socket error and timeout (10 s). The server's memory (RSS summed over its process group) is
// sampled every second; "stable" means the mean of the last 10 s is within --memory-bound-pct (10 %) of the
// mean of the 10 s around the middle of the run (the bounded caches fill in the first half). Writes results
// to bench/reliability.json (key "load") and prints a table.
import { writeFileSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { defaultDbName, parseArgs, ROOT, summarize } from "../bench/lib.mjs";
import { groupCpuMs, postgresCpuMs, rssKb, startServer, stopServer } from "../bench/server.mjs";
import { onBenchDatabase, prepareMix, removeMixLines, STATIC_PAGE, tableCounts } from "./mix.mjs";

const opts = parseArgs(process.argv.slice(2), {
  duration: { type: "number", default: 60 },
  port: { type: "number", default: 3400 },
  db: { type: "string", default: defaultDbName("lombardy") },
  build: { type: "boolean", default: false },
  warmup: { type: "number", default: 10 },
  memoryBoundPct: { type: "number", default: 10 },
  // the static page's throughput, measured alone right before the mixed load (this host's speed drifts)
  staticSeconds: { type: "number", default: 15 },
});
// Issue #17's targets: p95 on every page route and on the roll-up API; total throughput as a ratio to the
// static page of the same run (the run before issue #17 is the reference in docs/reliability.md).
const TARGETS = { pageP95Ms: 400, rollupApiP95Ms: 150, errors: 0 };
await onBenchDatabase(opts, "scripts/reliability/load.mjs");
const log = (msg) => console.log(`[load] ${msg}`);

const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
await owner.connect();
let server = null;
try {
  server = await startServer({ port: opts.port, log });
  const base = server.base;

  const mix = await prepareMix(base, owner, log);
  const { scenarios, counts } = mix;

  // Warm-up (not measured): every route once per officer.
  log(`warm-up ${opts.warmup} s`);
  await Promise.all(
    scenarios.map((s) => runScenario(base, s, Math.max(1, Math.round(s.connections / 2)), opts.warmup)),
  );

  // The reference: the static page alone, as many connections as the mixed load.
  const connectionsTotal = scenarios.reduce((a, s) => a + s.connections, 0);
  log(`static page ${STATIC_PAGE}: ${connectionsTotal} connections, ${opts.staticSeconds} s`);
  const staticRun = await runScenario(
    base,
    { requests: [{ setupRequest: (req) => ({ ...req, path: STATIC_PAGE }) }] },
    connectionsTotal,
    opts.staticSeconds,
  );
  const staticRef = {
    path: STATIC_PAGE,
    connections: connectionsTotal,
    rps: round(staticRun.requests.total / (staticRun.duration || opts.staticSeconds)),
    p95Ms: staticRun.summary.p95,
    errors: staticRun.non2xx + staticRun.errors + staticRun.timeouts,
  };
  log(`  ${staticRef.rps} req/s, p95 ${staticRef.p95Ms} ms`);

  const rss = [];
  const cpu0 = cpuNow(server.child.pid);
  const t0 = Date.now();
  const timer = setInterval(() => {
    const kb = rssKb(server.child.pid);
    if (kb) rss.push({ s: (Date.now() - t0) / 1000, mib: kb / 1024 });
  }, 1000);
  log(
    `measuring ${opts.duration} s: ${scenarios.reduce((a, s) => a + s.connections, 0)} connections in ${scenarios.length} route kinds`,
  );
  mix.reassign(); // the measured run's connections take the officers from the first again
  const measured = await Promise.all(
    scenarios.map((s) => runScenario(base, s, s.connections, opts.duration)),
  );
  clearInterval(timer);
  const cpu = cpuSpent(cpu0, cpuNow(server.child.pid), (Date.now() - t0) / 1000);

  const routes = scenarios.map((s, i) => {
    const r = measured[i];
    return {
      route: s.name,
      connections: s.connections,
      requests: r.requests.total,
      rps: round(r.requests.total / (r.duration || opts.duration)),
      p50Ms: r.summary.median,
      p95Ms: r.summary.p95,
      p99Ms: r.latency.p99,
      maxMs: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      statusCodes: r.statusCodeStats,
    };
  });
  // The caches fill during the first half (bounded LRUs); "stable" is judged on the second half: the
  // mean of the last 10 s against the 10 s around the middle of the run.
  const early = meanOf(rss.filter((x) => x.s <= 10));
  const middle = meanOf(rss.filter((x) => Math.abs(x.s - opts.duration / 2) <= 5));
  const late = meanOf(rss.filter((x) => x.s >= opts.duration - 10));
  const memory = {
    samples: rss.length,
    firstTenSecondsMiB: round(early),
    middleMiB: round(middle),
    lastTenSecondsMiB: round(late),
    peakMiB: round(Math.max(...rss.map((x) => x.mib))),
    growthPct: round(((late - early) / early) * 100),
    secondHalfGrowthPct: round(((late - middle) / middle) * 100),
    boundPct: opts.memoryBoundPct,
    series: rss.filter((_, i) => i % 5 === 0).map((x) => [round(x.s, 0), round(x.mib, 0)]),
  };
  memory.stable = memory.secondHalfGrowthPct <= opts.memoryBoundPct;
  // A write still in flight when autocannon stops (its POST sent, its DELETE never) leaves its funding line
  // behind, and the server may commit it after autocannon returns: stop the server first (it finishes the
  // requests it has), then remove them, so that the bench database keeps the generator's row counts (a
  // line left over made the next run load the whole data again).
  await stopServer(server, log);
  server = null;
  const leftovers = await removeMixLines(owner);
  const countsAfter = await tableCounts(owner);
  const totals = {
    requests: routes.reduce((a, r) => a + r.requests, 0),
    errors: routes.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0),
  };
  totals.rps = round(totals.requests / opts.duration);
  totals.ratioToStatic = round(totals.rps / staticRef.rps, 4);
  const pages = routes.filter((r) => !/API|write|export/i.test(r.route));
  const rollupApi = routes.find((r) => r.route === "coordinator: roll-up API");
  const targets = {
    ...TARGETS,
    pass: {
      pages: pages.every((r) => r.p95Ms <= TARGETS.pageP95Ms),
      rollupApi: (rollupApi?.p95Ms ?? Infinity) <= TARGETS.rollupApiP95Ms,
      errors: totals.errors <= TARGETS.errors,
    },
  };
  const result = {
    date: new Date().toISOString(),
    database: opts.db,
    durationS: opts.duration,
    machine: { cpus: os.cpus().length, loadAvgAtEnd: os.loadavg().map((v) => round(v)) },
    serverWorkers: Number(process.env.WEB_CONCURRENCY) || os.availableParallelism(),
    static: staticRef,
    routes,
    totals,
    targets,
    memory,
    cpu,
    rowsBefore: counts,
    rowsAfter: countsAfter,
    leftoverFundingLinesRemoved: leftovers,
  };
  printTable(result);
  const file = path.join(ROOT, "bench/reliability.json");
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  all.load = result;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  log(`written ${path.relative(ROOT, file)}`);
  process.exitCode = totals.errors === 0 && memory.stable ? 0 : 1;
} finally {
  if (server) await stopServer(server, log);
  await owner.end();
}

/** autocannon with every response time kept (its own percentiles have no p95). */
function runScenario(base, scenario, connections, duration) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        timeout: 10,
        requests: scenario.requests,
        // Every connection has its own context (officer, last funding line written).
        initialContext: {},
      },
      (err, result) => (err ? reject(err) : resolve({ ...result, summary: summarize(latencies) })),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    instance.on("error", reject);
  });
}

/** CPU time used so far (ms): the server's process group, PostgreSQL on this host, this process (autocannon). */
function cpuNow(serverGroup) {
  const own = process.cpuUsage();
  return {
    server: groupCpuMs(serverGroup),
    postgres: postgresCpuMs(),
    loadGenerator: (own.user + own.system) / 1000,
  };
}

/** Where the machine's cores went during the measured run, in cores (CPU seconds per second). */
function cpuSpent(before, after, seconds) {
  const cores = (k) =>
    before[k] === null || after[k] === null ? null : round((after[k] - before[k]) / 1000 / seconds, 2);
  const spent = {
    server: cores("server"),
    postgres: cores("postgres"),
    loadGenerator: cores("loadGenerator"),
  };
  const used = Object.values(spent).reduce((a, v) => a + (v ?? 0), 0);
  return { ...spent, machine: os.availableParallelism(), idle: round(os.availableParallelism() - used, 2) };
}

function meanOf(samples) {
  return samples.reduce((a, x) => a + x.mib, 0) / Math.max(1, samples.length);
}

function round(v, d = 1) {
  return Math.round(v * 10 ** d) / 10 ** d;
}

function printTable(r) {
  const rows = r.routes.map(
    (x) =>
      `| ${x.route} | ${x.connections} | ${x.requests} | ${x.rps} | ${x.p50Ms} | ${x.p95Ms} | ${x.p99Ms} | ${x.non2xx + x.errors + x.timeouts} |`,
  );
  console.log(
    [
      "| route | conn. | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
      "|---|--:|--:|--:|--:|--:|--:|--:|",
      ...rows,
      "",
      `static page ${r.static.path} alone: ${r.static.rps} req/s (p95 ${r.static.p95Ms} ms); mixed load ${r.totals.rps} req/s in all = ${r.totals.ratioToStatic} × the static page`,
      `targets: page routes p95 ≤ ${r.targets.pageP95Ms} ms ${r.targets.pass.pages ? "PASS" : "FAIL"}, roll-up API p95 ≤ ${r.targets.rollupApiP95Ms} ms ${r.targets.pass.rollupApi ? "PASS" : "FAIL"}, 0 errors ${r.targets.pass.errors ? "PASS" : "FAIL"}`,
      `CPU during the run, in cores of ${r.cpu.machine}: server ${r.cpu.server}, PostgreSQL ${r.cpu.postgres ?? "–"}, load generator ${r.cpu.loadGenerator}, left ${r.cpu.idle}`,
      `total ${r.totals.requests} requests, ${r.totals.errors} errors; memory ${r.memory.firstTenSecondsMiB} → ${r.memory.middleMiB} → ${r.memory.lastTenSecondsMiB} MiB (second half ${r.memory.secondHalfGrowthPct} %, bound ${r.memory.boundPct} %; whole run ${r.memory.growthPct} %), peak ${r.memory.peakMiB} MiB`,
    ].join("\n"),
  );
}
