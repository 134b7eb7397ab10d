// What each request of the mixed workload costs, in CPU, and what the mix asks of the machine:
//
//   npm run reliability:cost [-- --seconds 10] [--cache off] [--profile] [--port 3401] [--db smartland_bench_lombardy]
//
// The same route kinds and requests as `npm run reliability:load` (scripts/reliability/mix.mjs), against the
// same bench database and production server (scripts/serve.mjs), but each route kind alone and one request
// at a time, for --seconds after a short warm-up, reading before and after the CPU time used by the server's
// processes (cluster primary and workers) and by PostgreSQL (the embedded server on this host). CPU time is
// what the load's throughput is made of, and it is steadier than requests per second under load on this
// host (the same build: ±4–12 % from run to run, where the load's throughput moved by up to 2×); each route
// is also given in static pages (its CPU over the static page's, measured in the same run), which takes
// out most of what remains of the host's drift.
//
// With the route kinds' request rates of the last load run (bench/reliability.json, key "load"), it also
// gives the mix's demand: Σ rate × CPU per request, in cores, against the cores this machine has — the
// throughput a route costs and the capacity the mix had (docs/reliability.md, "What the mix costs").
// With --cache off the server runs with SMARTLAND_CACHE=off (every view computed, as under constant
// writes). Writes results to bench/reliability.json (key "cost" or "costCacheOff") and prints a table.
//
// With --profile the server runs one worker under V8's CPU profiler, and each route's busy CPU in that
// worker is split into who ran it: Next.js and React, Node's runtime, the portal's own code, the database
// client, the garbage collector (scripts/reliability/cpu-profile.mjs) — what a faster route would have to
// take away. The profiler adds its own overhead: these figures go to the key "costProfile", beside, not in
// place of, the plain run's.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { defaultDbName, parseArgs, ROOT } from "../bench/lib.mjs";
import { groupCpuMs, postgresCpuMs, startServer, stopServer } from "../bench/server.mjs";
import { CLASS_LABELS, CLASSES, classifyWindows, readProfile } from "./cpu-profile.mjs";
import { onBenchDatabase, prepareMix, removeMixLines, STATIC_PAGE } from "./mix.mjs";

const opts = parseArgs(process.argv.slice(2), {
  seconds: { type: "number", default: 10 },
  warmup: { type: "number", default: 5 },
  cache: { type: "string", default: "on" },
  port: { type: "number", default: 3401 },
  db: { type: "string", default: defaultDbName("lombardy") },
  build: { type: "boolean", default: false },
  profile: { type: "boolean", default: false },
});
if (!["on", "off"].includes(opts.cache)) throw new Error("--cache is on or off");
await onBenchDatabase(opts, "scripts/reliability/cost.mjs");
const log = (msg) => console.log(`[cost] ${msg}`);

const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
await owner.connect();
let server = null;
const profileDir = opts.profile ? mkdtempSync(path.join(os.tmpdir(), "smartland-cost-profile-")) : null;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
try {
  server = await startServer({
    port: opts.port,
    log,
    env: {
      ...(opts.cache === "off" ? { SMARTLAND_CACHE: "off" } : {}),
      ...(profileDir ? { WEB_CONCURRENCY: "1", WEB_CPU_PROF_DIR: profileDir } : {}),
    },
  });
  const { base } = server;
  const { scenarios } = await prepareMix(base, owner, log);
  const kinds = [
    ...scenarios,
    { name: "static page", requests: [{ setupRequest: (req) => ({ ...req, path: STATIC_PAGE }) }] },
  ];
  const routes = [];
  const windows = [];
  for (const kind of kinds) {
    const context = {};
    for (let i = 0; i < opts.warmup; i++) await round(base, kind, context);
    const cpu0 = { server: groupCpuMs(server.child.pid), postgres: postgresCpuMs() };
    const t0 = performance.now();
    const fromUs = nowUs();
    let requests = 0;
    while (performance.now() - t0 < opts.seconds * 1000) requests += await round(base, kind, context);
    const wallMs = performance.now() - t0;
    windows.push({ fromUs, toUs: nowUs() });
    const serverMs = groupCpuMs(server.child.pid) - cpu0.server;
    const postgresMs = cpu0.postgres === null ? null : postgresCpuMs() - cpu0.postgres;
    const route = {
      route: kind.name,
      requests,
      wallMsPerRequest: round1(wallMs / requests),
      serverCpuMsPerRequest: round1(serverMs / requests),
      postgresCpuMsPerRequest: postgresMs === null ? null : round1(postgresMs / requests),
    };
    routes.push(route);
    log(
      `${route.route}: ${requests} requests, server ${route.serverCpuMsPerRequest} ms + PostgreSQL ${route.postgresCpuMsPerRequest} ms of CPU each (wall ${route.wallMsPerRequest} ms)`,
    );
  }
  const staticCost = cpuOf(routes.find((r) => r.route === "static page"));
  for (const r of routes) r.staticPages = Math.round((cpuOf(r) / staticCost) * 100) / 100;
  await stopServer(server, log);
  server = null;
  await removeMixLines(owner);
  if (profileDir) {
    // The worker writes its profile as it exits: the window of each route, in the profile's clock.
    classifyWindows(readProfile(profileDir), windows).forEach((busy, i) => {
      const total = Object.values(busy).reduce((a, b) => a + b, 0);
      routes[i].profile = {
        busyMsPerRequest: round1(total / 1000 / routes[i].requests),
        percent: Object.fromEntries(CLASSES.map((c) => [c, round1((100 * busy[c]) / total)])),
      };
    });
  }

  const file = path.join(ROOT, "bench/reliability.json");
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const result = {
    date: new Date().toISOString(),
    database: opts.db,
    cache: opts.cache,
    secondsPerRoute: opts.seconds,
    cores: os.availableParallelism(),
    ...(opts.profile ? { profiled: "one worker under V8's CPU profiler" } : {}),
    routes,
    demand: demandAt(all.load, routes),
  };
  printTable(result);
  if (opts.profile) printProfile(result);
  all[opts.profile ? "costProfile" : opts.cache === "off" ? "costCacheOff" : "cost"] = result;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  log(`written ${path.relative(ROOT, file)}`);
} finally {
  if (server) await stopServer(server, log);
  await owner.end();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
}

/** One pass over a route kind's requests, on one connection's context; returns how many were made. */
async function round(base, kind, context) {
  for (const request of kind.requests) {
    const req = request.setupRequest({ method: request.method ?? "GET" }, context);
    // As autocannon sends them: no Accept-Encoding, so no compression.
    const res = await fetch(base + req.path, {
      method: req.method,
      headers: { "accept-encoding": "identity", ...req.headers },
      body: req.body,
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`${kind.name}: ${req.method} ${req.path} answered ${res.status}`);
    request.onResponse?.(res.status, body, context);
  }
  return kind.requests.length;
}

/** A route's CPU per request, server and PostgreSQL. */
function cpuOf(route) {
  return route.serverCpuMsPerRequest + (route.postgresCpuMsPerRequest ?? 0);
}

/** The mix's CPU demand at the request rates of a load run: per route kind and in all, in cores. */
function demandAt(load, routes) {
  if (!load?.routes) return null;
  const perRoute = load.routes.flatMap((r) => {
    const cost = routes.find((c) => c.route === r.route);
    if (!cost) return [];
    return [{ route: r.route, rps: r.rps, cores: Math.round(r.rps * cpuOf(cost)) / 1000 }];
  });
  const cores = perRoute.reduce((a, r) => a + r.cores, 0);
  const measured = load.cpu ? Math.round((load.cpu.server + (load.cpu.postgres ?? 0)) * 100) / 100 : null;
  return {
    loadDate: load.date,
    loadRps: load.totals.rps,
    loadCpu: measured,
    perRoute,
    cores: Math.round(cores * 1000) / 1000,
  };
}

function round1(v) {
  return Math.round(v * 10) / 10;
}

function printTable(r) {
  const lines = [
    `| route | requests | server CPU ms | PostgreSQL CPU ms | static pages | wall ms |${r.demand ? " cores at the load's rate |" : ""}`,
    `|---|--:|--:|--:|--:|--:|${r.demand ? "--:|" : ""}`,
    ...r.routes.map((x) => {
      const d = r.demand?.perRoute.find((p) => p.route === x.route);
      return `| ${x.route} | ${x.requests} | ${x.serverCpuMsPerRequest} | ${x.postgresCpuMsPerRequest ?? "–"} | ${x.staticPages} | ${x.wallMsPerRequest} |${r.demand ? ` ${d ? `${d.cores} (${d.rps} req/s)` : "–"} |` : ""}`;
    }),
    "",
    r.demand
      ? `the load run of ${r.demand.loadDate} (${r.demand.loadRps} req/s) at these costs: ${r.demand.cores} cores of CPU, of ${r.cores} (the load generator's own apart${r.demand.loadCpu ? `; that run measured server + PostgreSQL ${r.demand.loadCpu}` : ""})`
      : "no load run in bench/reliability.json: no demand computed",
  ];
  console.log(lines.join("\n"));
}

function printProfile(r) {
  const lines = [
    "",
    `| route | busy ms in the worker | ${CLASSES.join(" % | ")} % |`,
    `|---|--:|${CLASSES.map(() => "--:|").join("")}`,
    ...r.routes.map(
      (x) =>
        `| ${x.route} | ${x.profile.busyMsPerRequest} | ${CLASSES.map((c) => x.profile.percent[c]).join(" | ")} |`,
    ),
    "",
    ...CLASSES.map((c) => `${c}: ${CLASS_LABELS[c]}`),
  ];
  console.log(lines.join("\n"));
}
