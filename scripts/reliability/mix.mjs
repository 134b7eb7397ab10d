// The mixed workload of the reliability issue (#17), shared by `npm run reliability:load` (every route kind
// at once, autocannon: throughput and latency) and `npm run reliability:cost` (each route kind alone, one
// request at a time: the server's and PostgreSQL's CPU per request). One definition, so that both measure
// the same requests.
//
// - officers of three comuni (San Donato Milanese, Paullo, Melegnano) opening their dashboard, their
//   project list (several pages and filters), a project page, and the projects API;
// - the same officers writing: add a funding line to one of their projects, edit it with the version just
//   read, delete it (so the data ends as it started);
// - coordinators opening the roll-up page and the roll-up API with varying filters, and exporting
//   aggregate tables and a province's projects as CSV.
//
// A scenario's `requests` are autocannon's (`setupRequest(req, context)` gives method, path, headers and
// body; `onResponse(status, body, context)` keeps what the next request needs); every connection has its
// own context (its officer, the funding line it last wrote).
import { existsSync } from "node:fs";
import path from "node:path";
import { assertBenchDb, currentDbName, ROOT, runCommand } from "../bench/lib.mjs";
import { login } from "../bench/server.mjs";

export const OFFICERS = [
  { istat: "015192", email: "referente.sandonato@smartland.example", password: "SanDonato-Demo-2026!" },
  { istat: "015169", email: "referente.paullo@smartland.example", password: "Paullo-Demo-2026!" },
  { istat: "015140", email: "referente.melegnano@smartland.example", password: "Melegnano-Demo-2026!" },
];
export const COORDINATOR = { email: "coordinatore@anci.example", password: "Coord-Demo-2026!" };
export const PROVINCES = ["015", "016", "017", "012", "097", "108"];

/**
 * Makes `script` run on the Lombardy-scale bench database `opts.db` and a production build: loads the data
 * when missing (scripts/bench/generate.mjs, a no-op when it is there), re-runs `script` under with-db for
 * that database and exits with its code; in that child, builds when `opts.build` or no build exists.
 */
export async function onBenchDatabase(opts, script) {
  assertBenchDb(opts.db);
  if (currentDbName() !== opts.db) {
    if (!process.env.SMARTLAND_BENCH_CHILD) {
      const gen = await runCommand([
        "node",
        "scripts/bench/generate.mjs",
        "--scale",
        "lombardy",
        "--db",
        opts.db,
      ]);
      if (gen !== 0) process.exit(gen);
    }
    process.exit(
      await runCommand(
        ["node", "scripts/with-db.mjs", "--db", opts.db, "node", script, ...process.argv.slice(2)],
        {
          env: { ...process.env, SMARTLAND_BENCH_CHILD: "1" },
        },
      ),
    );
  }
  if (opts.build || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    const code = await runCommand(["npx", "next", "build"]);
    if (code !== 0) process.exit(code);
  }
}

/** The programme of every funding line the mix writes, so that what it leaves behind can be found. */
const LINE_MARKER = "Prova di carico";

/**
 * Deletes the funding lines the mix wrote and did not delete (a write in flight when the run stopped), so
 * that the bench database keeps the generator's row counts. Returns how many there were.
 */
export async function removeMixLines(owner) {
  const { rowCount } = await owner.query(`DELETE FROM "FundingLine" WHERE programme LIKE $1`, [
    `${LINE_MARKER}%`,
  ]);
  return rowCount;
}

/** The reference of the throughput ratio: a page with no data, rendered per request like every page. */
export const STATIC_PAGE = "/accessibilita";

/**
 * Signs the officers and the coordinator in on `base`, reads the records the workload touches (with `owner`,
 * a pg client on the bench database) and returns the scenarios; `reassign()` makes the connections take
 * the officers from the first again (the measured run after the warm-up).
 */
export async function prepareMix(base, owner, log = () => {}) {
  // Accounts and the records the workload touches.
  const officers = [];
  for (const o of OFFICERS) {
    const cookie = await login(base, o.email, o.password);
    const { rows } = await owner.query(
      `SELECT id::text FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY id LIMIT 20`,
      [o.istat],
    );
    if (!rows.length) throw new Error(`no projects for ${o.istat}`);
    officers.push({ ...o, cookie, projects: rows.map((r) => r.id) });
  }
  const coordinator = await login(base, COORDINATOR.email, COORDINATOR.password);
  const streams = (await owner.query(`SELECT id::text FROM "Stream" ORDER BY code`)).rows.map((r) => r.id);
  const counts = await tableCounts(owner);
  log(`signed in: ${officers.length} officers, 1 coordinator; rows before: ${JSON.stringify(counts)}`);

  let n = 0;
  const pick = (list) => list[n++ % list.length];
  // Each route kind's connections take the three officers in turn (connection k → officer k mod 3), so
  // every run has the same officers on the same route kinds: with a shared counter, whether the
  // dashboards' comuni were also the writers' (whose writes move the dashboard's cache key) changed from
  // run to run, and the dashboard's throughput with it (5 or 64 req/s).
  const assigned = new Map();
  const officerOf = (context, kind) => {
    if (!context.officer) {
      const k = assigned.get(kind) ?? 0;
      assigned.set(kind, k + 1);
      context.officer = officers[k % officers.length];
    }
    return context.officer;
  };

  /** One autocannon instance per route kind; `requests` as autocannon takes them (per-connection context). */
  const scenarios = [
    {
      name: "officer: comune dashboard",
      connections: 3,
      requests: [
        {
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/comuni/${officerOf(ctx, "dashboard").istat}`,
            headers: h(ctx),
          }),
        },
      ],
    },
    {
      name: "officer: project list (pages, filters)",
      connections: 2,
      requests: [
        {
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/comuni/${officerOf(ctx, "list").istat}/interventi?${pick(["pagina=2", "stato=EXECUTION", "q=scuola", "pagina=1&ordina=totalCost"])}`,
            headers: h(ctx),
          }),
        },
      ],
    },
    {
      name: "officer: project page",
      connections: 2,
      requests: [
        {
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/comuni/${officerOf(ctx, "page").istat}/interventi/${pick(officerOf(ctx, "page").projects)}`,
            headers: h(ctx),
          }),
        },
      ],
    },
    {
      name: "officer: API project list and detail",
      connections: 2,
      requests: [
        {
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/api/v1/projects?comune=${officerOf(ctx, "api").istat}&per_pagina=50&pagina=${1 + (n++ % 3)}`,
            headers: h(ctx),
          }),
        },
        {
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/api/v1/projects/${pick(officerOf(ctx, "api").projects)}`,
            headers: h(ctx),
          }),
        },
      ],
    },
    {
      name: "officer: write (add, edit, delete a funding line)",
      connections: 3,
      requests: [
        {
          method: "POST",
          setupRequest: (req, ctx) => {
            ctx.project = pick(officerOf(ctx, "write").projects);
            return {
              ...req,
              path: `/api/v1/projects/${ctx.project}/funding-lines`,
              headers: h(ctx, true),
              body: JSON.stringify({
                source: "REGION",
                programme: LINE_MARKER,
                year: 2027,
                amountPlanned: "1.000,00",
              }),
            };
          },
          onResponse: (status, body, ctx) => remember(status, body, ctx),
        },
        {
          method: "PATCH",
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/api/v1/projects/${ctx.project}/funding-lines/${ctx.line}`,
            headers: h(ctx, true),
            body: JSON.stringify({
              source: "REGION",
              programme: `${LINE_MARKER} (modificata)`,
              year: 2027,
              amountPlanned: "1.500,00",
              amountCommitted: "500,00",
              version: ctx.version,
            }),
          }),
          onResponse: (status, body, ctx) => remember(status, body, ctx),
        },
        {
          method: "DELETE",
          setupRequest: (req, ctx) => ({
            ...req,
            path: `/api/v1/projects/${ctx.project}/funding-lines/${ctx.line}?version=${ctx.version}`,
            headers: h(ctx),
          }),
        },
      ],
    },
    {
      name: "coordinator: roll-up page",
      connections: 2,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/regione?${pick([`provincia=${pick(PROVINCES)}`, "", `filone=${pick(streams)}`, "anno_da=2024&anno_a=2026"])}`,
            headers: { cookie: coordinator },
          }),
        },
      ],
    },
    {
      name: "coordinator: roll-up API",
      connections: 2,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/rollup?${pick([`provincia=${pick(PROVINCES)}`, `filone=${pick(streams)}&stato=EXECUTION`, "anno_da=2025&anno_a=2027", ""])}`,
            headers: { cookie: coordinator },
          }),
        },
      ],
    },
    {
      name: "coordinator: CSV exports",
      connections: 1,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: pick([
              `/api/v1/rollup/export?tabella=filoni&formato=csv&provincia=${pick(PROVINCES)}`,
              `/api/v1/rollup/export?tabella=comuni&formato=csv`,
              `/api/v1/rollup/export?tabella=interventi&formato=csv&provincia=${pick(PROVINCES)}&filone=${pick(streams)}`,
            ]),
            headers: { cookie: coordinator },
          }),
        },
      ],
    },
  ];

  function h(ctx, json = false) {
    const headers = { cookie: ctx.officer.cookie, origin: base };
    if (json) headers["content-type"] = "application/json";
    return headers;
  }
  function remember(status, body, ctx) {
    if (status >= 200 && status < 300) {
      const { data } = JSON.parse(body);
      ctx.line = data.id;
      ctx.version = data.version;
    }
  }

  return { scenarios, counts, reassign: () => assigned.clear() };
}

export async function tableCounts(client) {
  const { rows } = await client.query(`SELECT
    (SELECT count(*) FROM "Project")::int AS "Project", (SELECT count(*) FROM "FundingLine")::int AS "FundingLine",
    (SELECT count(*) FROM "Action")::int AS "Action"`);
  return rows[0];
}
