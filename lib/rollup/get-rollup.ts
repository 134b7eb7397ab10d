import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { sharedLru } from "@/lib/cache/lru";
import { Prisma, readRows, type SqlTx as Tx } from "@/lib/db";
import { withReaderPairAsOf } from "@/lib/db/reader";
import { notFound } from "@/lib/errors";
import { centsText } from "@/lib/money";
import type { RollupFilters } from "./filters";
import type { Theme } from "@/lib/generated/prisma/enums";
import { checkRollupCalendar } from "./calendar";

export type Money = { planned: string; committed: string; paid: string };
/** `secured` = resources planned for the projects (all sources and years): the base of the funding gap. */
export type ProjectTotals = {
  projects: number;
  totalCost: string;
  secured: string;
  gap: string;
  overdue: number;
};
export type Group<K extends string = string> = { key: K; name: string } & ProjectTotals & Money;

export type Rollup = {
  filters: RollupFilters;
  /** When these figures were read from the facts, which are live (kept by the writing transactions). */
  refreshedAt: Date;
  totals: ProjectTotals & Money & { comuni: number };
  byStream: Group[];
  byTheme: Group[];
  byProvince: Group[];
  bySmartLand: Group[];
  bySource: ({ key: string } & Money)[];
  byYear: ({ year: number } & Money)[];
  byComune: ({ key: string; name: string; province: string; population: number } & ProjectTotals & Money)[];
};

/** WHERE clause shared by both fact tables (`f` alias); project-level dimensions only. */
function dimensionWhere(f: RollupFilters, smartLandComuni: string[] | null): Prisma.Sql[] {
  const w: Prisma.Sql[] = [];
  if (f.province) w.push(Prisma.sql`f.province = ${f.province}`);
  if (smartLandComuni) w.push(Prisma.sql`f.comune = ANY(${smartLandComuni})`);
  if (f.streamId) w.push(Prisma.sql`f.stream = ${f.streamId}::uuid`);
  if (f.theme) w.push(Prisma.sql`f.theme = ${f.theme}`);
  if (f.status) w.push(Prisma.sql`f.status = ${f.status}`);
  if (f.health) w.push(Prisma.sql`f.health = ${f.health}`);
  return w;
}

/** The year filters on a funding line's own year. */
function lineYears(f: RollupFilters): Prisma.Sql[] {
  const w: Prisma.Sql[] = [];
  if (f.yearFrom !== undefined) w.push(Prisma.sql`f.year >= ${f.yearFrom}`);
  if (f.yearTo !== undefined) w.push(Prisma.sql`f.year <= ${f.yearTo}`);
  return w;
}

/** The year filters on a project: its years overlap the range (no end year: still running). */
function projectYears(f: RollupFilters): Prisma.Sql[] {
  const w: Prisma.Sql[] = [];
  if (f.yearTo !== undefined) w.push(Prisma.sql`f.start_year <= ${f.yearTo}`);
  if (f.yearFrom !== undefined) w.push(Prisma.sql`(f.end_year IS NULL OR f.end_year >= ${f.yearFrom})`);
  return w;
}

const and = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;

type ProjectRow = {
  g_comune: number;
  g_province: number;
  g_stream: number;
  g_theme: number;
  comune: string | null;
  province: string | null;
  stream: string | null;
  theme: string | null;
  projects: number;
  total_cost: Cents;
  planned: Cents;
  committed: Cents;
  paid: Cents;
  overdue: number;
};
type FundingRow = {
  g_source: number;
  g_year: number;
  g_province: number;
  g_stream: number;
  g_theme: number;
  g_comune: number;
  source: string | null;
  year: number | null;
  province: string | null;
  stream: string | null;
  theme: string | null;
  comune: string | null;
  planned: Cents;
  committed: Cents;
  paid: Cents;
};

// The aggregates group by the finest dimensions only — comune and stream (and source, year for funding
// lines) — and the coarser groupings are summed here from those rows: a comune's province and a stream's
// theme are the facts' own (the triggers keep them equal to "Comune" and "Stream" in every snapshot), so
// a province's figures are the sum of its comuni's, a theme's of its streams', the total of all comuni.
// Each grouping set is one more hash-table update per fact row; 2 sets instead of 5 for projects, 4
// instead of 7 for funding lines took about a third less time on the bench data, and the sums added
// here are a few thousand at most. The rows keep the shape of the full GROUPING SETS answer (the g_*
// flags), including its total over no row (zero count, null sums).

function byKey<R>(rows: R[], keyOf: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Money inside the roll-up: integer cents, summed by PostgreSQL from the facts' bigint cents and sent as
 * float8 (exact below 2^53 cents, 90 thousand billion euros; checked by `cents`), null where SQL's sum()
 * over no row gives null. Sums of integers below 2^53 are exact in JavaScript too; the figures become
 * "1234.56" strings once, in `assemble`. Decimal strings from numeric::text cost a regular expression
 * and a parse per value and per sum (a CPU profile: ~5 ms of a 50 ms first view).
 */
type Cents = number | null;

/** A sum of cents, checked: past 2^53 a double is no longer exact. */
function cents(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`roll-up: ${n} cents are past exact arithmetic`);
  return n;
}

/** Exact sums of money columns; over no row, null like SQL's sum(). */
function sumsOf<K extends "total_cost" | "planned" | "committed" | "paid">(
  members: Record<K, Cents>[],
  keys: K[],
): Record<K, Cents> {
  const out = {} as Record<K, Cents>;
  for (const k of keys) {
    if (!members.length) {
      out[k] = null;
      continue;
    }
    let sum = 0;
    for (const m of members) sum += m[k] ?? 0;
    out[k] = cents(sum);
  }
  return out;
}

const NO_PROJECT_GROUP = {
  g_comune: 1,
  g_province: 1,
  g_stream: 1,
  g_theme: 1,
  comune: null,
  province: null,
  stream: null,
  theme: null,
};

function sumProjects(members: ProjectRow[], at: Partial<ProjectRow>): ProjectRow {
  return {
    ...NO_PROJECT_GROUP,
    projects: members.reduce((n, r) => n + r.projects, 0),
    ...sumsOf(members, ["total_cost", "planned", "committed", "paid"]),
    overdue: members.reduce((n, r) => n + r.overdue, 0),
    ...at,
  };
}

/**
 * Whether the summaries may answer (migration rollup_summaries): tests set SMARTLAND_ROLLUP_SUMMARIES=off
 * to compare every view with the same view computed from the facts alone.
 */
const summariesOn = () => process.env.SMARTLAND_ROLLUP_SUMMARIES !== "off";
/** Filters on a funding line's own source or year: the money is no longer the projects' whole funding. */
const moneyFiltered = (f: RollupFilters) =>
  f.source !== undefined || f.yearFrom !== undefined || f.yearTo !== undefined;
/** Filters on a set of comuni (the funding summary has no comune). */
const comuneFiltered = (f: RollupFilters) => f.province !== undefined || f.smartLand !== undefined;

/**
 * The streams of the theme filter, read in the transaction's snapshot (the facts' theme is the stream's in
 * every snapshot: migration incremental_rollup), so the filter uses the stream indexes. Null: no filter.
 */
async function themeStreams(tx: Tx, f: RollupFilters): Promise<string[] | null> {
  if (!f.theme) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "Stream" WHERE theme::text = ${f.theme}`;
  return rows.map((r) => r.id);
}

/** WHERE parts on (comune, stream) for the project summary: comune sets and streams only. */
function cellWhere(f: RollupFilters, slComuni: string[] | null, streamsOfTheme: string[] | null) {
  const w: Prisma.Sql[] = [];
  if (f.province)
    w.push(Prisma.sql`f.comune IN (SELECT c.istat FROM "Comune" c WHERE c."provinceIstat" = ${f.province})`);
  if (slComuni) w.push(Prisma.sql`f.comune = ANY(${slComuni})`);
  if (f.streamId) w.push(Prisma.sql`f.stream = ${f.streamId}::uuid`);
  if (streamsOfTheme) w.push(Prisma.sql`f.stream = ANY(${streamsOfTheme}::uuid[])`);
  return w;
}

/** A comune row's name, province and population (null on the other rows). */
type ComuneInfo = { c_name: string | null; c_province: string | null; c_population: number | null };

/**
 * An aggregate's rows with their comune's name, province and population, in the same statement: one round
 * trip less than reading the comuni of the rows afterwards (1,503 at Lombardy scale).
 */
const withComuni = (aggregate: Prisma.Sql) => Prisma.sql`
  WITH a AS (${aggregate})
  SELECT a.*, c.name AS c_name, c."provinceIstat" AS c_province, c.population AS c_population
  FROM a LEFT JOIN "Comune" c ON c.istat = a.comune`;

/** A project summary's figures summed (base and delta rows alike), money as cents. */
const SUMMARY_SUMS = Prisma.sql`sum(f.projects)::int AS projects, sum(f.total_cost)::float8 AS total_cost,
  sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
  sum(f.paid)::float8 AS paid, sum(f.overdue)::int AS overdue`;

/** A project summary keyed by comune and stream, grouped by each; a key whose projects net to 0 dropped. */
const byComuneAndStream = (summary: Prisma.Sql, where: Prisma.Sql) => Prisma.sql`
  SELECT GROUPING(f.comune)::int AS g_comune, GROUPING(f.stream)::int AS g_stream,
         f.comune, f.stream::text AS stream, ${SUMMARY_SUMS}
  FROM ${summary} f ${where}
  GROUP BY GROUPING SETS ((f.comune), (f.stream))
  HAVING sum(f.projects) <> 0`;

/** The finest project groupings (comune, stream); deriveProjects adds the coarser ones. */
async function projectAggregates(
  tx: Tx,
  f: RollupFilters,
  slComuni: string[] | null,
  streamsOfTheme: string[] | null,
): Promise<(ProjectRow & ComuneInfo)[]> {
  type Fine = Omit<ProjectRow, "g_province" | "g_theme" | "province" | "theme"> & ComuneInfo;
  let rows: Fine[];
  const onlyYears =
    (f.yearFrom !== undefined || f.yearTo !== undefined) &&
    !f.status &&
    !f.health &&
    !f.source &&
    !f.streamId &&
    !f.theme &&
    !comuneFiltered(f);
  if (summariesOn() && onlyYears) {
    // Only years: the (comune, years) and (stream, years) summaries, the same overlap condition.
    const w = projectYears(f);
    // One statement, one round trip (each is a wake-up of the backend on a busy machine).
    rows = await tx.$queryRaw<Fine[]>`
      ${withComuni(Prisma.sql`
        SELECT 0 AS g_comune, 1 AS g_stream, f.comune, NULL AS stream, ${SUMMARY_SUMS}
        FROM rollup_project_year_sums f ${and(w)} GROUP BY f.comune HAVING sum(f.projects) <> 0`)}
      UNION ALL
      SELECT 1 AS g_comune, 0 AS g_stream, NULL AS comune, f.stream::text AS stream, ${SUMMARY_SUMS},
             NULL AS c_name, NULL AS c_province, NULL AS c_population
      FROM rollup_project_stream_year_sums f ${and(w)} GROUP BY f.stream HAVING sum(f.projects) <> 0`;
  } else if (
    summariesOn() &&
    f.source &&
    !f.status &&
    !f.health &&
    f.yearFrom === undefined &&
    f.yearTo === undefined
  ) {
    // A source (with comune sets and streams): the (comune, stream, source) summary of the projects with
    // a line of that source (migration rollup_source_summaries), read by source through its index.
    rows = await tx.$queryRaw<Fine[]>`${withComuni(
      byComuneAndStream(
        Prisma.sql`rollup_project_source_sums`,
        and([Prisma.sql`f.source = ${f.source}`, ...cellWhere(f, slComuni, streamsOfTheme)]),
      ),
    )}`;
  } else if (summariesOn() && !f.status && !f.health && !moneyFiltered(f)) {
    // Only comune sets and streams: the (comune, stream) summary, base and delta rows summed.
    rows = await tx.$queryRaw<Fine[]>`${withComuni(
      byComuneAndStream(Prisma.sql`rollup_project_sums`, and(cellWhere(f, slComuni, streamsOfTheme))),
    )}`;
  } else {
    const w = dimensionWhere({ ...f, theme: undefined }, slComuni);
    if (streamsOfTheme) w.push(Prisma.sql`f.stream = ANY(${streamsOfTheme}::uuid[])`);
    if (f.source) w.push(Prisma.sql`${f.source} = ANY(f.sources)`);
    w.push(...projectYears(f));
    // One scan, the finest groupings: GROUPING SETS. Amounts are cents (bigint: fast sums), shown as euros.
    rows = await tx.$queryRaw<Fine[]>`${withComuni(Prisma.sql`
      SELECT GROUPING(f.comune)::int AS g_comune, GROUPING(f.stream)::int AS g_stream,
             f.comune, f.stream::text AS stream,
             count(*)::int AS projects, sum(f.total_cost)::float8 AS total_cost,
             sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
             sum(f.paid)::float8 AS paid, sum(f.overdue)::int AS overdue
      FROM rollup_projects f ${and(w)}
      GROUP BY GROUPING SETS ((f.comune), (f.stream))`)}`;
  }
  // Written out, not spread: pg's row objects are slow to spread (a few µs each, 1,503–7,896 per view).
  return rows.map((r) => ({
    g_comune: r.g_comune,
    g_province: 1,
    g_stream: r.g_stream,
    g_theme: 1,
    comune: r.comune,
    province: null,
    stream: r.stream,
    theme: null,
    projects: r.projects,
    total_cost: r.total_cost,
    planned: r.planned,
    committed: r.committed,
    paid: r.paid,
    overdue: r.overdue,
    c_name: r.c_name,
    c_province: r.c_province,
    c_population: r.c_population,
  }));
}

function deriveProjects(
  fine: ProjectRow[],
  provinces: Map<string, string>,
  themeOf: Map<string, string>,
): ProjectRow[] {
  const comuni = fine.filter((r) => r.g_comune === 0);
  const streams = fine.filter((r) => r.g_stream === 0);
  return [
    ...fine,
    ...[...byKey(comuni, (r) => provinces.get(r.comune as string) ?? "")].map(([province, members]) =>
      sumProjects(members, { g_province: 0, province }),
    ),
    ...[...byKey(streams, (r) => themeOf.get(r.stream as string) ?? "")].map(([theme, members]) =>
      sumProjects(members, { g_theme: 0, theme }),
    ),
    sumProjects(comuni, {}),
  ];
}

const NO_FUNDING_GROUP = {
  g_source: 1,
  g_year: 1,
  g_province: 1,
  g_stream: 1,
  g_theme: 1,
  g_comune: 1,
  source: null,
  year: null,
  province: null,
  stream: null,
  theme: null,
  comune: null,
};

function sumFunding(members: FundingRow[], at: Partial<FundingRow>): FundingRow {
  return {
    ...NO_FUNDING_GROUP,
    ...sumsOf(members, ["planned", "committed", "paid"]),
    ...at,
  };
}

type FundingFine = Omit<FundingRow, "g_province" | "g_theme" | "province" | "theme">;
/** A funding row of the finest groupings, written out (not spread: see projectAggregates). */
const fundingRow = (r: FundingFine): FundingRow => ({
  g_source: r.g_source,
  g_year: r.g_year,
  g_province: 1,
  g_stream: r.g_stream,
  g_theme: 1,
  g_comune: r.g_comune,
  source: r.source,
  year: r.year,
  province: null,
  stream: r.stream,
  theme: null,
  comune: r.comune,
  planned: r.planned,
  committed: r.committed,
  paid: r.paid,
});
const fine = (rows: FundingFine[]): FundingRow[] => rows.map(fundingRow);

/**
 * The finest funding groupings. By source and by year: from the funding summary when no comune set is
 * filtered (at most streams × statuses × healths × sources × years rows), from the (province, source, year)
 * or the (comune, source, year) summary for a province or a Smart Land without a stream, status or health
 * filter, else from the facts. By comune and by stream: from the facts only when the source or years are
 * filtered; otherwise they are the projects' own funding, which the project side already sums
 * (computeRollup), since a funding line's comune, stream, status and health are its project's (foreign
 * key, facts). `provinces`: the comuni's provinces when comune rows come from here.
 */
async function fundingSide(
  tx: Tx,
  f: RollupFilters,
  slComuni: string[] | null,
): Promise<{ rows: FundingRow[]; provinces: Map<string, string> }> {
  const streamsOfTheme = await themeStreams(tx, f);
  const needComuni = !summariesOn() || moneyFiltered(f);
  // A Smart Land of more than half of the comuni, no money filter: its by-source and by-year money is the
  // region's (the funding summary) minus the other comuni's (their facts) — the smaller side is read. A
  // Smart Land of every comune read all 450,889 funding facts at Lombardy scale (docs/benchmarks.md).
  const others =
    summariesOn() && !needComuni && slComuni && !f.province ? await otherComuni(tx, slComuni) : null;
  const fromSummary = summariesOn() && (!comuneFiltered(f) || others !== null);
  // A province alone (with a source or years, or neither): its money by source and by year from the
  // (province, source, year) summary (migration rollup_funding_province_summary), ~140 keys per province.
  const fromProvinceSummary =
    summariesOn() &&
    !fromSummary &&
    f.province !== undefined &&
    !f.smartLand &&
    !f.streamId &&
    !streamsOfTheme &&
    !f.status &&
    !f.health;
  // A Smart Land (a list of comuni; alone, with a province, a source or years): its money by source and by
  // year from the (comune, source, year) summary through its comune index (migration
  // rollup_funding_source_summary_comune), ~100 keys per comune instead of ~300 funding facts.
  const smartLandFromSourceSummary =
    summariesOn() &&
    !fromSummary &&
    !fromProvinceSummary &&
    slComuni !== null &&
    !f.streamId &&
    !streamsOfTheme &&
    !f.status &&
    !f.health;
  const sourceYearFromFacts = !fromSummary && !fromProvinceSummary && !smartLandFromSourceSummary;
  // The facts' grouping sets; a column grouped by no set is selected as not grouped (GROUPING() refuses it).
  const grouped = (column: Prisma.Sql, alias: string, on: boolean) =>
    on
      ? Prisma.sql`GROUPING(${column})::int AS ${Prisma.raw(`g_${alias}`)}, ${column}${Prisma.raw(alias === "stream" ? "::text" : "")} AS ${Prisma.raw(alias)}`
      : Prisma.sql`1 AS ${Prisma.raw(`g_${alias}`)}, NULL AS ${Prisma.raw(alias)}`;
  const sets: Prisma.Sql[] = [];
  // By stream: from the summary too when it answers (one hash table less over the facts).
  const streamsFromSummary = fromSummary && needComuni;
  // By comune, when only years, comune sets and streams are filtered: the (comune, year) summary, or with
  // a stream or theme the (comune, stream, year) one, which then gives the streams too.
  const comuniFromSummary = summariesOn() && needComuni && !f.status && !f.health && !f.source;
  const byStreamSummary = comuniFromSummary && (f.streamId !== undefined || streamsOfTheme !== null);
  const streamsFromFacts = needComuni && !streamsFromSummary && !byStreamSummary;
  // By comune, when a source (with years, comune sets) is filtered: the (comune, source, year) summary.
  const comuniFromSourceSummary =
    summariesOn() &&
    needComuni &&
    f.source !== undefined &&
    !f.status &&
    !f.health &&
    !f.streamId &&
    !streamsOfTheme;
  const comuniFromFacts = needComuni && !comuniFromSummary && !comuniFromSourceSummary;
  if (sourceYearFromFacts) sets.push(Prisma.sql`(f.source)`, Prisma.sql`(f.year)`);
  if (streamsFromFacts) sets.push(Prisma.sql`(f.stream)`);
  if (comuniFromFacts) sets.push(Prisma.sql`(f.comune)`);
  const rows: FundingRow[] = [];
  const provinces = new Map<string, string>();
  if (fromSummary) {
    const w: Prisma.Sql[] = [];
    if (f.streamId) w.push(Prisma.sql`f.stream = ${f.streamId}::uuid`);
    if (streamsOfTheme) w.push(Prisma.sql`f.stream = ANY(${streamsOfTheme}::uuid[])`);
    if (f.status) w.push(Prisma.sql`f.status = ${f.status}`);
    if (f.health) w.push(Prisma.sql`f.health = ${f.health}`);
    if (f.source) w.push(Prisma.sql`f.source = ${f.source}`);
    w.push(...lineYears(f));
    rows.push(
      ...fine(
        (
          await tx.$queryRaw<Omit<FundingFine, "g_comune" | "comune">[]>`
          SELECT GROUPING(f.source)::int AS g_source, GROUPING(f.year)::int AS g_year, f.source, f.year,
                 ${grouped(Prisma.sql`f.stream`, "stream", streamsFromSummary)},
                 sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
                 sum(f.paid)::float8 AS paid
          FROM ${
            others === null
              ? Prisma.sql`rollup_funding_sums f ${and(w)}`
              : Prisma.sql`(
                SELECT f.source, f.year, f.stream, f.lines, f.planned, f.committed, f.paid
                FROM rollup_funding_sums f ${and(w)}
                UNION ALL
                SELECT f.source, f.year, f.stream, -1, -f.planned, -f.committed, -f.paid
                FROM rollup_funding f ${and([...w, Prisma.sql`f.comune = ANY(${others})`])}) f`
          }
          GROUP BY GROUPING SETS ((f.source), (f.year)${streamsFromSummary ? Prisma.sql`, (f.stream)` : Prisma.empty})
          HAVING sum(f.lines) <> 0`
        ).map((r) => ({ ...r, g_comune: 1, comune: null })),
      ),
    );
  }
  // A province's or a Smart Land's money by source and by year, from the summary that has its comuni.
  const sourceYearSummary = fromProvinceSummary
    ? { from: Prisma.sql`rollup_funding_province_sums`, w: [Prisma.sql`f.province = ${f.province}`] }
    : smartLandFromSourceSummary
      ? { from: Prisma.sql`rollup_funding_source_sums`, w: cellWhere(f, slComuni, null) }
      : null;
  if (sourceYearSummary) {
    const { from, w } = sourceYearSummary;
    if (f.source) w.push(Prisma.sql`f.source = ${f.source}`);
    w.push(...lineYears(f));
    rows.push(
      ...fine(
        await tx.$queryRaw<FundingFine[]>`
          SELECT GROUPING(f.source)::int AS g_source, GROUPING(f.year)::int AS g_year, f.source, f.year,
                 1 AS g_stream, NULL AS stream, 1 AS g_comune, NULL AS comune,
                 sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
                 sum(f.paid)::float8 AS paid
          FROM ${from} f ${and(w)}
          GROUP BY GROUPING SETS ((f.source), (f.year))
          HAVING sum(f.lines) <> 0`,
      ),
    );
  }
  if (sets.length) {
    const w = dimensionWhere({ ...f, theme: undefined }, slComuni);
    if (streamsOfTheme) w.push(Prisma.sql`f.stream = ANY(${streamsOfTheme}::uuid[])`);
    if (f.source) w.push(Prisma.sql`f.source = ${f.source}`);
    w.push(...lineYears(f));
    rows.push(
      ...(await fundingWithProvinces(
        tx,
        Prisma.sql`
          SELECT ${grouped(Prisma.sql`f.source`, "source", sourceYearFromFacts)},
                 ${grouped(Prisma.sql`f.year`, "year", sourceYearFromFacts)},
                 ${grouped(Prisma.sql`f.stream`, "stream", streamsFromFacts)},
                 ${grouped(Prisma.sql`f.comune`, "comune", comuniFromFacts)},
                 sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
                 sum(f.paid)::float8 AS paid
          FROM rollup_funding f ${and(w)}
          GROUP BY GROUPING SETS (${Prisma.join(sets, ", ")})`,
        provinces,
      )),
    );
  }
  if (comuniFromSummary) {
    const w = cellWhere(f, slComuni, streamsOfTheme);
    w.push(...lineYears(f));
    const withStreams = byStreamSummary && !streamsFromSummary;
    rows.push(
      ...(await fundingWithProvinces(
        tx,
        Prisma.sql`
          SELECT 1 AS g_source, NULL AS source, 1 AS g_year, NULL AS year,
                 ${grouped(Prisma.sql`f.stream`, "stream", withStreams)},
                 ${grouped(Prisma.sql`f.comune`, "comune", true)},
                 sum(f.planned)::float8 AS planned,
                 sum(f.committed)::float8 AS committed, sum(f.paid)::float8 AS paid
          FROM ${byStreamSummary ? Prisma.sql`rollup_funding_stream_sums` : Prisma.sql`rollup_funding_year_sums`} f
          ${and(w)}
          GROUP BY GROUPING SETS ((f.comune)${withStreams ? Prisma.sql`, (f.stream)` : Prisma.empty})
          HAVING sum(f.lines) <> 0`,
        provinces,
      )),
    );
  }
  if (comuniFromSourceSummary) {
    const w = [Prisma.sql`f.source = ${f.source}`, ...cellWhere(f, slComuni, null)];
    w.push(...lineYears(f));
    rows.push(
      ...(await fundingWithProvinces(
        tx,
        Prisma.sql`
          SELECT 1 AS g_source, NULL AS source, 1 AS g_year, NULL AS year, 1 AS g_stream, NULL AS stream,
                 0 AS g_comune, f.comune,
                 sum(f.planned)::float8 AS planned, sum(f.committed)::float8 AS committed,
                 sum(f.paid)::float8 AS paid
          FROM rollup_funding_source_sums f ${and(w)}
          GROUP BY f.comune
          HAVING sum(f.lines) <> 0`,
        provinces,
      )),
    );
  }
  return { rows, provinces };
}

/**
 * A funding aggregate's rows with their comune's province (the facts' own, in this transaction's snapshot),
 * joined in the same statement: a round trip less than reading the provinces of 1,503 comuni afterwards.
 */
async function fundingWithProvinces(
  tx: Tx,
  aggregate: Prisma.Sql,
  provinces: Map<string, string>,
): Promise<FundingRow[]> {
  const rows = await tx.$queryRaw<(FundingFine & { c_province: string | null })[]>`
    WITH a AS (${aggregate})
    SELECT a.*, c."provinceIstat" AS c_province FROM a LEFT JOIN "Comune" c ON c.istat = a.comune`;
  for (const r of rows) if (r.g_comune === 0 && r.c_province !== null) provinces.set(r.comune!, r.c_province);
  return fine(rows);
}

/**
 * The comuni outside a Smart Land when it has more than half of them (its complement is the smaller side to
 * read), else null.
 */
async function otherComuni(tx: Tx, members: string[]): Promise<string[] | null> {
  const [row] = await tx.$queryRaw<{ others: string[] }[]>`
    SELECT COALESCE(array_agg(istat), '{}') AS others FROM "Comune" WHERE NOT (istat = ANY(${members}))`;
  const others = row?.others ?? [];
  return others.length < members.length ? others : null;
}

/** The funding rows by comune and by stream taken from the project side (no source or year filter). */
function fundingFromProjects(projectRows: ProjectRow[]): FundingRow[] {
  return projectRows
    .filter(
      (r) =>
        r.g_province === 1 &&
        r.g_theme === 1 &&
        r.g_comune + r.g_stream === 1 &&
        // A group whose money is all zero: the facts give a zero row or none, shown the same (ZERO).
        !(r.planned === 0 && r.committed === 0 && r.paid === 0),
    )
    .map((r) =>
      fundingRow({
        g_source: 1,
        g_year: 1,
        g_stream: r.g_stream,
        g_comune: r.g_comune,
        source: null,
        year: null,
        stream: r.stream,
        comune: r.comune,
        planned: r.planned,
        committed: r.committed,
        paid: r.paid,
      }),
    );
}

/** Adds the coarser funding groupings (province, theme, total) to the finest ones. */
function deriveFunding(
  fineRows: FundingRow[],
  provinces: Map<string, string>,
  themes: Map<string, string>,
): FundingRow[] {
  const comuni = fineRows.filter((r) => r.g_comune === 0);
  const streams = fineRows.filter((r) => r.g_stream === 0);
  return [
    ...fineRows,
    ...[...byKey(comuni, (r) => provinces.get(r.comune as string) ?? "")].map(([province, members]) =>
      sumFunding(members, { g_province: 0, province }),
    ),
    ...[...byKey(streams, (r) => themes.get(r.stream as string) ?? "")].map(([theme, members]) =>
      sumFunding(members, { g_theme: 0, theme }),
    ),
    sumFunding(comuni, {}),
  ];
}

/** Cents as the roll-up's "1234.56" (null stays null, as SQL's sum() over no row gave). */
const euros = (c: Cents) => (c === null ? (null as unknown as string) : centsText(c));

const ZERO: Money = { planned: "0.00", committed: "0.00", paid: "0.00" };
const money = (r: { planned: Cents; committed: Cents; paid: Cents } | undefined): Money =>
  r ? { planned: euros(r.planned), committed: euros(r.committed), paid: euros(r.paid) } : ZERO;

/**
 * The regional roll-up for coordinators and administrators, from the fact tables (see the rollup
 * migration). Project counts, costs and gaps come from project facts; resources planned / committed /
 * paid from funding facts, so the source and year filters apply to the money exactly.
 */
export async function getRollup(actor: Actor, filters: RollupFilters): Promise<Rollup> {
  if (!can(actor, "rollup.read")) throw notFound();
  // The facts are live: every committed write is in them at once (migration incremental_rollup). The
  // calendar job counts the actions that fell due at Rome's midnight: the first view of a day waits for it.
  await checkRollupCalendar();
  // The figures are cached for at most CACHE_TTL_MS per filter set, so a repeated view is answered from
  // memory and a commit shows in every instance within a second. Keying by database state instead would
  // need a token that moves at each commit: a sequence moves before the commit (and the figures read with
  // that key would still be the old ones, cached under the new key), a one-row counter bumped by every
  // writer serializes all writers on that row; the per-comune ComuneRevision misses the taxonomy (a
  // stream's theme, a comune's province) and summing it would scan 1,503–7,896 rows at every view.
  // A second of staleness at most, one computation per filter set per second per process at worst.
  // The taxonomy (Smart Lands and their members, stream names) is read live and is part of the key, so
  // its edits show at once.
  const key = `${await taxonomyState()}:${summariesOn()}:${JSON.stringify(filters)}`;
  const cached = rollups.get(key);
  if (cached && performance.now() - cached.at <= CACHE_TTL_MS) return cached.rollup;
  // One computation per key at a time: requests arriving while it runs wait for it (under load the same
  // filters come in bursts; each would otherwise compute the same figures on a connection of its own).
  // Their figures were read at most one computation (tens of milliseconds) before they arrived.
  let pending = computing.get(key);
  if (!pending) {
    pending = computeRollup(actor, filters)
      .then((rollup) => {
        rollups.set(key, { at: performance.now(), rollup });
        return rollup;
      })
      .finally(() => computing.delete(key));
    computing.set(key, pending);
  }
  return pending;
}

const computing = new Map<string, Promise<Rollup>>();

/**
 * The database and the state of the taxonomy (Smart Lands, streams: count and the sum of their versions,
 * which every edit and archive increments), read live on the pool: part of every key of a cached answer
 * that shows them, so an edit shows at the next request.
 */
export async function taxonomyState(): Promise<string> {
  const [state] = await readRows<{ database: string; taxonomy: string }>(
    `SELECT current_database()::text AS database,
            (SELECT count(*) || ':' || COALESCE(sum(version), 0) FROM "SmartLand") || '/' ||
            (SELECT count(*) || ':' || COALESCE(sum(version), 0) FROM "Stream") AS taxonomy`,
    [],
  );
  return `${state?.database}:${state?.taxonomy}`;
}

/** How long a computed roll-up is served from memory (issue 17: ≤ 1 s after a commit). */
export const CACHE_TTL_MS = 1_000;

// At regional scale one roll-up (1,503 comuni, every breakdown) weighs about a megabyte: 50 views per
// worker bound the cache to tens of megabytes (200 let a 60 s mixed load grow each worker by ~250 MiB).
const rollups = sharedLru<{ at: number; rollup: Rollup }>("rollup", 50);

// The roll-up tolerates a second of lag: it reads from the replica when there is one (docs/topology.md),
// and says as of when its figures are complete. The two scans (project facts, funding facts) run at once
// on two connections sharing one snapshot (withReaderPairAsOf): both see the same commits, so the
// sections of the page always agree, and the wall time is the longer scan, not the sum.
async function computeRollup(actor: Actor, filters: RollupFilters): Promise<Rollup> {
  const { result, asOf } = await withReaderPairAsOf(
    actor,
    (tx) => projectSide(tx, filters),
    async (tx) => {
      const smartLand = await smartLandMembers(tx, filters);
      const effective = comuneSet(filters, smartLand?.members, smartLand?.comuni ?? 0);
      return fundingSide(tx, effective.filters, effective.members);
    },
  );
  const [projectPart, funding] = result;
  const fromProjects = summariesOn() && !moneyFiltered(filters);
  const provinces = fromProjects
    ? new Map(projectPart.comuni.map((c) => [c.istat, c.provinceIstat]))
    : funding.provinces;
  const fundingRows = deriveFunding(
    fromProjects ? [...funding.rows, ...fundingFromProjects(projectPart.projectRows)] : funding.rows,
    provinces,
    new Map(projectPart.streams.map((s) => [s.id, s.theme as string])),
  );
  return { ...assemble(filters, projectPart, fundingRows), refreshedAt: asOf };
}

/**
 * The filters a view is computed with and the comuni of its Smart Land filter (null: no such filter; an
 * unknown slug: no comune). A Smart Land of every comune of the region (a regional programme) selects every
 * fact, so it is computed as no comune filter: the summaries answer it and no 1,503-element list is matched
 * against each row (with the filter, a Smart Land of every comune with a source took 190–320 ms,
 * docs/benchmarks.md). `members` are distinct (the member table's key) and `comuni` is the count of comuni
 * read in the same snapshot. Off with the summaries, so that the tests compare the shortcut with the filter
 * applied to the facts.
 */
function comuneSet(
  filters: RollupFilters,
  members: string[] | undefined,
  comuni: number,
): { filters: RollupFilters; members: string[] | null } {
  if (!filters.smartLand) return { filters, members: null };
  const list = members ?? [];
  const wholeRegion = summariesOn() && list.length > 0 && list.length >= comuni;
  return wholeRegion
    ? { filters: { ...filters, smartLand: undefined }, members: null }
    : { filters, members: list };
}

/** The Smart Land filter's members and the count of comuni, in one statement (null: no such filter). */
async function smartLandMembers(
  tx: Tx,
  filters: RollupFilters,
): Promise<{ members: string[]; comuni: number } | null> {
  if (!filters.smartLand) return null;
  // Raw: a Prisma findMany with a relation filter goes through its query compiler (a first view's fixed cost).
  const [row] = await tx.$queryRaw<{ members: string; comuni: number }[]>`
    SELECT COALESCE(string_agg(m."comuneIstat", ','), '') AS members,
           (SELECT count(*) FROM "Comune")::int AS comuni
    FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId"
    WHERE s.slug = ${filters.smartLand}`;
  return { members: row?.members ? row.members.split(",") : [], comuni: row?.comuni ?? 0 };
}

async function projectSide(tx: Tx, requested: RollupFilters) {
  // The taxonomy in one round trip (three Prisma findMany were three trips through its query compiler:
  // a first view's fixed cost, measured in docs/reliability.md's CPU profile). A Smart Land's members as one
  // comma-separated string: a JSON object per member (3,153 in the bench's four Smart Lands) made this
  // statement 5–15 ms of every view, the string 1–1.5 ms.
  const [taxonomy] = await tx.$queryRaw<
    {
      provinces: { istat: string; name: string }[];
      streams: { id: string; code: string; name: string; theme: Theme }[];
      smart_lands: { id: string; slug: string; name: string; phase: string; members: string }[];
      comuni: number;
    }[]
  >`SELECT
      COALESCE((SELECT json_agg(json_build_object('istat', istat, 'name', name)) FROM "Province"), '[]')
        AS provinces,
      COALESCE((SELECT json_agg(json_build_object('id', id, 'code', code, 'name', name, 'theme', theme))
                FROM "Stream"), '[]') AS streams,
      COALESCE((SELECT json_agg(json_build_object('id', sl.id, 'slug', sl.slug, 'name', sl.name,
                  'phase', sl.phase, 'members', (
                    SELECT COALESCE(string_agg(m."comuneIstat", ','), '')
                    FROM "SmartLandMember" m WHERE m."smartLandId" = sl.id)))
                FROM "SmartLand" sl), '[]') AS smart_lands,
      (SELECT count(*) FROM "Comune")::int AS comuni`;
  const { provinces, streams } = taxonomy!;
  const smartLands = taxonomy!.smart_lands.map((sl) => ({
    ...sl,
    members: sl.members ? sl.members.split(",") : [],
  }));
  const selected = requested.smartLand ? smartLands.find((s) => s.slug === requested.smartLand) : undefined;
  const { filters, members: slComuni } = comuneSet(requested, selected?.members, taxonomy!.comuni);
  const themeOf = filters.theme ? streams.filter((x) => x.theme === filters.theme).map((x) => x.id) : null;
  const fine = await projectAggregates(tx, filters, slComuni, themeOf);
  // The comuni of the rows came with them (joined by projectAggregates: one round trip less).
  const comuni = fine.flatMap((r) =>
    r.g_comune === 0 && r.c_name !== null
      ? [
          {
            istat: r.comune as string,
            name: r.c_name,
            provinceIstat: r.c_province as string,
            population: r.c_population as number,
          },
        ]
      : [],
  );
  const projectRows = deriveProjects(
    fine,
    new Map(comuni.map((c) => [c.istat, c.provinceIstat])),
    new Map(streams.map((s) => [s.id, s.theme as string])),
  );
  return { provinces, streams, smartLands, projectRows, comuni };
}

// The same order as `localeCompare(…, "it")`, which builds a collator at each call (a 1,503-comune sort
// took 10–45 ms of the first view).
const byItalianName = new Intl.Collator("it");

// Each name's rank in that order, kept for the process: the comuni's names are reference data, so a
// view's sort compares two numbers instead of calling the collator ~n log n times (7,896 comuni at Italy
// scale). A name not seen yet ranks the names again, with it.
const nameRanks = { names: [] as string[], rank: new Map<string, number>() };

function sortByItalianName<T extends { name: string }>(rows: T[]): T[] {
  if (rows.some((r) => !nameRanks.rank.has(r.name))) {
    const names = [...new Set([...nameRanks.names, ...rows.map((r) => r.name)])].sort(byItalianName.compare);
    // Bounded: the names of comuni, provinces, streams and themes, not user input.
    nameRanks.names = names.length > 100_000 ? [] : names;
    nameRanks.rank = new Map(names.map((n, i) => [n, i]));
  }
  const rank = nameRanks.rank;
  return rows.sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
}

const PROJECT_SETS = ["comune", "province", "stream", "theme", "total"] as const;
const FUNDING_SETS = ["source", "year", "province", "stream", "theme", "comune", "total"] as const;

/** Rows by grouping set, in one pass: a row is in the set whose g_* flag is 0 (all 1: the total). */
function bySet<S extends string, R extends object>(rows: R[], sets: readonly S[]) {
  const out = new Map<S, R[]>(sets.map((set) => [set, []]));
  const grouped = sets.filter((set) => set !== "total");
  // The flags' names once, not a template string per row and set (a CPU profile of the first views).
  const flags = grouped.map((set) => `g_${set}`);
  const total = out.get("total" as S)!;
  for (const r of rows) {
    let zero = -1;
    let zeros = 0;
    for (let i = 0; i < flags.length; i++)
      if ((r as Record<string, unknown>)[flags[i]!] === 0) {
        zero = i;
        zeros++;
      }
    if (zeros === 0) total.push(r);
    else if (zeros === 1) out.get(grouped[zero]!)!.push(r);
  }
  return (set: S) => out.get(set)!;
}

function assemble(
  filters: RollupFilters,
  { provinces, streams, smartLands, projectRows, comuni }: Awaited<ReturnType<typeof projectSide>>,
  fundingRows: FundingRow[],
): Omit<Rollup, "refreshedAt"> {
  const pRows = bySet(projectRows, PROJECT_SETS);
  const fRows = bySet(fundingRows, FUNDING_SETS);
  const gapOf = (r: ProjectRow | undefined) => {
    const d = (r?.total_cost ?? 0) - (r?.planned ?? 0);
    return d > 0 ? d : 0;
  };
  const totals = (r: ProjectRow | undefined): ProjectTotals => ({
    projects: r?.projects ?? 0,
    totalCost: r?.total_cost == null ? "0" : centsText(r.total_cost),
    secured: r?.planned == null ? "0" : centsText(r.planned),
    gap: centsText(gapOf(r)),
    overdue: r?.overdue ?? 0,
  });
  const group = (set: "province" | "stream" | "theme", names: Map<string, string>): Group[] => {
    const money_ = new Map(fRows(set).map((r) => [r[set] as string, r]));
    const list = pRows(set).map((r) => ({
      key: r[set] as string,
      name: names.get(r[set] as string) ?? String(r[set]),
      ...totals(r),
      ...money(money_.get(r[set] as string)),
    }));
    return sortByItalianName(list);
  };

  const comuneKeys = pRows("comune").map((r) => r.comune as string);
  const comuneInfo = new Map(comuni.map((c) => [c.istat, c]));
  const comuneMoney = new Map(fRows("comune").map((r) => [r.comune as string, r]));
  // Each comune's figures in cents, for the Smart Lands' sums (they overlap: some hold every comune).
  const comuneCents = new Map<string, number[]>();
  const byComune = sortByItalianName(
    pRows("comune").map((r) => {
      const info = comuneInfo.get(r.comune as string);
      const m = comuneMoney.get(r.comune as string);
      comuneCents.set(r.comune as string, [
        r.projects,
        r.overdue,
        r.total_cost ?? 0,
        r.planned ?? 0,
        gapOf(r),
        m?.planned ?? 0,
        m?.committed ?? 0,
        m?.paid ?? 0,
      ]);
      return {
        key: r.comune as string,
        name: info?.name ?? String(r.comune),
        province: info?.provinceIstat ?? "",
        population: info?.population ?? 0,
        ...totals(r),
        ...money(m),
      };
    }),
  );

  const smartLandGroups: Group[] = smartLands.map((sl) => {
    const sums = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const istat of new Set(sl.members)) {
      const c = comuneCents.get(istat);
      if (c) for (let i = 0; i < sums.length; i++) sums[i]! += c[i]!;
    }
    const [projects, overdue, totalCost, secured, gap, planned, committed, paid] = sums.map(cents);
    return {
      key: sl.slug,
      name: `${sl.name} – ${sl.phase}`,
      projects: projects!,
      overdue: overdue!,
      totalCost: centsText(totalCost!),
      secured: centsText(secured!),
      gap: centsText(gap!),
      planned: centsText(planned!),
      committed: centsText(committed!),
      paid: centsText(paid!),
    };
  });

  const total = pRows("total")[0];
  return {
    filters,
    totals: { ...totals(total), ...money(fRows("total")[0]), comuni: comuneKeys.length },
    byStream: group("stream", new Map(streams.map((s) => [s.id, `${s.code} · ${s.name}`]))),
    byTheme: group("theme", new Map()),
    byProvince: group("province", new Map(provinces.map((p) => [p.istat, p.name]))),
    bySmartLand: smartLandGroups,
    bySource: fRows("source")
      .sort((a, b) => (b.planned ?? 0) - (a.planned ?? 0))
      .map((r) => ({ key: r.source as string, ...money(r) })),
    byYear: fRows("year")
      .map((r) => ({ year: r.year as number, ...money(r) }))
      .sort((a, b) => a.year - b.year),
    byComune,
  };
}
