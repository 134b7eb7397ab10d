// The benchmark of the regional roll-up issue, in one command:
//
//   npm run bench [-- --scale lombardy|italy] [--skip-generate] [--build] [--port 3300]
//                 [--api-runs 50] [--sql-runs 50] [--sql-budget 120] [--duration 30] [--connections 20]
//
// 1. the bench database (smartland_bench_<scale>) is loaded by scripts/bench/generate.mjs (skipped
//    when it already holds the data);
// 2. a production build is made when .next/BUILD_ID is missing (or with --build);
// 3. the production server (scripts/serve.mjs: one worker per core) runs on --port against the bench database (own process group, stopped at the end);
// 4. a coordinator and the San Donato Milanese officer sign in through next-auth's credentials flow;
// 5. measures: GET /api/v1/rollup (sequential, 5 warm-ups + --api-runs) against the same aggregate in
//    raw SQL on the base tables (5 warm-ups + --sql-runs, at most --sql-budget seconds each) → ratio;
//    at Lombardy scale also GET /comuni/015192 with autocannon (--connections, --duration s) against
//    the static /accessibilita → req/s, p95, errors, ratio; the server's peak RSS throughout;
// 6. writes bench/results.json (one entry per scale) and the table of docs/benchmarks.md between
//    <!-- bench:start --> and <!-- bench:end -->.
// The whole runner executes under scripts/with-db.mjs (it re-executes itself), so DATABASE_URL (owner,
// for the raw SQL), APP_DATABASE_URL (the app's restricted role) and NEXTAUTH_SECRET are set.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { filterCombinations, measureFirstViews, measureWriteVisibility } from "./freshness.mjs";
import { rawTotals, ROLLUP_CASES, rollupSql } from "./rollup-sql.mjs";
import { login, rssKb, startServer, stopServer } from "./server.mjs";
import {
  assertBenchDb,
  currentDbName,
  defaultDbName,
  fmtInt,
  parseArgs,
  ROOT,
  runCommand,
  stopOnSignals,
  summarize,
} from "./lib.mjs";

const opts = parseArgs(process.argv.slice(2), {
  scale: { type: "string", default: "lombardy", choices: ["lombardy", "italy"] },
  skipGenerate: { type: "boolean", default: false },
  db: { type: "string", default: undefined }, // debug: another bench database
  limitComuni: { type: "number", default: undefined }, // debug: passed to the generator
  build: { type: "boolean", default: false },
  port: { type: "number", default: 3300 },
  apiRuns: { type: "number", default: 50 },
  sqlRuns: { type: "number", default: 50 },
  sqlBudget: { type: "number", default: 120 },
  duration: { type: "number", default: 30 },
  connections: { type: "number", default: 20 },
  // off: the server runs with SMARTLAND_CACHE=off, so every request recomputes its figures (cold path).
  cache: { type: "string", default: "on", choices: ["on", "off"] },
  // write visibility: funding lines added and deleted as the officer, each polled for as the coordinator
  writeRounds: { type: "number", default: 10 },
});
const resultKey = opts.cache === "off" ? `${opts.scale}-nocache` : opts.scale;
const dbName = opts.db ?? defaultDbName(opts.scale);
/** A debug run (--db / --limit-comuni) writes $TMPDIR/smartland-results.<db>.json and leaves docs/ alone. */
const official = opts.db === undefined && opts.limitComuni === undefined;
assertBenchDb(dbName);

// Run under with-db for the bench database (creates and migrates it; gives the connection strings).
const currentDb = currentDbName();
if (currentDb !== dbName) {
  if (process.env.SMARTLAND_BENCH_CHILD)
    throw new Error(`DATABASE_URL points to "${currentDb}", expected "${dbName}"`);
  process.exit(
    await runCommand(
      [
        "node",
        "scripts/with-db.mjs",
        "--db",
        dbName,
        "node",
        "scripts/bench/run.mjs",
        ...process.argv.slice(2),
      ],
      {
        env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" },
      },
    ),
  );
}

const TARGETS = {
  rollupRatio: 1.5, // API median ≤ 1.5 × raw SQL median
  rollupP95Ms: { lombardy: 200, italy: 1000 },
  dashboardRps: 150,
  dashboardP95Ms: 250,
  dashboardErrors: 0,
  firstViewP95Ms: { lombardy: 100, italy: 300 }, // each of ≥ 24 distinct combinations once, caches off
  writeVisibleP95Ms: 2000, // a committed write in the roll-up
};
const ACCOUNTS = {
  coordinator: { email: "coordinatore@anci.example", password: "Coord-Demo-2026!" },
  officer: { email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" },
};
const DASHBOARD = "/comuni/015192";
const STATIC_PAGE = "/accessibilita";
const base = `http://127.0.0.1:${opts.port}`;
const log = (msg) => console.log(`[bench] ${msg}`);
const round = (v, d = 2) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);

const results = {
  date: new Date().toISOString(),
  scale: opts.scale,
  database: dbName,
  machine: machineInfo(),
  postgres: null,
  build: null,
  generation: null,
  rows: null,
  rollupState: null,
  rollup: [],
  firstViews: null,
  writeVisibility: null,
  dashboard: null,
  server: { peakRssMiB: null, peakRssDuringDashboardMiB: null, pid: null },
  notes: [],
};

let server = null;
let rssTimer = null;
const cleanup = async () => {
  if (rssTimer) clearInterval(rssTimer);
  if (server) await stopServer(server, log);
  server = null;
};
stopOnSignals(log, cleanup);

try {
  // (a) the data
  const reportFile = path.join(os.tmpdir(), `smartland-bench-gen-${process.pid}.json`);
  if (!opts.skipGenerate) {
    const code = await runCommand([
      "node",
      "scripts/bench/generate.mjs",
      "--scale",
      opts.scale,
      "--db",
      dbName,
      "--report",
      reportFile,
      ...(opts.limitComuni === undefined ? [] : ["--limit-comuni", String(opts.limitComuni)]),
    ]);
    if (code !== 0) throw new Error(`the generator failed (exit ${code})`);
    const gen = JSON.parse(readFileSync(reportFile, "utf8"));
    rmSync(reportFile, { force: true });
    results.generation = {
      skipped: gen.skipped,
      loadedAt: gen.loadedAt,
      seconds: gen.seconds,
      version: gen.v,
      limit: gen.limit,
    };
  }

  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  try {
    results.postgres = await postgresInfo(owner);
    results.rows = await rowCounts(owner);
    if (!results.generation) {
      const marker = await owner.query(
        `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`,
      );
      const text = marker.rows[0]?.c ?? "";
      if (text.startsWith("smartland-bench ")) {
        const m = JSON.parse(text.slice("smartland-bench ".length));
        results.generation = {
          skipped: true,
          loadedAt: m.loadedAt,
          seconds: m.seconds,
          version: m.v,
          limit: m.limit,
        };
      } else {
        results.notes.push("--skip-generate: the database carries no generator marker");
      }
    }
    log(
      `rows: ${Object.entries(results.rows)
        .map(([k, v]) => `${k} ${fmtInt(v)}`)
        .join(", ")}`,
    );
    results.rollupState = await owner
      .query(`SELECT "refreshedAt", "durationMs" FROM "RollupState" WHERE id = 1`)
      .then((r) => r.rows[0] ?? null)
      .catch(() => null);

    // (b) the build
    const buildId = path.join(ROOT, ".next/BUILD_ID");
    if (opts.build || !existsSync(buildId)) {
      log("building (npx next build)…");
      const t0 = performance.now();
      const code = await runCommand(["npx", "next", "build"]);
      if (code !== 0) throw new Error(`next build failed (exit ${code})`);
      results.build = { built: true, seconds: round((performance.now() - t0) / 1000, 1) };
    } else {
      results.build = { built: false };
    }
    results.build.id = readFileSync(buildId, "utf8").trim();
    results.build.at = statSync(buildId).mtime.toISOString();

    // (c) the server
    server = await startServer({
      port: opts.port,
      env: { SMARTLAND_CACHE: opts.cache },
      readyPath: STATIC_PAGE,
      log,
    });
    results.server.pid = server.listenerPid;
    if (!server.listenerPid)
      results.notes.push("could not find the process listening on the port: RSS not sampled");
    let peak = 0;
    let phasePeak = null;
    const sample = () => {
      const kb = rssKb(server.child.pid);
      if (kb) {
        peak = Math.max(peak, kb);
        if (phasePeak !== null) phasePeak = Math.max(phasePeak, kb);
      }
    };
    sample();
    rssTimer = setInterval(sample, 500);

    // (d) sign in
    const cookies = {};
    for (const [who, account] of Object.entries(ACCOUNTS)) {
      cookies[who] = await login(base, account.email, account.password);
      log(`signed in as ${account.email}`);
    }

    // (e1a) a coordinator exploring: distinct combinations, each once, before any other roll-up request
    // (with the production caches every one is a miss)
    const combos = await filterCombinations(owner);
    log(`first views: ${combos.length} distinct filter combinations, each once (caches ${opts.cache})`);
    const firstViewsCacheOn = await measureFirstViews(base, cookies.coordinator, combos);
    log(`  median ${firstViewsCacheOn.median} ms, p95 ${firstViewsCacheOn.p95} ms`);

    // (e1) the roll-up: API vs raw SQL
    const stream = await owner.query(`SELECT id::text FROM "Stream" WHERE code = 'SL-01'`);
    for (const c of ROLLUP_CASES(stream.rows[0]?.id)) {
      results.rollup.push(await measureRollup(owner, c, cookies.coordinator));
    }

    // (e1b) a committed write, seen in the roll-up
    const target = await owner.query(
      `SELECT p.id::text AS id, c."provinceIstat" AS province FROM "Project" p JOIN "Comune" c ON c.istat = p."comuneIstat"
       WHERE p."comuneIstat" = '015192' AND p."deletedAt" IS NULL ORDER BY p.id LIMIT 1`,
    );
    if (opts.writeRounds > 0 && target.rows[0]) {
      log(`write visibility: ${opts.writeRounds} rounds (add a funding line, poll; delete it, poll)`);
      const w = await measureWriteVisibility({
        owner,
        base,
        officerCookie: cookies.officer,
        coordinatorCookie: cookies.coordinator,
        projectId: target.rows[0].id,
        comune: "015192",
        province: target.rows[0].province,
        rounds: opts.writeRounds,
      });
      results.writeVisibility = {
        ...w,
        target: TARGETS.writeVisibleP95Ms,
        pass:
          w.create.missed === 0 &&
          w.delete.missed === 0 &&
          Math.max(w.create.p95 ?? Infinity, w.delete.p95 ?? Infinity) <= TARGETS.writeVisibleP95Ms,
      };
      log(
        `  visible after: create p95 ${w.create.p95} ms, delete p95 ${w.delete.p95} ms (missed ${w.create.missed + w.delete.missed})`,
      );
    }

    // (e2) the comune dashboard under load vs a static page (Lombardy scale only)
    if (opts.scale === "lombardy") {
      const check = await fetch(`${base}${DASHBOARD}`, {
        headers: { cookie: cookies.officer },
        redirect: "manual",
      });
      const html = await check.text();
      if (check.status !== 200 || !html.includes("Cruscotto")) {
        throw new Error(
          `GET ${DASHBOARD} as the officer answered ${check.status} (no dashboard): cannot measure it`,
        );
      }
      // One request at a time first: the page's own cost, without queueing.
      const sequential = [];
      for (let i = 0; i < 25; i++) {
        const r = await timeFetch(`${base}${DASHBOARD}`, cookies.officer);
        if (i >= 5) sequential.push(r.ms);
      }
      const dashSequential = summarize(sequential);
      log(
        `${DASHBOARD} one at a time: median ${dashSequential.median} ms, p95 ${dashSequential.p95} ms (n=${dashSequential.n})`,
      );
      // A server in service is warm: every worker has compiled its hot paths before we measure.
      log(`warm-up: autocannon ${DASHBOARD} for 10 s (not measured)`);
      await loadTest(DASHBOARD, cookies.officer, 10);
      log(`autocannon ${STATIC_PAGE}: ${opts.connections} connections, ${opts.duration} s`);
      const staticRun = await loadTest(STATIC_PAGE, null);
      log(`autocannon ${DASHBOARD} (officer of 015192): ${opts.connections} connections, ${opts.duration} s`);
      phasePeak = 0;
      const dashRun = await loadTest(DASHBOARD, cookies.officer);
      sample();
      results.server.peakRssDuringDashboardMiB = round(phasePeak / 1024, 0);
      phasePeak = null;
      const errors = dashRun.errors + dashRun.timeouts + dashRun.non2xx;
      results.dashboard = {
        path: DASHBOARD,
        sequential: dashSequential,
        static: staticRun,
        dynamic: dashRun,
        ratio: round(dashRun.rps / staticRun.rps, 3),
        targets: {
          rps: TARGETS.dashboardRps,
          p95Ms: TARGETS.dashboardP95Ms,
          errors: TARGETS.dashboardErrors,
        },
        pass: {
          rps: dashRun.rps >= TARGETS.dashboardRps,
          p95: dashRun.latency.p95 <= TARGETS.dashboardP95Ms,
          errors: errors <= TARGETS.dashboardErrors,
        },
      };
    }
    sample();
    results.server.peakRssMiB = round(peak / 1024, 0);

    // (e3) the same distinct combinations on a server with every in-process cache off
    let firstViewsCacheOff = opts.cache === "off" ? firstViewsCacheOn : null;
    if (!firstViewsCacheOff) {
      await cleanup();
      server = await startServer({
        port: opts.port,
        env: { SMARTLAND_CACHE: "off" },
        readyPath: STATIC_PAGE,
        log,
      });
      const cookie = await login(base, ACCOUNTS.coordinator.email, ACCOUNTS.coordinator.password);
      log(`first views, caches off: ${combos.length} combinations`);
      firstViewsCacheOff = await measureFirstViews(base, cookie, combos);
      log(`  median ${firstViewsCacheOff.median} ms, p95 ${firstViewsCacheOff.p95} ms`);
    }
    const p95Target = TARGETS.firstViewP95Ms[opts.scale];
    results.firstViews = {
      cacheOff: firstViewsCacheOff,
      cacheOn: opts.cache === "off" ? null : firstViewsCacheOn,
      target: p95Target,
      pass: firstViewsCacheOff.failures.length === 0 && firstViewsCacheOff.p95 <= p95Target,
    };
  } finally {
    await owner.end();
  }
} catch (error) {
  results.error = String(error?.stack ?? error);
  console.error(error);
} finally {
  await cleanup();
}

writeOutputs(results);
printSummary(results);
process.exit(results.error ? 1 : 0);

// ---------------------------------------------------------------------------------------------------

function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAvgAtStart: os.loadavg().map((v) => round(v, 2)),
  };
}

async function postgresInfo(client) {
  const { rows } = await client.query(
    `SELECT name, setting, unit FROM pg_settings
     WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')`,
  );
  const s = Object.fromEntries(
    rows.map((r) => [
      r.name,
      r.unit === "8kB"
        ? `${(Number(r.setting) * 8) / 1024} MB`
        : r.unit === "kB"
          ? `${Number(r.setting) / 1024} MB`
          : r.setting,
    ]),
  );
  return s;
}

async function rowCounts(client) {
  const { rows } = await client.query(`SELECT
      (SELECT count(*) FROM "Comune")::int AS "Comune", (SELECT count(*) FROM "Project")::int AS "Project",
      (SELECT count(*) FROM "FundingLine")::int AS "FundingLine", (SELECT count(*) FROM "Action")::int AS "Action",
      (SELECT count(*) FROM "Indicator")::int AS "Indicator", (SELECT count(*) FROM "ProjectPartner")::int AS "ProjectPartner"`);
  return rows[0];
}

async function timeFetch(url, cookie) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

function toCents(s) {
  const [i, f = ""] = String(s ?? "0").split(".");
  const neg = i.startsWith("-");
  const cents = BigInt(i.replace("-", "") || "0") * 100n + BigInt((f + "00").slice(0, 2));
  return neg ? -cents : cents;
}

async function measureRollup(owner, c, cookie) {
  const url = `${base}/api/v1/rollup${c.query}`;
  const p95Target = TARGETS.rollupP95Ms[opts.scale];
  log(`roll-up ${c.name}: API ${opts.apiRuns} runs…`);
  const api = [];
  let status = null;
  let apiBody = null;
  for (let i = 0; i < 5 + opts.apiRuns; i++) {
    const r = await timeFetch(url, cookie);
    status = r.status;
    if (r.status !== 200) break;
    if (i >= 5) api.push(r.ms);
    else apiBody = r.body;
  }
  const entry = { name: c.name, path: `/api/v1/rollup${c.query}`, status, api: null, sql: null, ratio: null };
  if (status !== 200) {
    entry.note = `the API answered ${status}: not measured`;
    log(`  ${entry.note}`);
  } else {
    entry.api = summarize(api);
  }

  const queries = rollupSql(c.filters);
  const runOnce = async () => {
    const t0 = performance.now();
    const rows = [];
    for (const q of queries) rows.push((await owner.query(q)).rows);
    return { ms: performance.now() - t0, rows };
  };
  log(`roll-up ${c.name}: raw SQL up to ${opts.sqlRuns} runs (${opts.sqlBudget} s budget)…`);
  let last = null;
  for (let i = 0; i < 5; i++) last = await runOnce();
  const sql = [];
  const t0 = performance.now();
  while (sql.length < opts.sqlRuns && (sql.length < 10 || performance.now() - t0 < opts.sqlBudget * 1000)) {
    sql.push((await runOnce()).ms);
  }
  entry.sql = summarize(sql);
  const raw = rawTotals(last.rows);
  entry.rawTotals = raw;

  if (entry.api) {
    entry.ratio = round(entry.api.median / entry.sql.median, 3);
    try {
      const t = JSON.parse(apiBody).data?.totals ?? {};
      entry.consistent =
        t.projects === raw.projects &&
        toCents(t.planned) === toCents(raw.planned) &&
        toCents(t.paid) === toCents(raw.paid);
      if (!entry.consistent) {
        entry.apiTotals = { projects: t.projects, planned: t.planned, paid: t.paid };
      }
    } catch {
      entry.consistent = null;
    }
  }
  entry.targets = { ratio: TARGETS.rollupRatio, p95Ms: p95Target };
  entry.pass = entry.api
    ? { ratio: entry.ratio <= TARGETS.rollupRatio, p95: entry.api.p95 <= p95Target }
    : { ratio: null, p95: null };
  log(
    `  API median ${entry.api?.median ?? "–"} ms p95 ${entry.api?.p95 ?? "–"} ms | SQL median ${entry.sql.median} ms p95 ${entry.sql.p95} ms (n=${entry.sql.n}) | ratio ${entry.ratio ?? "–"}${entry.consistent === false ? " | TOTALS DIFFER" : ""}`,
  );
  return entry;
}

/** autocannon with every response time kept (its own percentiles have no p95). */
function loadTest(pathname, cookie, duration = opts.duration) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const loadAvg = os.loadavg().map((v) => round(v, 2));
    const instance = autocannon(
      {
        url: `${base}${pathname}`,
        connections: opts.connections,
        duration,
        headers: cookie ? { cookie } : {},
        timeout: 10,
      },
      (err, result) => {
        if (err) return reject(err);
        const s = summarize(latencies);
        resolve({
          path: pathname,
          connections: opts.connections,
          seconds: duration,
          requests: result.requests.total,
          rps: round(result.requests.total / (result.duration || duration), 1),
          latency: { median: s.median, p95: s.p95, p99: result.latency.p99, max: result.latency.max },
          status2xx: result["2xx"],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          loadAvgBefore: loadAvg,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

// ---------------------------------------------------------------------------------------------------

function writeOutputs(r) {
  const dir = path.join(ROOT, "bench");
  mkdirSync(dir, { recursive: true });
  const file = official
    ? path.join(dir, "results.json")
    : path.join(os.tmpdir(), `smartland-results.${dbName}.json`);
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    /* first run */
  }
  all[resultKey] = { ...r, cache: opts.cache };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  log(`wrote ${file.startsWith(ROOT) ? path.relative(ROOT, file) : file}`);

  const doc = path.join(ROOT, "docs/benchmarks.md");
  if (!official || !existsSync(doc)) return;
  const text = readFileSync(doc, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log(`docs/benchmarks.md has no ${start} … ${end} markers: table not written`);
    return;
  }
  const table = renderTables(all);
  writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
  // The repository's lint runs `prettier --check .`: keep the generated table in its format.
  try {
    execFileSync("npx", ["prettier", "--write", "docs/benchmarks.md"], { cwd: ROOT, stdio: "ignore" });
  } catch {
    log("prettier could not format docs/benchmarks.md");
  }
  log("updated docs/benchmarks.md");
}

function renderTables(all) {
  const ms = (v) => (v === null || v === undefined ? "–" : `${v} ms`);
  const ok = (v) => (v === true ? "✅ pass" : v === false ? "❌ fail" : "–");
  const out = [];
  for (const key of ["lombardy", "lombardy-nocache", "italy", "italy-nocache"]) {
    const r = all[key];
    if (!r) continue;
    const scale = r.scale;
    const cacheNote =
      r.cache === "off" ? " — caches off (every request recomputed)" : " — caches on (production setting)";
    const m = r.machine;
    const gen = r.generation;
    out.push(
      `### ${scale === "lombardy" ? "Lombardy" : "Italy"} scale${cacheNote} — ${r.date.slice(0, 16).replace("T", " ")} UTC`,
      "",
      `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.ramGiB} GiB RAM, Node ${m.node}, load average at start ${m.loadAvgAtStart.join(" / ")}; ` +
        `PostgreSQL ${r.postgres?.server_version ?? "?"} (shared_buffers ${r.postgres?.shared_buffers ?? "?"}, ` +
        `max_parallel_workers_per_gather ${r.postgres?.max_parallel_workers_per_gather ?? "?"}).`,
      "",
      `Rows: ${
        r.rows
          ? Object.entries(r.rows)
              .map(([k, v]) => `${k} ${fmtInt(v)}`)
              .join(", ")
          : "–"
      }. ` +
        (gen?.seconds
          ? `Generation: load ${gen.seconds.load} s, rollup_rebuild() ${gen.seconds.refresh} s, VACUUM ANALYZE ${gen.seconds.vacuumAnalyze} s${gen.skipped ? ` (loaded ${gen.loadedAt?.slice(0, 16)}, reused)` : ""}.`
          : "") +
        (r.rollupState
          ? ` Roll-up facts last rebuilt at ${new Date(r.rollupState.refreshedAt).toISOString().slice(0, 19)}Z (${r.rollupState.durationMs} ms; kept by the writes since).`
          : ""),
      "",
      "| measurement | median | p95 | compared with | ratio | target | result |",
      "|---|---|---|---|---|---|---|",
    );
    for (const e of r.rollup ?? []) {
      const target = `ratio ≤ ${e.targets?.ratio ?? TARGETS.rollupRatio}, p95 ≤ ${e.targets?.p95Ms} ms`;
      const result = e.api
        ? `${ok(e.pass.ratio)} ratio · ${ok(e.pass.p95)} p95${e.consistent === false ? " · totals differ!" : ""}`
        : `not measured (HTTP ${e.status})`;
      out.push(
        `| \`GET /api/v1/rollup${e.name === "no filter" ? "" : `?${e.name}`}\` (${e.api?.n ?? 0} sequential) | ${ms(e.api?.median)} | ${ms(e.api?.p95)} | raw SQL ${ms(e.sql?.median)} / p95 ${ms(e.sql?.p95)} (n=${e.sql?.n ?? 0}) | ${e.ratio ?? "–"} | ${target} | ${result} |`,
      );
    }
    const d = r.dashboard;
    if (d) {
      out.push(
        `| \`GET ${d.path}\` officer, autocannon ${d.dynamic.connections} conn × ${d.dynamic.seconds} s: **${d.dynamic.rps} req/s** | ${ms(d.dynamic.latency.median)} | ${ms(d.dynamic.latency.p95)} | static \`${d.static.path}\` ${d.static.rps} req/s, p95 ${ms(d.static.latency.p95)} | ${d.ratio} | ≥ ${d.targets.rps} req/s, p95 ≤ ${d.targets.p95Ms} ms, 0 errors | ${ok(d.pass.rps)} req/s · ${ok(d.pass.p95)} p95 · ${ok(d.pass.errors)} errors (${d.dynamic.non2xx} non-2xx, ${d.dynamic.errors} errors, ${d.dynamic.timeouts} timeouts) |`,
      );
    }
    const fv = r.firstViews;
    if (fv) {
      out.push(
        `| \`GET /api/v1/rollup?…\` first view: ${fv.cacheOff.combinations} distinct combinations, each once, **caches off** | ${ms(fv.cacheOff.median)} | ${ms(fv.cacheOff.p95)} | same with production caches (all misses): ${ms(fv.cacheOn?.median)} / p95 ${ms(fv.cacheOn?.p95)} | – | p95 ≤ ${fv.target} ms | ${ok(fv.pass)} (slowest: ${fv.cacheOff.slowest.map((x) => `${x.query} ${x.ms} ms`).join("; ")}) |`,
      );
    }
    const wv = r.writeVisibility;
    if (wv) {
      out.push(
        `| a committed write visible in the roll-up (officer adds / deletes a funding line through the API, coordinator polls every ${wv.pollMs} ms; ${wv.rounds} + ${wv.rounds}) | ${ms(wv.create.median)} / ${ms(wv.delete.median)} | ${ms(wv.create.p95)} / ${ms(wv.delete.p95)} | the write itself: ${ms(wv.writeMs.median)} / p95 ${ms(wv.writeMs.p95)} | – | p95 ≤ ${wv.target} ms | ${ok(wv.pass)}${wv.create.missed + wv.delete.missed ? ` (${wv.create.missed + wv.delete.missed} not seen in 30 s)` : ""} |`,
      );
    }
    if (d?.sequential) {
      out.push(
        `| \`GET ${d.path}\` officer, one request at a time (${d.sequential.n}) | ${ms(d.sequential.median)} | ${ms(d.sequential.p95)} | – | – | – | – |`,
      );
    }
    out.push(
      "",
      `Server peak RSS: ${r.server?.peakRssMiB ?? "–"} MiB${r.server?.peakRssDuringDashboardMiB ? ` (${r.server.peakRssDuringDashboardMiB} MiB during the dashboard load test)` : ""}.` +
        (r.error ? ` **Run failed:** ${String(r.error).split("\n")[0]}` : "") +
        (r.notes?.length ? ` Notes: ${r.notes.join("; ")}.` : ""),
      "",
    );
  }
  return out.join("\n");
}

function printSummary(r) {
  log("summary");
  for (const e of r.rollup) {
    log(
      `  rollup ${e.name.padEnd(30)} API ${e.api ? `${e.api.median} / p95 ${e.api.p95} ms` : `HTTP ${e.status}`} | SQL ${e.sql ? `${e.sql.median} / p95 ${e.sql.p95} ms` : "–"} | ratio ${e.ratio ?? "–"} | ${e.api ? `ratio ${e.pass.ratio ? "PASS" : "FAIL"}, p95 ${e.pass.p95 ? "PASS" : "FAIL"}` : "not measured"}`,
    );
  }
  if (r.firstViews) {
    const f = r.firstViews;
    log(
      `  first views (${f.cacheOff.combinations} combinations) caches off median ${f.cacheOff.median} / p95 ${f.cacheOff.p95} ms${f.cacheOn ? ` | caches on median ${f.cacheOn.median} / p95 ${f.cacheOn.p95} ms` : ""} | ${f.pass ? "PASS" : "FAIL"}`,
    );
  }
  if (r.writeVisibility) {
    const w = r.writeVisibility;
    log(
      `  write visible: create p95 ${w.create.p95} ms, delete p95 ${w.delete.p95} ms | ${w.pass ? "PASS" : "FAIL"}`,
    );
  }
  if (r.dashboard) {
    const d = r.dashboard;
    log(
      `  dashboard ${d.dynamic.rps} req/s, median ${d.dynamic.latency.median} ms, p95 ${d.dynamic.latency.p95} ms, non-2xx ${d.dynamic.non2xx}, errors ${d.dynamic.errors}, timeouts ${d.dynamic.timeouts} | static ${d.static.rps} req/s p95 ${d.static.latency.p95} ms | ratio ${d.ratio} | rps ${d.pass.rps ? "PASS" : "FAIL"}, p95 ${d.pass.p95 ? "PASS" : "FAIL"}, errors ${d.pass.errors ? "PASS" : "FAIL"}`,
    );
  }
  log(`  server peak RSS ${r.server.peakRssMiB ?? "–"} MiB`);
  if (r.error) log(`  FAILED: ${String(r.error).split("\n")[0]}`);
}
