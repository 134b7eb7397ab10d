// Monitoring rounds benchmark (issue #18, "Speeds": submitting a round for a comune with 100 projects
// ≤ 2 s; the round board for 1,503 comuni ≤ 300 ms p95, caches off). Through the production server
// (scripts/serve.mjs) started with SMARTLAND_CACHE=off:
//   1. every comune of the database becomes a member of the bench Smart Land "bench-rilevazioni" (pure
//      SQL, idempotent), so a round on "all member comuni" covers them all (1,503 at Lombardy scale);
//   2. the coordinator opens --opens rounds on all member comuni through POST /api/v1/rounds (timed: one
//      RoundSubmission per comune, one INSERT … SELECT); the bench's rounds of earlier runs are deleted first;
//   3. San Donato's officer submits through POST …/comuni/015192/submit (timed; --submits times: the
//      coordinator returns it in between, untimed), every live project of the comune frozen;
//   4. the board GET /api/v1/rounds/{id}/board: ≥ 24 different requests (status, lateness, province,
//      Smart Land filters and pages), each once after 3 warm-ups: p50/p95 vs 300 ms.
// The round asks for indicators only, so no blocking check refuses the synthetic data's submission: the
// checklist still loads every project with its funding lines, actions and indicators, and the snapshot
// freezes all of them whatever the items.
//
//   node scripts/bench/rounds.mjs [--db smartland_bench_lombardy] [--opens 3] [--submits 5] [--port 3193]
//                                 [--top-up 100]
//
// --top-up N (small-scale checks only): gives San Donato N live projects by copying its own (with their
// funding lines, actions, indicators) when it has fewer — on a database loaded by the demo seed alone.
// Needs `npx next build`.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { assertBenchDb, currentDbName, fmtMs, parseArgs, runCommand, summarize } from "./lib.mjs";
import { login, startServer, stopServer } from "./server.mjs";

const opts = parseArgs(process.argv.slice(2), {
  db: { type: "string", default: "smartland_bench_lombardy" },
  opens: { type: "number", default: 3 },
  submits: { type: "number", default: 5 },
  port: { type: "number", default: 3193 },
  topUp: { type: "number", default: 0 },
});
assertBenchDb(opts.db);
const SUBMIT_TARGET_MS = 2000;
const BOARD_TARGET_MS = 300;
const SLUG = "bench-rilevazioni";
const ISTAT = "015192";
const TITLE = "Bench rilevazione";

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
        "scripts/bench/rounds.mjs",
        ...process.argv.slice(2),
      ],
      { env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" } },
    ),
  );
}

const log = (line) => console.log(`[bench:rounds] ${line}`);

const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
await owner.connect();
await owner.query(`DELETE FROM "MonitoringRound" WHERE title LIKE '${TITLE} %'`);
await owner.query(`
  INSERT INTO "SmartLand" (id, slug, name, phase, description)
  VALUES (md5('${SLUG}')::uuid, '${SLUG}', 'Bench: tutti i comuni', 'Fase 1', 'Smart Land del benchmark delle rilevazioni')
  ON CONFLICT (slug) DO NOTHING;
  INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat")
  SELECT md5('${SLUG}')::uuid, c.istat FROM "Comune" c ON CONFLICT DO NOTHING;
  ANALYZE "SmartLandMember";`);

if (opts.topUp > 0) await topUp(opts.topUp);

async function topUp(n) {
  const live = async () =>
    (
      await owner.query(
        `SELECT count(*)::int AS n FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL`,
        [ISTAT],
      )
    ).rows[0].n;
  const cols = async (table) =>
    (
      await owner.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((r) => r.column_name);
  const have = await live();
  if (have >= n) return;
  await owner.query("BEGIN");
  await owner.query(`CREATE TEMP TABLE bench_copy ON COMMIT DROP AS
    SELECT p.id AS src, gen_random_uuid() AS dst, row_number() OVER () AS k
    FROM (SELECT id FROM "Project" WHERE "comuneIstat" = '${ISTAT}' AND "deletedAt" IS NULL ORDER BY id) p,
         generate_series(1, ${Math.ceil(n / Math.max(1, have))})
    LIMIT ${n - have}`);
  const copy = async (table, key, overrides) => {
    const list = await cols(table);
    const select = list.map((c) => (overrides[c] ? `${overrides[c]} AS "${c}"` : `t."${c}"`)).join(", ");
    await owner.query(
      `INSERT INTO "${table}" (${list.map((c) => `"${c}"`).join(", ")})
       SELECT ${select} FROM "${table}" t JOIN bench_copy b ON b.src = t."${key}"`,
    );
  };
  await copy("Project", "id", {
    id: "b.dst",
    cup: "NULL",
    localCode: "'BR-' || b.k",
    title: "t.title || ' (copia ' || b.k || ')'",
  });
  for (const table of ["FundingLine", "Action", "Indicator"])
    await copy(table, "projectId", {
      id: "gen_random_uuid()",
      projectId: "b.dst",
      ...(table === "Action" ? { cig: "NULL" } : {}),
    });
  await owner.query("COMMIT");
  log(`top-up: San Donato ${have} → ${await live()} live projects`);
}

const projects = (
  await owner.query(
    `SELECT count(*)::int AS n FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL`,
    [ISTAT],
  )
).rows[0].n;
const members = (await owner.query(`SELECT count(DISTINCT "comuneIstat")::int AS n FROM "SmartLandMember"`))
  .rows[0].n;
const total = (await owner.query(`SELECT count(*)::int AS n FROM "Project"`)).rows[0].n;
log(`data: ${members} member comuni, ${total} projects; San Donato ${projects} live projects`);
if (members < 1500) log("NOTE: fewer than 1,500 member comuni: not Lombardy scale");

const server = await startServer({ port: opts.port, env: { SMARTLAND_CACHE: "off" }, log });
const results = { members, projects, totalProjects: total };
try {
  const coordinator = await login(server.base, "coordinatore@anci.example", "Coord-Demo-2026!");
  const officer = await login(server.base, "referente.sandonato@smartland.example", "SanDonato-Demo-2026!");
  const api = async (cookie, method, path, json) => {
    const t = performance.now();
    const res = await fetch(`${server.base}/api/v1${path}`, {
      method,
      headers: { cookie, ...(json ? { "content-type": "application/json" } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
    const body = await res.json().catch(() => null);
    return { status: res.status, body, ms: performance.now() - t };
  };
  const expectStatus = (r, status, what) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
    return r;
  };

  // 2. Opening rounds on every member comune.
  const opens = [];
  let roundId = "";
  for (let i = 0; i < Math.max(1, opts.opens); i++) {
    const r = expectStatus(
      await api(coordinator, "POST", "/rounds", {
        title: `${TITLE} ${i + 1} ${new Date().toISOString()}`,
        periodStart: "2026-01-01",
        periodEnd: "2026-06-30",
        dueDate: "2026-07-31",
        items: ["indicators"],
      }),
      201,
      "open",
    );
    opens.push(r.ms);
    roundId = r.body.data.id;
    log(`open a round on all member comuni: ${r.body.data.comuni} submissions in ${fmtMs(r.ms)}`);
  }
  results.open = summarize(opens);

  // 3. Submitting for San Donato (returned in between, untimed).
  const sub = `/rounds/${roundId}/comuni/${ISTAT}`;
  const submits = [];
  for (let i = 0; i < Math.max(1, opts.submits); i++) {
    const page = expectStatus(await api(officer, "GET", sub), 200, "submission");
    const r = expectStatus(
      await api(officer, "POST", `${sub}/submit`, { version: page.body.data.submission.version }),
      200,
      "submit",
    );
    submits.push(r.ms);
    log(`submit ${i + 1} (${projects} projects frozen): ${fmtMs(r.ms)}`);
    if (i < opts.submits - 1)
      expectStatus(
        await api(coordinator, "POST", `${sub}/return`, { version: r.body.data.version, note: "Bench." }),
        200,
        "return",
      );
  }
  results.submit = summarize(submits);
  log(
    `submit: p50 ${fmtMs(results.submit.median)}, max ${fmtMs(results.submit.max)} — ${results.submit.max <= SUBMIT_TARGET_MS ? "within" : "OVER"} the ${SUBMIT_TARGET_MS} ms target`,
  );

  // 4. The board: different filters and pages, each once, after warm-ups.
  const board = `/rounds/${roundId}/board`;
  const queries = [
    "",
    ...[2, 3, 5, 8, 13, 21, 30].map((p) => `?pagina=${p}`),
    ...["NOT_STARTED", "SUBMITTED", "RETURNED", "VALIDATED", "IN_PROGRESS"].map((s) => `?stato=${s}`),
    "?ritardo=true",
    "?ritardo=true&pagina=4",
    ...["015", "016", "017", "012", "098", "MI", "BG"].map((p) => `?provincia=${p}`),
    "?provincia=015&pagina=2",
    `?smart_land=${SLUG}`,
    `?smart_land=${SLUG}&pagina=7`,
    "?smart_land=sud-est-milano",
    "?stato=NOT_STARTED&provincia=016&ritardo=true",
    "?per_pagina=100&pagina=9",
  ];
  for (let i = 0; i < 3; i++) expectStatus(await api(coordinator, "GET", board), 200, "board warm-up");
  const samples = [];
  const timed = [];
  for (const q of queries) {
    const r = expectStatus(await api(coordinator, "GET", `${board}${q}`), 200, `board${q}`);
    samples.push(r.ms);
    timed.push({ q: q || "(no filter)", ms: r.ms });
  }
  results.board = summarize(samples);
  const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 3);
  log(`board, slowest: ${slowest.map((t) => `${t.q} ${fmtMs(t.ms)}`).join(", ")}`);
  log(
    `board (${queries.length} different requests, ${members} comuni): p50 ${fmtMs(results.board.median)}, p95 ${fmtMs(results.board.p95)}, max ${fmtMs(results.board.max)} — ${results.board.p95 <= BOARD_TARGET_MS ? "within" : "OVER"} the ${BOARD_TARGET_MS} ms target (caches off)`,
  );
} finally {
  await stopServer(server, log);
  await owner.end();
}
console.log(`[bench:rounds] result ${JSON.stringify(results)}`);
