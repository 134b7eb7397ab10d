// "The raw SQL of the same aggregate" (docs/benchmarks.md, "What each figure means"):
// the two aggregates GET /api/v1/rollup answers (lib/rollup/get-rollup.ts), computed LIVE from the
// base tables Project, FundingLine, Action, Comune and Stream, with the same filters and the same
// GROUPING SETS — the cost of the question without any precomputation. Run as the database owner
// (no row-level security), directly with `pg`.

/** The filter combinations measured, as the API's query string and as SQL parameters. */
export const ROLLUP_CASES = (streamId) => [
  { name: "no filter", query: "", filters: {} },
  { name: "provincia=015", query: "?provincia=015", filters: { province: "015" } },
  {
    name: "filone=SL-01&stato=EXECUTION",
    query: `?filone=${streamId}&stato=EXECUTION`,
    filters: { streamId, status: "EXECUTION" },
  },
  {
    name: "anno_da=2024&anno_a=2026",
    query: "?anno_da=2024&anno_a=2026",
    filters: { yearFrom: 2024, yearTo: 2026 },
  },
];

function where(parts) {
  return parts.length ? `WHERE ${parts.join(" AND ")}` : "";
}

/** Returns [{ text, values }] — the project aggregate and the funding aggregate. */
export function rollupSql(filters) {
  const pv = [];
  const pw = [];
  const fv = [];
  const fw = [];
  const both = (projectCol, fundingCol, value) => {
    pv.push(value);
    pw.push(`${projectCol} = $${pv.length}`);
    fv.push(value);
    fw.push(`${fundingCol} = $${fv.length}`);
  };
  if (filters.province) both(`c."provinceIstat"`, `c."provinceIstat"`, filters.province);
  if (filters.streamId) both(`p."streamId"`, `p."streamId"`, filters.streamId);
  if (filters.status) both(`p.status::text`, `p.status::text`, filters.status);
  if (filters.yearTo !== undefined) {
    pv.push(filters.yearTo);
    pw.push(`EXTRACT(YEAR FROM p."plannedStart")::int <= $${pv.length}`);
    fv.push(filters.yearTo);
    fw.push(`fl.year <= $${fv.length}`);
  }
  if (filters.yearFrom !== undefined) {
    pv.push(filters.yearFrom);
    pw.push(`(p."plannedEnd" IS NULL OR EXTRACT(YEAR FROM p."plannedEnd")::int >= $${pv.length})`);
    fv.push(filters.yearFrom);
    fw.push(`fl.year >= $${fv.length}`);
  }

  const project = `
    SELECT GROUPING(p."comuneIstat")::int AS g_comune, GROUPING(c."provinceIstat")::int AS g_province,
           GROUPING(p."streamId")::int AS g_stream, GROUPING(s.theme)::int AS g_theme,
           p."comuneIstat" AS comune, c."provinceIstat" AS province, p."streamId"::text AS stream, s.theme::text AS theme,
           count(*)::int AS projects, sum(p."totalCost")::text AS total_cost,
           sum(COALESCE(f.planned, 0))::text AS planned, sum(COALESCE(f.committed, 0))::text AS committed,
           sum(COALESCE(f.paid, 0))::text AS paid, sum(COALESCE(a.overdue, 0))::int AS overdue
    FROM "Project" p
    JOIN "Comune" c ON c.istat = p."comuneIstat"
    JOIN "Stream" s ON s.id = p."streamId"
    LEFT JOIN (
      SELECT "projectId", sum("amountPlanned") AS planned, sum("amountCommitted") AS committed,
             sum("amountPaid") AS paid, array_agg(DISTINCT source::text) AS sources
      FROM "FundingLine" GROUP BY "projectId"
    ) f ON f."projectId" = p.id
    LEFT JOIN (
      SELECT "projectId", count(*)::int AS overdue FROM "Action"
      WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < CURRENT_DATE
      GROUP BY "projectId"
    ) a ON a."projectId" = p.id
    ${where([`p."deletedAt" IS NULL`, ...pw])}
    GROUP BY GROUPING SETS ((p."comuneIstat"), (c."provinceIstat"), (p."streamId"), (s.theme), ())`;

  const funding = `
    SELECT GROUPING(fl.source)::int AS g_source, GROUPING(fl.year)::int AS g_year,
           GROUPING(c."provinceIstat")::int AS g_province, GROUPING(p."streamId")::int AS g_stream,
           GROUPING(s.theme)::int AS g_theme, GROUPING(fl."comuneIstat")::int AS g_comune,
           fl.source::text AS source, fl.year, c."provinceIstat" AS province, p."streamId"::text AS stream,
           s.theme::text AS theme, fl."comuneIstat" AS comune,
           sum(fl."amountPlanned")::text AS planned, sum(fl."amountCommitted")::text AS committed,
           sum(fl."amountPaid")::text AS paid
    FROM "FundingLine" fl
    JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
    JOIN "Comune" c ON c.istat = fl."comuneIstat"
    JOIN "Stream" s ON s.id = p."streamId"
    ${where(fw)}
    GROUP BY GROUPING SETS ((fl.source), (fl.year), (c."provinceIstat"), (p."streamId"), (s.theme), (fl."comuneIstat"), ())`;

  return [
    { text: project, values: pv },
    { text: funding, values: fv },
  ];
}

/** The grand totals of a raw run, to cross-check the API's answer. */
export function rawTotals([projectRows, fundingRows]) {
  const p = projectRows.find((r) => r.g_comune && r.g_province && r.g_stream && r.g_theme);
  const f = fundingRows.find(
    (r) => r.g_source && r.g_year && r.g_province && r.g_stream && r.g_theme && r.g_comune,
  );
  return {
    projects: p?.projects ?? 0,
    totalCost: p?.total_cost ?? "0",
    overdue: p?.overdue ?? 0,
    planned: f?.planned ?? "0",
    committed: f?.committed ?? "0",
    paid: f?.paid ?? "0",
  };
}
