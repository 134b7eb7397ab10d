// Programme plan benchmark (issue #18, "Speeds": plan-vs-actual views ≤ 200 ms p95 with caches off, at
// Lombardy scale). Through the production server (scripts/serve.mjs) started with SMARTLAND_CACHE=off, as
// the coordinator: GET /api/v1/smart-lands/{slug}/programme/plan-vs-actual (--runs requests, sequential,
// after 3 warm-ups) and the coordinator's page /regione/smart-land/{slug}/programma, for
//   - the demo's Sud Est Milano (14 comuni), and
//   - a province-size Smart Land (the 133 comuni of the province of Milan: "bench-programma-milano"), and
//   - a Smart Land of EVERY member comune of the bench database ("bench-programma-lombardia": at Lombardy
//     scale 1,503 comuni, 150k projects, 450k funding lines), with an adherence, three local plans per
//     comune (approved or submitted, envelope over 2025–2028) and a programme plan: the worst case, every
//     fact of the region in the GROUP BY.
// Also the definer function programme_figures() alone in SQL (p50/p95) and the EXPLAIN ANALYZE of its
// query for the Smart Land of every comune.
//
//   node scripts/bench/programme.mjs [--db smartland_bench_lombardy] [--runs 30] [--port 3191]
//
// Runs against the roll-up's bench database (load it first: node scripts/bench/generate.mjs); the Smart
// Land of this benchmark is added idempotently (pure SQL, no random()). Needs `npx next build`.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { assertBenchDb, currentDbName, fmtMs, parseArgs, runCommand, summarize } from "./lib.mjs";
import { login, startServer, stopServer } from "./server.mjs";

const opts = parseArgs(process.argv.slice(2), {
  db: { type: "string", default: "smartland_bench_lombardy" },
  runs: { type: "number", default: 30 },
  port: { type: "number", default: 3191 },
});
assertBenchDb(opts.db);
const TARGET_MS = 200;
const SLUG = "bench-programma-lombardia";
// A province-size Smart Land (the province of Milan: 133 comuni), the largest a real one is likely to be.
const PROVINCE_SLUG = "bench-programma-milano";

if (currentDbName() !== opts.db) {
  if (process.env.SMARTLAND_BENCH_CHILD) throw new Error(`DATABASE_URL is not ${opts.db}`);
  process.exit(
    await runCommand(
      [
        "node",
        "scripts/with-db.mjs",
        "--db",
        opts.db,
        "node",
        "scripts/bench/programme.mjs",
        ...process.argv.slice(2),
      ],
      { env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" } },
    ),
  );
}

const log = (line) => console.log(`[bench:programme] ${line}`);
const runs = Math.max(24, opts.runs);

const setup = (SLUG, where) => `
INSERT INTO "SmartLand" (id, slug, name, phase, description)
VALUES (md5('${SLUG}')::uuid, '${SLUG}', 'Bench: tutti i comuni membri', 'Fase 1', 'Smart Land del benchmark')
ON CONFLICT (slug) DO NOTHING;
INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
SELECT md5('${SLUG}')::uuid, c.istat FROM "Comune" c WHERE ${where} ON CONFLICT DO NOTHING;
INSERT INTO "Adherence" ("smartLandId", "comuneIstat", "actKind", "actNumber", "actDate")
SELECT m."smartLandId", m."comuneIstat", 'GIUNTA', '1', DATE '2025-01-15'
FROM "SmartLandMember" m WHERE m."smartLandId" = md5('${SLUG}')::uuid ON CONFLICT DO NOTHING;
INSERT INTO "LocalPlan" ("adherenceId", "smartLandId", "comuneIstat", "streamId", status, envelope)
SELECT a.id, a."smartLandId", a."comuneIstat", s.id,
       (CASE WHEN abs(hashtext(a."comuneIstat" || s.code)) % 3 = 0 THEN 'SUBMITTED' ELSE 'APPROVED' END)::"PlanStatus",
       (SELECT jsonb_agg(jsonb_build_object('year', y, 'amount',
                 ((abs(hashtext(a."comuneIstat" || s.code || y)) % 20000000) / 100.0)::numeric(14, 2)::text))
        FROM generate_series(2025, 2028) y)
FROM "Adherence" a JOIN "Stream" s ON s.code IN ('SL-01', 'SL-02', 'SL-04')
WHERE a."smartLandId" = md5('${SLUG}')::uuid ON CONFLICT DO NOTHING;
INSERT INTO "ProgrammePlan" (id, "smartLandId") VALUES (md5('${SLUG}:plan')::uuid, md5('${SLUG}')::uuid)
ON CONFLICT DO NOTHING;
INSERT INTO "ProgrammePhase" (id, "planId", "smartLandId", ordinal, name, "startYear", "endYear")
VALUES (md5('${SLUG}:fase1')::uuid, md5('${SLUG}:plan')::uuid, md5('${SLUG}')::uuid, 1, 'Fase 1', 2025, 2028)
ON CONFLICT DO NOTHING;
INSERT INTO "ProgrammeEnvelope" ("phaseId", "smartLandId", "streamId", year, amount)
SELECT md5('${SLUG}:fase1')::uuid, md5('${SLUG}')::uuid, s.id, y, 25000000 + abs(hashtext(s.code || y)) % 1000000
FROM "Stream" s, generate_series(2025, 2028) y WHERE NOT s.archived ON CONFLICT DO NOTHING;
`;

const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
await owner.connect();
const counts = async () =>
  (
    await owner.query(`SELECT (SELECT count(*) FROM "Project")::int AS projects,
      (SELECT count(*) FROM "FundingLine")::int AS lines,
      (SELECT count(*) FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId" WHERE s.slug = '${SLUG}')::int AS members`)
  ).rows[0];
const t0 = performance.now();
await owner.query(setup(SLUG, "c.member"));
await owner.query(setup(PROVINCE_SLUG, `c.member AND c."provinceIstat" = '015'`));
await owner.query(`ANALYZE "LocalPlan"; ANALYZE "ProgrammeEnvelope"; ANALYZE "SmartLandMember"`);
const scale = await counts();
log(
  `data: ${scale.projects} projects, ${scale.lines} funding lines; Smart Land ${SLUG}: ${scale.members} comuni (setup ${Math.round(performance.now() - t0)} ms)`,
);
if (scale.projects < 100_000)
  log("NOTE: fewer than 100,000 projects: not Lombardy scale (generate.mjs first)");

// The definer function alone, as the coordinator would call it.
async function sqlTimes(slug) {
  const samples = [];
  const id = (await owner.query(`SELECT id FROM "SmartLand" WHERE slug = $1`, [slug])).rows[0].id;
  for (let i = 0; i < runs + 3; i++) {
    await owner.query("BEGIN");
    await owner.query(`SELECT set_config('app.role', 'COORDINATOR', true)`);
    const t = performance.now();
    await owner.query(`SELECT * FROM programme_figures($1, '015192')`, [id]);
    if (i >= 3) samples.push(performance.now() - t);
    await owner.query("COMMIT");
  }
  return { id, ...summarize(samples) };
}
const sql = {};
for (const slug of ["sud-est-milano", PROVINCE_SLUG, SLUG]) {
  sql[slug] = await sqlTimes(slug);
  log(`SQL programme_figures(${slug}): p50 ${fmtMs(sql[slug].median)}, p95 ${fmtMs(sql[slug].p95)}`);
}
// The function's body, explained: auto_explain logs the plans of the statements run inside the plpgsql
// function (a function's plan is not shown through the call), sent to this client as notices.
const explainFunction = async (slug) => {
  const lines = [];
  const onNotice = (n) => {
    if (/^duration: .* plan:/.test(n.message) && n.message.includes("WITH plans")) lines.push(n.message);
  };
  owner.on("notice", onNotice);
  await owner.query("BEGIN");
  await owner.query(`SELECT set_config('app.role', 'COORDINATOR', true)`);
  for (const sqlText of [
    "LOAD 'auto_explain'",
    "SET LOCAL auto_explain.log_min_duration = 0",
    "SET LOCAL auto_explain.log_nested_statements = on",
    "SET LOCAL auto_explain.log_analyze = on",
    "SET LOCAL auto_explain.log_buffers = on",
    "SET LOCAL auto_explain.log_level = notice",
  ])
    await owner.query(sqlText);
  await owner.query(`SELECT count(*) FROM programme_figures($1, '015192')`, [sql[slug].id]);
  await owner.query("ROLLBACK");
  owner.off("notice", onNotice);
  const text = lines.at(-1) ?? "(no plan logged)";
  // The plan only (the query text is in the migration); the members' array shortened.
  return text
    .slice(text.search(/\n(Append|Hash|Result|Aggregate)/) + 1)
    .replace(/'\{[0-9,]{200,}\}'/g, "'{…}'")
    .split("\n")
    .map((l) => `    ${l}`);
};
log(
  `EXPLAIN ANALYZE (programme_figures of ${SLUG}, inside the function):\n${(await explainFunction(SLUG)).join("\n")}`,
);
await owner.end();

const server = await startServer({ port: opts.port, env: { SMARTLAND_CACHE: "off" }, log });
try {
  const cookie = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  const measure = async (path) => {
    const samples = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const res = await fetch(`${server.base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i >= 3) samples.push(performance.now() - t);
    }
    return summarize(samples);
  };
  let missed = false;
  for (const slug of ["sud-est-milano", PROVINCE_SLUG, SLUG]) {
    for (const path of [
      `/api/v1/smart-lands/${slug}/programme/plan-vs-actual`,
      `/api/v1/smart-lands/${slug}/programme/plan-vs-actual?anno=2026`,
      `/regione/smart-land/${slug}/programma`,
    ]) {
      const s = await measure(path);
      const ok = s.p95 <= TARGET_MS;
      if (!ok && path.startsWith("/api")) missed = true;
      log(
        `${path}: n ${s.n}, p50 ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)} — ${ok ? "within" : "OVER"} the ${TARGET_MS} ms target (caches off)`,
      );
    }
  }
  if (missed) log(`target missed: plan-vs-actual p95 > ${TARGET_MS} ms`);
} finally {
  await stopServer(server, log);
}
