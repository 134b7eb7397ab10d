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
// filter), read from the roll-up's fact table rollup_funding_facts through the definer function
// programme_figures() (one GROUP BY over the members' facts, by the comune index: the work grows with the
// Smart Land, not the region), together with the local plans' envelopes. Two queries in all: the
// programme's envelope (index on smartLandId, streamId, year) and programme_figures.
//
// An officer of a member comune sees the totals by stream and year and, by comune, only their own comune.

export type Figures = {
  plan: string;
  adheredApproved: string;
  adheredSubmitted: string;
  registered: string;
  secured: string;
};
type Cents = { plan: bigint; ap: bigint; su: bigint; re: bigint; se: bigint };

const zero = (): Cents => ({ plan: 0n, ap: 0n, su: 0n, re: 0n, se: 0n });
const add = (a: Cents, b: Partial<Cents>) => {
  a.plan += b.plan ?? 0n;
  a.ap += b.ap ?? 0n;
  a.su += b.su ?? 0n;
  a.re += b.re ?? 0n;
  a.se += b.se ?? 0n;
};
const euro = (c: bigint) => {
  const sign = c < 0n ? "-" : "";
  const a = c < 0n ? -c : c;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
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
  stream: string;
  year: number | null;
  adhered_approved: bigint;
  adhered_submitted: bigint;
  registered: bigint;
  secured: bigint;
};

export type PlanVsActualOptions = { year?: number; comune?: string };

export async function getPlanVsActual(actor: Actor, slug: string, options: PlanVsActualOptions = {}) {
  const own = actor.role === "OFFICER" ? actor.comuneIstat : null;
  const { year, comune } = options;
  const detail = comune !== undefined && (own === null || own === comune) ? comune : null;
  return withReader(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    const [streams, members, envelope, figures] = await Promise.all([
      tx.stream.findMany({
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true, archived: true },
      }),
      tx.smartLandMember.findMany({
        where: { smartLandId: smartLand.id },
        orderBy: { comune: { name: "asc" } },
        select: { comune: { select: { istat: true, name: true } } },
      }),
      tx.$queryRaw<{ stream: string; year: number; cents: bigint }[]>`
        SELECT "streamId"::text AS stream, year, (sum(amount) * 100)::bigint AS cents
        FROM "ProgrammeEnvelope" WHERE "smartLandId" = ${smartLand.id}::uuid GROUP BY 1, 2`,
      // Grouped in the database: by stream and year, and by comune and stream (by year too for the
      // comune asked for, and only if the actor may see it: an officer, their own).
      tx.$queryRaw<FigureRow[]>`
        SELECT kind, comune::text AS comune, stream::text AS stream, year, adhered_approved,
               adhered_submitted, registered, secured
        FROM programme_figures(${smartLand.id}::uuid, ${detail}::varchar, ${year ?? null}::int)`,
    ]);
    const inYear = (y: number | null) => year === undefined || y === year;

    // stream → year → cents; comune → stream → cents; comune detail: stream → year → cents
    const byStreamYear = new Map<string, Map<number | null, Cents>>();
    const byComuneStream = new Map<string, Map<string, Cents>>();
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
      add(cell(inner(byStreamYear, e.stream), e.year), { plan: BigInt(e.cents) });
    }
    for (const f of figures) {
      const c = {
        ap: BigInt(f.adhered_approved),
        su: BigInt(f.adhered_submitted),
        re: BigInt(f.registered),
        se: BigInt(f.secured),
      };
      if (f.kind === "year") {
        if (inYear(f.year)) add(cell(inner(byStreamYear, f.stream), f.year), c);
        continue;
      }
      const comuneOf = f.comune!;
      if (own !== null && comuneOf !== own) continue;
      // By comune: all years (year null), except the detail comune's rows, which are by year.
      if (comuneOf === detail) {
        if (!inYear(f.year)) continue;
        add(cell(inner(detail_, f.stream), f.year), c);
      }
      add(cell(inner(byComuneStream, comuneOf), f.stream), c);
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
      .filter((m) => own === null || m.comune.istat === own)
      .map((m) => {
        const per = byComuneStream.get(m.comune.istat) ?? new Map<string, Cents>();
        const sum = zero();
        for (const c of per.values()) add(sum, c);
        return {
          istat: m.comune.istat,
          name: m.comune.name,
          streams: shown.map((s) => ({ code: s.code, ...out(per.get(s.id) ?? zero()) })),
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
