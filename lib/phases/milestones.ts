// The coordinator's deadlines across the region or one Smart Land: open milestones (a phase's planned end
// with no actual end), either late (planned end before Rome's today) or due within 30/60/90 days, sorted by
// date, a page at a time.
//
// Speed (150k projects, ~8 phases each): the partial index "ProjectPhase_open_plannedEnd_idx"
// (plannedEnd, projectId) WHERE actualEnd IS NULL AND plannedEnd IS NOT NULL holds only open milestones,
// already in date order, so a page is a range scan on it (late: plannedEnd < today; due:
// today ≤ plannedEnd ≤ today + N) joined by primary key to Project, Comune and Stream, stopped by LIMIT;
// the comune filter has its own partial index (comuneIstat, plannedEnd). The count runs on the same ranges.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inOrder, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";
import { romeToday, toIsoDate } from "@/lib/format";
import { PHASE_LABELS } from "@/lib/format/phases";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PhaseKind } from "@/lib/generated/prisma/enums";

export const MILESTONE_WINDOWS = [30, 60, 90] as const;
export type MilestoneWindow = (typeof MILESTONE_WINDOWS)[number];
export const MILESTONES_PAGE_SIZE = 25;
/**
 * The count stops here: at regional scale the late milestones are hundreds of thousands (494k of 1.2M
 * phases in the 150k-project measurement, 1.4 s to count them all), and nobody pages past 400 pages of 25.
 */
export const MILESTONES_COUNT_CAP = 10_000;

export type MilestoneFilters = {
  /** "late": planned end passed without actual end; "due": planned end within `days` days from today. */
  view: "late" | "due";
  days?: MilestoneWindow;
  smartLand?: string;
  comune?: string;
  streamId?: string;
  page?: number;
  pageSize?: number;
};

export type Milestone = {
  phaseId: string;
  kind: PhaseKind;
  label: string;
  plannedEnd: string;
  actualStart: string | null;
  /** Days past the planned end (late, > 0) or left until it (due, ≥ 0). */
  days: number;
  projectId: string;
  projectTitle: string;
  comuneIstat: string;
  comuneName: string;
  streamName: string;
};

export type MilestonePage = {
  today: string;
  view: "late" | "due";
  days: number;
  smartLand: { slug: string; name: string } | null;
  /** At most MILESTONES_COUNT_CAP; `more` says there are more than that. */
  total: number;
  more: boolean;
  page: number;
  pageSize: number;
  rows: Milestone[];
};

const DAY = 86_400_000;
const addDays = (isoDate: string, n: number) =>
  toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + n * DAY));

/** Coordinators and administrators (`rollup.read`); anyone else → NOT_FOUND. */
export async function listMilestones(
  actor: Actor,
  filters: MilestoneFilters,
  now = new Date(),
): Promise<MilestonePage> {
  if (!can(actor, "rollup.read")) throw notFound();
  const today = romeToday(now);
  const days: MilestoneWindow = filters.days ?? 30;
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, filters.pageSize ?? MILESTONES_PAGE_SIZE));
  return withActor(actor, async (tx) => {
    let smartLand: { id: string; slug: string; name: string } | null = null;
    if (filters.smartLand) {
      smartLand = await tx.smartLand.findUnique({
        where: { slug: filters.smartLand },
        select: { id: true, slug: true, name: true },
      });
      if (!smartLand) throw notFound();
    }
    const range =
      filters.view === "late"
        ? Prisma.sql`ph."plannedEnd" < ${today}::date`
        : Prisma.sql`ph."plannedEnd" >= ${today}::date AND ph."plannedEnd" <= ${addDays(today, days)}::date`;
    const conditions = [
      Prisma.sql`ph."actualEnd" IS NULL AND ph."plannedEnd" IS NOT NULL`,
      range,
      Prisma.sql`p."deletedAt" IS NULL`,
    ];
    if (filters.comune) conditions.push(Prisma.sql`ph."comuneIstat" = ${filters.comune}`);
    if (filters.streamId) conditions.push(Prisma.sql`p."streamId" = ${filters.streamId}::uuid`);
    if (smartLand) {
      // The Smart Land's projects: its member comuni's projects that are in this Smart Land or in none
      // (the adherence matrix's rule).
      conditions.push(Prisma.sql`(p."smartLandId" = ${smartLand.id}::uuid OR (p."smartLandId" IS NULL AND EXISTS (
        SELECT 1 FROM "SmartLandMember" m WHERE m."smartLandId" = ${smartLand.id}::uuid AND m."comuneIstat" = p."comuneIstat")))`);
    }
    const where = Prisma.join(conditions, " AND ");
    const [rows, counted] = await inOrder([
      tx.$queryRaw<
        {
          phaseId: string;
          kind: PhaseKind;
          plannedEnd: Date;
          actualStart: Date | null;
          projectId: string;
          projectTitle: string;
          comuneIstat: string;
          comuneName: string;
          streamName: string;
        }[]
      >`SELECT ph.id AS "phaseId", ph.kind, ph."plannedEnd", ph."actualStart", p.id AS "projectId",
               p.title AS "projectTitle", p."comuneIstat", c.name AS "comuneName", s.name AS "streamName"
          FROM "ProjectPhase" ph
          JOIN "Project" p ON p.id = ph."projectId"
          JOIN "Comune" c ON c.istat = p."comuneIstat"
          JOIN "Stream" s ON s.id = p."streamId"
         WHERE ${where}
         ORDER BY ph."plannedEnd", ph."projectId", ph.kind
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1
          FROM "ProjectPhase" ph JOIN "Project" p ON p.id = ph."projectId"
         WHERE ${where}
         LIMIT ${MILESTONES_COUNT_CAP + 1}) capped`,
    ]);
    const todayMs = Date.parse(`${today}T00:00:00Z`);
    return {
      today,
      view: filters.view,
      days,
      smartLand: smartLand ? { slug: smartLand.slug, name: smartLand.name } : null,
      total: Math.min(Number(counted[0]?.n ?? 0), MILESTONES_COUNT_CAP),
      more: Number(counted[0]?.n ?? 0) > MILESTONES_COUNT_CAP,
      page,
      pageSize,
      rows: rows.map((r) => ({
        ...r,
        label: PHASE_LABELS[r.kind],
        plannedEnd: toIsoDate(r.plannedEnd),
        actualStart: r.actualStart ? toIsoDate(r.actualStart) : null,
        days: Math.abs(Math.round((r.plannedEnd.getTime() - todayMs) / DAY)),
      })),
    };
  });
}

/** The page's query (/regione/scadenze), read leniently: an unknown value is no filter. */
export function milestoneFiltersFromParams(params: Record<string, string | undefined>): MilestoneFilters {
  const days = Number(params.giorni);
  const page = Number(params.pagina);
  return {
    view: params.vista === "in_scadenza" ? "due" : "late",
    days: (MILESTONE_WINDOWS as readonly number[]).includes(days) ? (days as MilestoneWindow) : 30,
    smartLand:
      params.smart_land && /^[a-z0-9-]{1,80}$/.test(params.smart_land) ? params.smart_land : undefined,
    comune: params.comune && /^\d{6}$/.test(params.comune) ? params.comune : undefined,
    streamId: params.filone && isUuid(params.filone) ? params.filone : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The filter form's choices: Smart Lands, member comuni, streams (coordinators and administrators). */
export async function milestoneFilterOptions(actor: Actor) {
  if (!can(actor, "rollup.read")) throw notFound();
  const [smartLands, comuni, streams] = await withActor(actor, (tx) =>
    inOrder([
      tx.smartLand.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true, phase: true } }),
      tx.comune.findMany({
        where: { member: true },
        orderBy: { name: "asc" },
        select: { istat: true, name: true },
      }),
      tx.stream.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
    ]),
  );
  return {
    smartLands: smartLands.map((s) => ({ value: s.slug, label: `${s.name} – ${s.phase}` })),
    comuni: comuni.map((c) => ({ value: c.istat, label: c.name })),
    streams: streams.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
  };
}
