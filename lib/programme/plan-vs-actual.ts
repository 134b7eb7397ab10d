import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withReader } from "@/lib/db/reader";
import { readableSmartLand } from "./programme";

// Plan vs adhered vs registered vs secured of a Smart Land, by stream, year and comune (issue #18, item 2).
//
//   plan        the programme's envelope (ProgrammeEnvelope, every phase), by stream and year;
//   adhered     the member comuni's local plans' envelopes: approved, and separately submitted (awaiting
//               the coordinator), by comune, stream and year;
//   registered  the planned funding (FundingLine.amountPlanned, by the line's year) of the member comuni's
//               live projects on the stream: what the comuni have put in the register;
//   secured     the COMMITTED funding of the same lines: resources legally bound (a grant decree, an
//               accepted loan, a budget commitment). Planned money is hoped for and paid money is cash out
//               already; "secured" is what the comune can count on, so committed is the honest measure.
//
// A Smart Land's projects are its member comuni's projects (as in the regional roll-up's Smart Land
// filter), read from the roll-up's summaries (kept by its triggers in the writing transaction: by comune
// and stream, by comune, stream and year, by stream and year) through the definer function
// programme_figures() — the work grows with the Smart Land, not the region; a Smart Land of most comuni
// reads the region's totals minus the others — together with the local plans' envelopes. Two queries in
// all: the programme's envelope (index on smartLandId, streamId, year) and programme_figures.
//
// An officer of a member comune sees the totals by stream and year and, by comune, only their own comune.

export type Figures = {
  plan: string;
  adheredApproved: string;
  adheredSubmitted: string;
  registered: string;
  secured: string;
};
// Whole cents as JavaScript numbers: integers, so every sum is exact while it stays below 2^53 cents (90
// trillion euro; a region's total is ~10^12 cents). A Smart Land of every comune sums 15,000 rows: plain
// numbers spare a BigInt per value and per sum. `cents` refuses anything unsafe (a JSON number ≥ 2^53).
type Cents = { plan: number; ap: number; su: number; re: number; se: number };

const cents = (v: bigint | number | string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`plan-vs-actual: ${String(v)} cents is not a safe integer`);
  return n;
};
const zero = (): Cents => ({ plan: 0, ap: 0, su: 0, re: 0, se: 0 });
const add = (a: Cents, b: Partial<Cents>) => {
  a.plan += b.plan ?? 0;
  a.ap += b.ap ?? 0;
  a.su += b.su ?? 0;
  a.re += b.re ?? 0;
  a.se += b.se ?? 0;
};
const euro = (c: number) => {
  const a = Math.abs(cents(c));
  return `${c < 0 ? "-" : ""}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, "0")}`;
};
const out = (c: Cents): Figures => ({
  plan: euro(c.plan),
  adheredApproved: euro(c.ap),
  adheredSubmitted: euro(c.su),
  registered: euro(c.re),
  secured: euro(c.se),
});

type FigureRow = {
  kind: "year" | "comune";
  comune: string | null;
  /** null on a comune's total row (byComuneStream false). */
  stream: string | null;
  year: number | null;
  adhered_approved: number;
  adhered_submitted: number;
  registered: number;
  secured: number;
};

type FigureTuple = [
  FigureRow["kind"],
  string | null,
  string | null,
  number | null,
  number,
  number,
  number,
  number,
];
const figureRow = ([kind, comune, stream, year, ap, su, re, se]: FigureTuple): FigureRow => ({
  kind,
  comune,
  stream,
  year,
  adhered_approved: ap,
  adhered_submitted: su,
  registered: re,
  secured: se,
});

export type PlanVsActualOptions = {
  year?: number;
  comune?: string;
  /**
   * false: each comune's total only, its `streams` left empty (the pages show the total; a Smart Land of
   * every comune of the region has 1,503 comuni × 10 streams). Default true (the API).
   */
  byComuneStream?: boolean;
};

export async function getPlanVsActual(actor: Actor, slug: string, options: PlanVsActualOptions = {}) {
  const own = actor.role === "OFFICER" ? actor.comuneIstat : null;
  const { year, comune, byComuneStream = true } = options;
  const detail = comune !== undefined && (own === null || own === comune) ? comune : null;
  return withReader(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    const [streams, members, envelope, figures] = await Promise.all([
      tx.stream.findMany({
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true, archived: true },
      }),
      // One query (a semi-join), not the membership rows ordered through the relation and their comuni
      // fetched by a second query with 1,503 ids.
      tx.comune.findMany({
        where: { smartLands: { some: { smartLandId: smartLand.id } } },
        orderBy: { name: "asc" },
        select: { istat: true, name: true },
      }),
      tx.$queryRaw<{ stream: string; year: number; cents: bigint }[]>`
        SELECT "streamId"::text AS stream, year, (sum(amount) * 100)::bigint AS cents
        FROM "ProgrammeEnvelope" WHERE "smartLandId" = ${smartLand.id}::uuid GROUP BY 1, 2`,
      // Grouped in the database: by stream and year, and by comune and stream (by year too for the
      // comune asked for, and only if the actor may see it: an officer, their own).
      // As one JSON array of arrays: 15,000 rows (a Smart Land of every comune, by stream) decoded row by
      // row and value by value cost more than the query (docs/benchmarks.md); one JSON.parse does not.
      tx.$queryRaw<{ rows: FigureTuple[] | null }[]>`
        SELECT json_agg(json_build_array(kind, comune, stream, year, adhered_approved, adhered_submitted,
                                         registered, secured)) AS rows
        FROM programme_figures(${smartLand.id}::uuid, ${detail}::varchar, ${year ?? null}::int,
                               ${byComuneStream})`.then(([r]) => (r?.rows ?? []).map(figureRow)),
    ]);
    const inYear = (y: number | null) => year === undefined || y === year;

    // stream → year → cents; comune → stream (null: the comune's total row) → cents; comune detail:
    // stream → year → cents
    const byStreamYear = new Map<string, Map<number | null, Cents>>();
    const byComune = new Map<string, Map<string | null, Cents>>();
    const detail_ = new Map<string, Map<number | null, Cents>>();
    const cell = <K>(m: Map<K, Cents>, k: K) => {
      let c = m.get(k);
      if (!c) m.set(k, (c = zero()));
      return c;
    };
    const inner = <K, V>(m: Map<K, Map<V, Cents>>, k: K) => {
      let c = m.get(k);
      if (!c) m.set(k, (c = new Map()));
      return c;
    };
    for (const e of envelope) {
      if (!inYear(e.year)) continue;
      add(cell(inner(byStreamYear, e.stream), e.year), { plan: cents(e.cents) });
    }
    for (const f of figures) {
      const c = {
        ap: cents(f.adhered_approved),
        su: cents(f.adhered_submitted),
        re: cents(f.registered),
        se: cents(f.secured),
      };
      if (f.kind === "year") {
        if (inYear(f.year)) add(cell(inner(byStreamYear, f.stream!), f.year), c);
        continue;
      }
      const comuneOf = f.comune!;
      if (own !== null && comuneOf !== own) continue;
      // By comune: all years (year null), except the detail comune's rows, which are by year.
      if (comuneOf === detail) {
        if (!inYear(f.year)) continue;
        add(cell(inner(detail_, f.stream!), f.year), c);
      }
      add(cell(inner(byComune, comuneOf), byComuneStream ? f.stream : null), c);
    }

    const shown = streams.filter((s) => !s.archived || byStreamYear.has(s.id));
    const years = [
      ...new Set([...byStreamYear.values()].flatMap((m) => [...m.keys()]).filter((y) => y !== null)),
    ].sort((a, b) => (a as number) - (b as number)) as number[];
    const total = zero();
    const yearTotals = new Map<number | null, Cents>();
    const byStream = shown.map((s) => {
      const m = byStreamYear.get(s.id) ?? new Map<number | null, Cents>();
      const sum = zero();
      const rows = [...m.entries()]
        .sort(([a], [b]) => (a ?? 9999) - (b ?? 9999))
        .map(([y, c]) => {
          add(sum, c);
          add(cell(yearTotals, y), c);
          return { year: y, ...out(c) };
        });
      add(total, sum);
      return { code: s.code, name: s.name, years: rows, total: out(sum) };
    });
    const comuni = members
      .filter((m) => own === null || m.istat === own)
      .map((m) => {
        const per = byComune.get(m.istat) ?? new Map<string | null, Cents>();
        const sum = zero();
        for (const c of per.values()) add(sum, c);
        return {
          istat: m.istat,
          name: m.name,
          streams: byComuneStream
            ? shown.map((s) => ({ code: s.code, ...out(per.get(s.id) ?? zero()) }))
            : [],
          total: out(sum),
        };
      });
    const member = comune === undefined ? undefined : comuni.find((c) => c.istat === comune);
    return {
      smartLand: { slug: smartLand.slug, name: smartLand.name, phase: smartLand.phase },
      year: year ?? null,
      years,
      scope: own === null ? ("all" as const) : ("own" as const),
      byStream,
      byYear: [...yearTotals.entries()]
        .sort(([a], [b]) => (a ?? 9999) - (b ?? 9999))
        .map(([y, c]) => ({ year: y, ...out(c) })),
      total: out(total),
      comuni,
      comune: member
        ? {
            istat: member.istat,
            name: member.name,
            streams: shown
              .map((s) => ({
                code: s.code,
                name: s.name,
                years: [...(detail_.get(s.id) ?? new Map<number | null, Cents>()).entries()]
                  .sort(([a], [b]) => (a ?? 9999) - (b ?? 9999))
                  .map(([y, c]) => ({ year: y, ...out(c) })),
              }))
              .filter((s) => s.years.length > 0),
          }
        : null,
    };
  });
}

export type PlanVsActual = Awaited<ReturnType<typeof getPlanVsActual>>;
