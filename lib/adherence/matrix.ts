import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { PlanStatus } from "@/lib/generated/prisma/enums";
import { SLUG_PATTERN } from "./adherence";

/** Whether the actor reads every comune's adherence (coordinators and administrators). */
export const canReadAllAdherence = (actor: Actor) =>
  can(actor, "adherence.read") && can(actor, "rollup.read");

/** Whether the actor approves and returns plans (coordinators). */
export const canReviewPlans = (actor: Actor) => can(actor, "adherence.review");

function requireRegional(actor: Actor, slug?: string) {
  if (!canReadAllAdherence(actor)) throw notFound();
  if (slug !== undefined && !SLUG_PATTERN.test(slug)) throw notFound();
}

export type MatrixCell = {
  comuneIstat: string;
  streamCode: string;
  status: PlanStatus | null;
  envelope: string;
  projects: number;
  secured: string;
  gap: string;
};

type CellRow = {
  comune: string;
  stream_id: string;
  status: PlanStatus | null;
  envelope: string;
  projects: number;
  secured: string;
};

const cents = (v: string) => {
  const negative = v.startsWith("-");
  const [int, frac = ""] = v.replace("-", "").split(".");
  const c = BigInt(int || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  return negative ? -c : c;
};
const money = (c: bigint) => {
  const sign = c < 0n ? "-" : "";
  const a = c < 0n ? -c : c;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
};

/**
 * The coordinator's matrix of a Smart Land: member comuni × streams, each cell with the plan's status, its
 * envelope (all years, or `year`), the live projects of that comune and stream in this Smart Land (or in
 * none) and the resources they have secured (planned funding lines, of `year` if given), and the gap
 * (envelope − secured). ONE aggregate query for the cells; members and streams are two small look-ups.
 */
export async function getAdherenceMatrix(actor: Actor, slug: string, year?: number) {
  requireRegional(actor, slug);
  return withActor(actor, async (tx) => {
    const smartLand = await tx.smartLand.findUnique({
      where: { slug },
      select: { id: true, slug: true, name: true },
    });
    if (!smartLand) throw notFound();
    const y = year ?? null;
    const [members, streams, programme, rows] = await Promise.all([
      tx.smartLandMember.findMany({
        where: { smartLandId: smartLand.id },
        orderBy: { comune: { name: "asc" } },
        select: {
          comune: { select: { istat: true, name: true } },
          adherence: { select: { actKind: true, actDate: true } },
        },
      }),
      tx.stream.findMany({
        where: { archived: false },
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true },
      }),
      // The coordinator's programme plan (lib/programme): its envelope per stream, all phases.
      tx.$queryRaw<{ stream_id: string; amount: string }[]>`
        SELECT "streamId"::text AS stream_id, sum(amount)::text AS amount FROM "ProgrammeEnvelope"
        WHERE "smartLandId" = ${smartLand.id}::uuid AND (${y}::int IS NULL OR year = ${y}::int)
        GROUP BY 1`,
      tx.$queryRaw<CellRow[]>`
        WITH members AS (
          SELECT m."comuneIstat" FROM "SmartLandMember" m WHERE m."smartLandId" = ${smartLand.id}::uuid
        ), plans AS (
          SELECT p."comuneIstat" AS comune, p."streamId" AS stream_id, p.status,
                 COALESCE((SELECT sum((e->>'amount')::numeric) FROM jsonb_array_elements(p.envelope) e
                           WHERE ${y}::int IS NULL OR (e->>'year')::int = ${y}::int), 0) AS envelope
          FROM "LocalPlan" p WHERE p."smartLandId" = ${smartLand.id}::uuid
        ), projects AS (
          SELECT pr."comuneIstat" AS comune, pr."streamId" AS stream_id, count(DISTINCT pr.id)::int AS projects,
                 COALESCE(sum(f."amountPlanned") FILTER (WHERE ${y}::int IS NULL OR f.year = ${y}::int), 0) AS secured
          FROM "Project" pr
          JOIN members m ON m."comuneIstat" = pr."comuneIstat"
          LEFT JOIN "FundingLine" f ON f."projectId" = pr.id
          WHERE pr."deletedAt" IS NULL AND (pr."smartLandId" = ${smartLand.id}::uuid OR pr."smartLandId" IS NULL)
          GROUP BY 1, 2
        )
        SELECT COALESCE(pl.comune, pj.comune) AS comune, COALESCE(pl.stream_id, pj.stream_id)::text AS stream_id,
               pl.status, COALESCE(pl.envelope, 0)::text AS envelope, COALESCE(pj.projects, 0) AS projects,
               COALESCE(pj.secured, 0)::text AS secured
        FROM plans pl FULL JOIN projects pj ON pj.comune = pl.comune AND pj.stream_id = pl.stream_id`,
    ]);
    const codeOf = new Map(streams.map((s) => [s.id, s.code]));
    const cells = new Map<string, MatrixCell>();
    for (const r of rows) {
      const streamCode = codeOf.get(r.stream_id);
      if (!streamCode) continue;
      const gap = cents(r.envelope) - cents(r.secured);
      cells.set(`${r.comune}|${streamCode}`, {
        comuneIstat: r.comune,
        streamCode,
        status: r.status,
        envelope: money(cents(r.envelope)),
        projects: r.projects,
        secured: money(cents(r.secured)),
        gap: money(gap),
      });
    }
    const empty = (comuneIstat: string, streamCode: string): MatrixCell => ({
      comuneIstat,
      streamCode,
      status: null,
      envelope: "0.00",
      projects: 0,
      secured: "0.00",
      gap: "0.00",
    });
    const total = (list: MatrixCell[]) => {
      const sum = (k: "envelope" | "secured" | "gap") =>
        money(list.reduce((acc, c) => acc + cents(c[k]), 0n));
      return {
        adhered: list.filter((c) => c.status !== null).length,
        envelope: sum("envelope"),
        projects: list.reduce((acc, c) => acc + c.projects, 0),
        secured: sum("secured"),
        gap: sum("gap"),
      };
    };
    const comuni = members.map((m) => {
      const row = streams.map(
        (s) => cells.get(`${m.comune.istat}|${s.code}`) ?? empty(m.comune.istat, s.code),
      );
      return {
        istat: m.comune.istat,
        name: m.comune.name,
        act: m.adherence
          ? { actKind: m.adherence.actKind, actDate: m.adherence.actDate.toISOString().slice(0, 10) }
          : null,
        cells: row,
        total: total(row),
      };
    });
    const all = comuni.flatMap((c) => c.cells);
    return {
      smartLand: { slug: smartLand.slug, name: smartLand.name },
      year: y,
      streams: streams.map((s) => ({ code: s.code, name: s.name })),
      comuni,
      columnTotals: streams.map((s) => total(all.filter((c) => c.streamCode === s.code))),
      programme: {
        byStream: streams.map((s) =>
          money(cents(programme.find((p) => p.stream_id === s.id)?.amount ?? "0")),
        ),
        total: money(programme.reduce((acc, p) => acc + cents(p.amount), 0n)),
      },
      total: total(all),
    };
  });
}

export type AdherenceMatrix = Awaited<ReturnType<typeof getAdherenceMatrix>>;

/** Submitted plans of a Smart Land awaiting the coordinator's review, oldest first. */
export async function listReviewQueue(actor: Actor, slug: string) {
  requireRegional(actor, slug);
  return withActor(actor, async (tx) => {
    const smartLand = await tx.smartLand.findUnique({ where: { slug }, select: { id: true } });
    if (!smartLand) throw notFound();
    const plans = await tx.localPlan.findMany({
      where: { smartLandId: smartLand.id, status: "SUBMITTED" },
      orderBy: { updatedAt: "asc" },
      select: {
        revision: true,
        updatedAt: true,
        comune: { select: { istat: true, name: true } },
        stream: { select: { code: true, name: true } },
      },
    });
    return plans.map((p) => ({
      istat: p.comune.istat,
      comuneName: p.comune.name,
      streamCode: p.stream.code,
      streamName: p.stream.name,
      revision: p.revision,
      submittedAt: p.updatedAt.toISOString(),
    }));
  });
}

/** The Smart Lands a coordinator or administrator can open the matrix of. */
export async function listSmartLandsForAdherence(actor: Actor) {
  requireRegional(actor);
  return withActor(actor, (tx) =>
    tx.smartLand.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true, phase: true } }),
  );
}
