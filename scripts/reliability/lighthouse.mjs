// Lighthouse (desktop) on the four pages of the page-quality issue, in one command:
//
//   npm run reliability:lighthouse [-- --runs 3] [--port 3410] [--build] [--reports DIR] [--max-load 2 --max-wait 180]
//                                  [--db smartland_bench_lombardy] [--pages regione,login]
//
// 1. runs under scripts/with-db.mjs on its own demo database (smartland_lighthouse, reset and seeded), or,
//    with --db smartland_bench_<scale>, on a bench database as it is (no reset, no seed: a read-only look at
//    the pages at scale; the figures then go to $TMPDIR, not to bench/ and docs/);
// 2. uses the production build (builds when .next/BUILD_ID is missing, or with --build) and serves it with
//    scripts/serve.mjs on 127.0.0.1:--port (scripts/bench/server.mjs);
// 3. signs in the San Donato Milanese officer and a coordinator through next-auth and hands their session
//    cookie to Lighthouse (extraHeaders) for the pages behind the login;
// 4. Lighthouse (desktop preset: performance, accessibility, best practices) with Debian's Chromium
//    (CHROME_PATH, default /usr/bin/chromium, --headless=new --no-sandbox), --runs times per page, the
//    run closest to the median (Lighthouse's own computeMedianRun) is the one reported;
// 5. prints a table, writes bench/lighthouse.json and the "Lighthouse" section of docs/reliability.md
//    (between <!-- lighthouse:start --> and <!-- lighthouse:end -->);
// 6. exits non-zero when a page misses a target (performance ≥ 90, accessibility ≥ 95), fetches anything
//    from another origin, or cannot be measured.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { currentDbName, parseArgs, ROOT, runCommand, stopOnSignals } from "../bench/lib.mjs";
import { login, startServer, stopServer } from "../bench/server.mjs";

const DEMO_DB = "smartland_lighthouse";
const opts = parseArgs(process.argv.slice(2), {
  runs: { type: "number", default: 3 },
  port: { type: "number", default: 3410 },
  build: { type: "boolean", default: false },
  db: { type: "string", default: DEMO_DB },
  pages: { type: "string", default: undefined }, // debug: a comma-separated subset of PAGES' names
  reports: { type: "string", default: undefined }, // a folder for the median runs' HTML and JSON reports
  // Lighthouse's TBT counts main-thread time, so a busy machine lowers the performance score: each run
  // waits (at most --max-wait seconds) for the 1-minute load average to drop below --max-load.
  maxLoad: { type: "number", default: os.availableParallelism() },
  maxWait: { type: "number", default: 180 },
});
const demo = opts.db === DEMO_DB;
if (!demo && !/^smartland_bench_[a-z0-9_]+$/.test(opts.db)) {
  throw new Error(`--db: ${DEMO_DB} (the default) or a bench database smartland_bench_*`);
}
if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error("--runs must be a positive integer");

// Run under with-db: the demo database is reset and seeded; a bench database is only read.
const currentDb = currentDbName();
if (currentDb !== opts.db) {
  if (process.env.SMARTLAND_LIGHTHOUSE_CHILD) {
    throw new Error(`DATABASE_URL points to "${currentDb}", expected "${opts.db}"`);
  }
  process.exit(
    await runCommand(
      [
        "node",
        "scripts/with-db.mjs",
        "--db",
        opts.db,
        ...(demo ? ["--reset", "--seed"] : []),
        "node",
        "scripts/reliability/lighthouse.mjs",
        ...process.argv.slice(2),
      ],
      { env: { ...process.env, SMARTLAND_LIGHTHOUSE_CHILD: "1" } },
    ),
  );
}

const TARGETS = { performance: 90, accessibility: 95 };
const CATEGORIES = ["performance", "accessibility", "best-practices"];
const ACCOUNTS = {
  officer: { email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" },
  coordinator: { email: "coordinatore@anci.example", password: "Coord-Demo-2026!" },
};
const PAGES = [
  { name: "login", label: "Login", path: "/login", as: null },
  { name: "dashboard", label: "Comune dashboard", path: "/comuni/015192", as: "officer" },
  { name: "regione", label: "Regional roll-up", path: "/regione", as: "coordinator" },
  { name: "smart-land", label: "Public Smart Land page", path: "/smart-land/sud-est-milano", as: null },
];
const AS_LABELS = { officer: "officer (015192)", coordinator: "coordinator", null: "anonymous" };
const HEADERS = {
  page: "Page",
  as: "As",
  performance: "Performance",
  accessibility: "Accessibility",
  bestPractices: "Best practices",
  lcp: "LCP",
  tbt: "TBT",
  cls: "CLS",
  weight: "Page weight",
  html: "of which HTML",
  external: "External requests",
};
const pages = opts.pages ? PAGES.filter((p) => opts.pages.split(",").includes(p.name)) : PAGES;
if (!pages.length) throw new Error(`--pages: one or more of ${PAGES.map((p) => p.name).join(", ")}`);

const base = `http://127.0.0.1:${opts.port}`;
const log = (msg) => console.log(`[lighthouse] ${msg}`);
const round = (v, d = 0) =>
  v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v * 10 ** d) / 10 ** d;
const loadAvg = () => os.loadavg().map((v) => round(v, 2));

const results = {
  date: new Date().toISOString(),
  database: opts.db,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAvgAtStart: loadAvg(),
    loadAvgAtEnd: null,
  },
  lighthouse: null,
  chromium: null,
  build: null,
  runsPerPage: opts.runs,
  maxLoad: opts.maxLoad,
  maxWait: opts.maxWait,
  targets: TARGETS,
  pages: [],
  pass: false,
  notes: [],
};

let server = null;
let chrome = null;
const cleanup = async () => {
  try {
    chrome?.kill();
  } catch {
    /* already gone */
  }
  chrome = null;
  if (server) await stopServer(server, log);
  server = null;
};
// Lighthouse can fail outside the awaited promise (a protocol error after the tab closed): never leave the
// server or Chromium behind.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, async (error) => {
    console.error(`[lighthouse] ${event}:`, error);
    await cleanup();
    process.exit(1);
  });
}
stopOnSignals(log, cleanup);

try {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (opts.build || !existsSync(buildId)) {
    log("building (npx next build)…");
    const code = await runCommand(["npx", "next", "build"]);
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }
  results.build = {
    id: readFileSync(buildId, "utf8").trim(),
    at: statSync(buildId).mtime.toISOString(),
  };

  server = await startServer({ port: opts.port, readyPath: "/accessibilita", log });
  const cookies = { null: null };
  for (const who of new Set(pages.map((p) => p.as).filter(Boolean))) {
    cookies[who] = await login(base, ACCOUNTS[who].email, ACCOUNTS[who].password);
    log(`signed in as ${ACCOUNTS[who].email}`);
  }
  // A server in service has rendered its pages before: two requests each, and each must answer 200.
  for (const page of pages) {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}${page.path}`, {
        headers: cookies[page.as] ? { cookie: cookies[page.as] } : {},
        redirect: "manual",
        signal: AbortSignal.timeout(60_000),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${page.path} answered ${res.status}: cannot measure it`);
    }
  }

  process.env.CHROME_PATH ??= "/usr/bin/chromium";
  const config = {
    ...desktopConfig,
    settings: { ...desktopConfig.settings, onlyCategories: CATEGORIES },
  };
  /** One Lighthouse run in a fresh Chromium (a crashed tab cannot spoil the next run). */
  const measure = async (url, cookie) => {
    chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH,
      chromeFlags: ["--headless=new", "--no-sandbox"],
    });
    try {
      const result = await lighthouse(
        url,
        { port: chrome.port, logLevel: "error", extraHeaders: cookie ? { Cookie: cookie } : undefined },
        config,
      );
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      return lhr;
    } finally {
      chrome.kill();
      chrome = null;
    }
  };
  for (const page of pages) {
    const lhrs = [];
    const loads = [];
    for (let i = 0; i < opts.runs; i++) {
      const t0 = Date.now();
      while (os.loadavg()[0] >= opts.maxLoad && Date.now() - t0 < opts.maxWait * 1000) {
        await new Promise((r) => setTimeout(r, 5000));
      }
      const load = round(os.loadavg()[0], 2);
      if (load >= opts.maxLoad) log(`load average still ${load} after ${opts.maxWait} s: measuring anyway`);
      loads.push(load);
      let lhr;
      try {
        lhr = await measure(`${base}${page.path}`, cookies[page.as]);
      } catch (error) {
        // On a busy machine Chromium occasionally loses its tab ("Target closed"): one retry.
        const note = `${page.path} run ${i + 1}: ${String(error?.message ?? error).split("\n")[0]}; retried`;
        log(note);
        results.notes.push(note);
        lhr = await measure(`${base}${page.path}`, cookies[page.as]);
      }
      lhrs.push(lhr);
      const s = summary(lhr);
      log(
        `${page.path} run ${i + 1}/${opts.runs} (load ${load}): performance ${s.scores.performance}, accessibility ${s.scores.accessibility}, best practices ${s.scores["best-practices"]}, LCP ${s.metrics.lcpMs} ms, TBT ${s.metrics.tbtMs} ms, ${fmtKb(s.weight.totalBytes)}`,
      );
    }
    const median = computeMedianRun(lhrs);
    results.lighthouse ??= median.lighthouseVersion;
    results.chromium ??= /Chrome\/([\d.]+)/.exec(median.environment?.hostUserAgent ?? "")?.[1] ?? null;
    const entry = {
      name: page.name,
      label: page.label,
      path: page.path,
      as: page.as,
      ...summary(median),
      runs: lhrs.map((l, i) => ({
        loadAvg1m: loads[i],
        performance: score(l, "performance"),
        accessibility: score(l, "accessibility"),
        bestPractices: score(l, "best-practices"),
      })),
    };
    entry.pass = {
      performance: entry.scores.performance >= TARGETS.performance,
      accessibility: entry.scores.accessibility >= TARGETS.accessibility,
      sameOrigin: entry.externalRequests.length === 0,
    };
    results.pages.push(entry);
    if (opts.reports) {
      mkdirSync(opts.reports, { recursive: true });
      const { ReportGenerator } = await import("lighthouse/report/generator/report-generator.js");
      writeFileSync(path.join(opts.reports, `${page.name}.html`), ReportGenerator.generateReportHtml(median));
      writeFileSync(path.join(opts.reports, `${page.name}.json`), JSON.stringify(median));
    }
  }
  results.pass = results.pages.every((p) => Object.values(p.pass).every(Boolean));
} catch (error) {
  results.error = String(error?.stack ?? error);
  console.error(error);
} finally {
  await cleanup();
}
results.machine.loadAvgAtEnd = loadAvg();

const official = demo && !opts.pages;
const jsonFile = official
  ? path.join(ROOT, "bench/lighthouse.json")
  : path.join(os.tmpdir(), `smartland-lighthouse.${opts.db}.json`);
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${path.relative(ROOT, jsonFile).startsWith("..") ? jsonFile : path.relative(ROOT, jsonFile)}`);
if (official && !results.error) await writeDocs(results);
printTable(results);
process.exit(results.error || !results.pass ? 1 : 0);

// ---------------------------------------------------------------------------------------------------

function score(lhr, category) {
  const s = lhr.categories[category]?.score;
  return typeof s === "number" ? Math.round(s * 100) : null;
}

/** The figures of one Lighthouse result that the report keeps. */
function summary(lhr) {
  const num = (id) => lhr.audits[id]?.numericValue ?? null;
  const requests = lhr.audits["network-requests"]?.details?.items ?? [];
  const origin = new URL(base).origin;
  const doc = requests.find((r) => r.resourceType === "Document") ?? null;
  // Audits of the accessibility and best-practices categories that did not pass, for the fixer.
  const failing = {};
  for (const category of ["accessibility", "best-practices"]) {
    failing[category] = (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1)
      .map((ref) => ref.id);
  }
  return {
    finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl ?? null,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])),
    metrics: {
      fcpMs: round(num("first-contentful-paint")),
      lcpMs: round(num("largest-contentful-paint")),
      tbtMs: round(num("total-blocking-time")),
      cls: round(num("cumulative-layout-shift"), 3),
      speedIndexMs: round(num("speed-index")),
    },
    weight: {
      totalBytes: round(num("total-byte-weight")),
      documentBytes: doc?.transferSize ?? null,
      documentResourceBytes: doc?.resourceSize ?? null,
      requests: requests.length,
      domElements: round(num("dom-size")),
    },
    externalRequests: requests
      .map((r) => r.url)
      .filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin),
    failing,
    benchmarkIndex: round(lhr.environment?.benchmarkIndex),
  };
}

function fmtKb(bytes) {
  if (bytes === null || bytes === undefined) return "–";
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function rows(r) {
  return r.pages.map((p) => ({
    page: `${p.label} (${p.path})`,
    as: AS_LABELS[p.as],
    performance: `${p.scores.performance}${p.pass.performance ? "" : " ✗"}${p.runs.length > 1 ? ` (${Math.min(...p.runs.map((x) => x.performance))}–${Math.max(...p.runs.map((x) => x.performance))})` : ""}`,
    accessibility: `${p.scores.accessibility}${p.pass.accessibility ? "" : " ✗"}`,
    bestPractices: String(p.scores["best-practices"]),
    lcp: `${p.metrics.lcpMs} ms`,
    tbt: `${p.metrics.tbtMs} ms`,
    cls: String(p.metrics.cls),
    weight: fmtKb(p.weight.totalBytes),
    html: fmtKb(p.weight.documentBytes),
    external: p.externalRequests.length ? `${p.externalRequests.length} ✗` : "0",
  }));
}

function printTable(r) {
  console.log("");
  console.log(
    `Lighthouse ${r.lighthouse ?? "?"} (desktop), Chromium ${r.chromium ?? "?"}, database ${r.database}, ${r.runsPerPage} run(s) per page, load average ${r.machine.loadAvgAtStart.join(" / ")} → ${r.machine.loadAvgAtEnd.join(" / ")}`,
  );
  const table = rows(r);
  const keys = Object.keys(HEADERS);
  const width = Object.fromEntries(
    keys.map((k) => [k, Math.max(HEADERS[k].length, ...table.map((row) => row[k].length))]),
  );
  const line = (row) => keys.map((k) => String(row[k]).padEnd(width[k])).join("  ");
  console.log(line(HEADERS));
  for (const row of table) console.log(line(row));
  for (const p of r.pages) {
    const failing = [...p.failing.accessibility, ...p.failing["best-practices"]];
    if (failing.length) console.log(`  ${p.path}: audits not passed: ${failing.join(", ")}`);
    for (const u of p.externalRequests) console.log(`  ${p.path}: external request ${u}`);
  }
  if (r.error) console.log(`ERROR: ${r.error.split("\n")[0]}`);
  console.log(
    r.pass
      ? `all targets met (performance ≥ ${TARGETS.performance}, accessibility ≥ ${TARGETS.accessibility}, no external requests)`
      : "TARGETS MISSED",
  );
}

async function writeDocs(r) {
  const file = path.join(ROOT, "docs/reliability.md");
  const d = new Date(r.date);
  const date = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()} ${d.toISOString().slice(11, 16)} UTC`;
  const table = rows(r);
  const keys = Object.keys(HEADERS);
  const body = [
    `Measured ${date} with Lighthouse ${r.lighthouse} (desktop preset), Chromium ${r.chromium} headless, ` +
      `build ${r.build.id}, demo database \`${r.database}\`, ${r.runsPerPage} runs per page (the median run ` +
      `as Lighthouse picks it; in brackets the lowest and highest performance score). Machine: ${r.machine.cpus} ` +
      `cores (${r.machine.cpuModel}), ${r.machine.ramGiB} GiB, Node ${r.machine.node}; load average (1/5/15 min) ` +
      `${r.machine.loadAvgAtStart.join(" / ")} at the start, ${r.machine.loadAvgAtEnd.join(" / ")} at the end; ` +
      `1-minute load when each run started: ${r.pages.map((p) => `${p.path} ${p.runs.map((x) => x.loadAvg1m).join(", ")}`).join("; ")} ` +
      `(each run waits up to ${r.maxWait} s for it to drop below ${r.maxLoad}). ` +
      "Page weight: every byte transferred (Lighthouse's total-byte-weight); HTML: the document alone, compressed " +
      "as sent.",
    "",
    `| ${keys.map((k) => HEADERS[k]).join(" | ")} |`,
    `| ${keys.map((k) => (["page", "as"].includes(k) ? "---" : "---:")).join(" | ")} |`,
    ...table.map((row) => `| ${keys.map((k) => row[k]).join(" | ")} |`),
    "",
    r.pass
      ? `All targets met: performance ≥ ${TARGETS.performance} and accessibility ≥ ${TARGETS.accessibility} on every page, nothing fetched from another origin.`
      : `**Targets missed** (✗): performance ≥ ${TARGETS.performance}, accessibility ≥ ${TARGETS.accessibility}, nothing fetched from another origin.`,
  ].join("\n");
  const block = `<!-- lighthouse:start -->\n${body}\n<!-- lighthouse:end -->`;
  const intro = [
    "## Lighthouse",
    "",
    "`npm run reliability:lighthouse` (scripts/reliability/lighthouse.mjs; not part of `npm test`) runs Lighthouse",
    "with the desktop preset (performance, accessibility, best practices) on the four pages of the page-quality",
    "requirement: the login page, the comune dashboard (as the San Donato Milanese officer), the regional roll-up",
    "(as a coordinator) and the public Smart Land page. It uses its own demo database (`smartland_lighthouse`,",
    "reset and seeded), the production build served by scripts/serve.mjs, and hands the next-auth session cookie",
    "to Lighthouse. Targets: performance ≥ 90, accessibility ≥ 95, no request to another origin; the command",
    "exits non-zero when one is missed. Full figures in bench/lighthouse.json. Options: `--runs 3`, `--port 3410`,",
    "`--build`, `--reports DIR` (HTML and JSON reports of the median runs), `--max-load 2 --max-wait 180` (each",
    "run first waits for the 1-minute load average to drop below --max-load: Lighthouse's TBT counts main-thread",
    "time, so a busy machine lowers the performance score), `--db smartland_bench_lombardy`",
    "(the same pages at Lombardy scale, read-only; figures to $TMPDIR, not here).",
    "",
  ].join("\n");
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Reliability\n";
  const start = text.indexOf("<!-- lighthouse:start -->");
  const end = text.indexOf("<!-- lighthouse:end -->");
  if (start >= 0 && end > start) {
    text = `${text.slice(0, start)}${block}${text.slice(end + "<!-- lighthouse:end -->".length)}`;
  } else {
    text = `${text.trimEnd()}\n\n${intro}\n${block}\n`;
  }
  // As `npm run lint` checks it (prettier aligns the table).
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
  log("wrote docs/reliability.md (section Lighthouse)");
}
