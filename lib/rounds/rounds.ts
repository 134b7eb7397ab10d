import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { daysLate } from "@/lib/format/rounds";
import { toIsoDate } from "@/lib/format";
import { romeToday } from "@/lib/format/time";
import type { RoundState, SubmissionStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { parseOrThrow } from "@/lib/validation/parse";
import {
  ROUND_ITEMS,
  ROUND_MESSAGES,
  roundCreateSchema,
  roundStepSchema,
  type RoundItem,
} from "@/lib/validation/schemas";

export const ROUND_CONFLICT =
  "La rilevazione è stata modificata nel frattempo da qualcun altro. Ricarica la pagina: nulla è stato salvato.";
export const ROUND_NOT_OPEN =
  "La rilevazione non è aperta: non si possono più trasmettere o restituire dati.";
export const ROUND_NO_COMUNI =
  "Nessun comune aderente nell'ambito scelto: la rilevazione non è stata aperta.";

/** The round's columns that say which items are required, by item. */
export const ITEM_COLUMNS = {
  status: "requireStatus",
  progress: "requireProgress",
  dates: "requireDates",
  funding: "requireFunding",
  actions: "requireActions",
  indicators: "requireIndicators",
} as const satisfies Record<RoundItem, string>;

type RoundRow = {
  id: string;
  title: string;
  smartLandId: string | null;
  periodStart: Date;
  periodEnd: Date;
  dueDate: Date;
  state: RoundState;
  version: number;
  openedAt: Date | null;
  closedAt: Date | null;
  smartLand?: { slug: string; name: string } | null;
} & Record<(typeof ITEM_COLUMNS)[RoundItem], boolean>;

export function itemsOf(round: Record<(typeof ITEM_COLUMNS)[RoundItem], boolean>): RoundItem[] {
  return ROUND_ITEMS.filter((item) => round[ITEM_COLUMNS[item]]);
}

export function serializeRound(r: RoundRow) {
  return {
    id: r.id,
    title: r.title,
    smartLand: r.smartLand ? { slug: r.smartLand.slug, name: r.smartLand.name } : null,
    periodStart: toIsoDate(r.periodStart),
    periodEnd: toIsoDate(r.periodEnd),
    dueDate: toIsoDate(r.dueDate),
    items: itemsOf(r),
    state: r.state,
    version: r.version,
    openedAt: r.openedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}
export type RoundView = ReturnType<typeof serializeRound>;

export const ROUND_SELECT = {
  id: true,
  title: true,
  smartLandId: true,
  periodStart: true,
  periodEnd: true,
  dueDate: true,
  state: true,
  version: true,
  openedAt: true,
  closedAt: true,
  requireStatus: true,
  requireProgress: true,
  requireDates: true,
  requireFunding: true,
  requireActions: true,
  requireIndicators: true,
  smartLand: { select: { slug: true, name: true } },
} as const;

/** A round by its id (NOT_FOUND for anything that is not one: a malformed id names nothing). */
export async function roundById(tx: Tx, id: string) {
  if (!isUuid(id)) throw notFound();
  const round = await tx.monitoringRound.findUnique({ where: { id }, select: ROUND_SELECT });
  if (!round) throw notFound();
  return round;
}

export function requireManager(actor: Actor) {
  if (!can(actor, "rounds.read")) throw notFound();
  if (!can(actor, "rounds.manage")) throw new AppError("FORBIDDEN", "Non trovato.");
}

/** Coordinators and administrators: the regional view of rounds (officers have their comune's). */
export function requireRegionalReader(actor: Actor) {
  if (!can(actor, "rounds.read") || actor.role === "OFFICER") throw notFound();
}

export type RoundCounts = { [K in SubmissionStatus]: number } & { total: number; late: number };
type Counts = RoundCounts;
export type RoundListItem = RoundView & {
  counts: RoundCounts | null;
  own: { status: SubmissionStatus; submittedAt: string | null; daysLate: number } | null;
};

/**
 * The rounds: for coordinators and administrators every round with its counts per status; for an officer
 * the rounds their comune is in, with the comune's status and lateness.
 */
export async function listRounds(actor: Actor, now: Date = new Date()): Promise<RoundListItem[]> {
  if (!can(actor, "rounds.read")) throw notFound();
  const today = romeToday(now);
  return withActor(
    actor,
    async (tx) => {
      const rounds = await tx.monitoringRound.findMany({
        where:
          actor.role === "OFFICER" ? { submissions: { some: { comuneIstat: actor.comuneIstat ?? "" } } } : {},
        orderBy: [{ dueDate: "desc" }, { createdAt: "desc" }],
        select: ROUND_SELECT,
        take: 200,
      });
      const ids = rounds.map((r) => r.id);
      if (actor.role === "OFFICER") {
        const own = await tx.roundSubmission.findMany({
          where: { roundId: { in: ids }, comuneIstat: actor.comuneIstat ?? "" },
          select: { roundId: true, status: true, submittedAt: true, validatedAt: true },
        });
        return rounds.map((r) => {
          const s = own.find((o) => o.roundId === r.id)!;
          return {
            ...serializeRound(r),
            counts: null,
            own: {
              status: s.status,
              submittedAt: s.submittedAt?.toISOString() ?? null,
              daysLate: daysLate(s.status, r.dueDate, now),
            },
          };
        });
      }
      const counts = ids.length
        ? await tx.$queryRaw<({ roundId: string } & Counts)[]>`
            SELECT s."roundId",
              count(*)::int AS total,
              count(*) FILTER (WHERE s.status = 'NOT_STARTED')::int AS "NOT_STARTED",
              count(*) FILTER (WHERE s.status = 'IN_PROGRESS')::int AS "IN_PROGRESS",
              count(*) FILTER (WHERE s.status = 'SUBMITTED')::int AS "SUBMITTED",
              count(*) FILTER (WHERE s.status = 'RETURNED')::int AS "RETURNED",
              count(*) FILTER (WHERE s.status = 'VALIDATED')::int AS "VALIDATED",
              count(*) FILTER (WHERE s.status IN ('NOT_STARTED', 'IN_PROGRESS', 'RETURNED')
                               AND r."dueDate" < ${today}::date)::int AS late
            FROM "RoundSubmission" s JOIN "MonitoringRound" r ON r.id = s."roundId"
            WHERE s."roundId" = ANY(${ids}::uuid[])
            GROUP BY s."roundId"`
        : [];
      return rounds.map((r) => {
        const { roundId: _, ...c } = counts.find((x) => x.roundId === r.id) ?? {
          roundId: r.id,
          ...emptyCounts(),
        };
        return { ...serializeRound(r), counts: c as Counts, own: null };
      });
    },
    { readOnly: true },
  );
}

function emptyCounts(): Counts {
  return { total: 0, late: 0, NOT_STARTED: 0, IN_PROGRESS: 0, SUBMITTED: 0, RETURNED: 0, VALIDATED: 0 };
}

/**
 * The coordinator opens a round: the round (OPEN) and one submission per comune in scope — the members of
 * the Smart Land, or every member comune of every Smart Land — in one INSERT … SELECT.
 */
export async function openRound(actor: Actor, input: unknown) {
  requireManager(actor);
  const data = parseOrThrow(roundCreateSchema, input);
  return withActor(actor, async (tx) => {
    let smartLandId: string | null = null;
    if (data.smartLand) {
      const sl = await tx.smartLand.findUnique({ where: { slug: data.smartLand }, select: { id: true } });
      if (!sl) throw new AppError("INVALID", ROUND_MESSAGES.scope, { smartLand: [ROUND_MESSAGES.scope] });
      smartLandId = sl.id;
    }
    const round = await tx.monitoringRound.create({
      data: {
        title: data.title,
        smartLandId,
        periodStart: data.periodStart!,
        periodEnd: data.periodEnd!,
        dueDate: data.dueDate!,
        ...Object.fromEntries(ROUND_ITEMS.map((item) => [ITEM_COLUMNS[item], data.items.includes(item)])),
        state: "OPEN",
        openedAt: new Date(),
        createdById: actor.userId,
      },
      select: ROUND_SELECT,
    });
    const comuni = await tx.$executeRaw`
      INSERT INTO "RoundSubmission" ("roundId", "comuneIstat")
      SELECT DISTINCT ${round.id}::uuid, m."comuneIstat" FROM "SmartLandMember" m
      JOIN "Comune" c ON c.istat = m."comuneIstat"
      WHERE (${smartLandId}::uuid IS NULL OR m."smartLandId" = ${smartLandId}::uuid) AND NOT c.suspended`;
    if (comuni === 0) throw new AppError("INVALID", ROUND_NO_COMUNI, { smartLand: [ROUND_NO_COMUNI] });
    await recordAudit(tx, actor, {
      entity: "MonitoringRound",
      entityId: round.id,
      action: "OPEN",
      comuneIstat: null,
      after: {
        title: data.title,
        smartLandId,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        dueDate: data.dueDate,
        items: data.items,
        comuni,
      },
    });
    return { ...serializeRound(round), comuni };
  });
}

/** One round with its counts (coordinators and administrators). */
export async function getRound(actor: Actor, id: string, now: Date = new Date()): Promise<RoundListItem> {
  requireRegionalReader(actor);
  const list = await listRounds(actor, now);
  const found = list.find((r) => r.id === id);
  if (found) return found;
  // Older than the list's window: read it alone.
  return withActor(
    actor,
    async (tx) => ({ ...serializeRound(await roundById(tx, id)), counts: null, own: null }),
    { readOnly: true },
  );
}

/** The coordinator closes an open round: no more submissions or returns (validating stays possible). */
export async function closeRound(actor: Actor, id: string, input: unknown) {
  requireManager(actor);
  const { version } = parseOrThrow(roundStepSchema, input);
  return withActor(actor, async (tx) => {
    const round = await roundById(tx, id);
    if (round.version !== version) throw new AppError("CONFLICT", ROUND_CONFLICT);
    if (round.state !== "OPEN") throw new AppError("CONFLICT", ROUND_NOT_OPEN);
    const closedAt = new Date();
    const { count } = await tx.monitoringRound.updateMany({
      where: { id, version, state: "OPEN" },
      data: { state: "CLOSED", closedAt, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", ROUND_CONFLICT);
    await recordAudit(tx, actor, {
      entity: "MonitoringRound",
      entityId: id,
      action: "CLOSE",
      comuneIstat: null,
      before: { state: "OPEN" },
      after: { state: "CLOSED" },
    });
    return serializeRound({ ...round, state: "CLOSED", closedAt, version: version + 1 });
  });
}

/** The Smart Lands, by name: the scopes of «Apri una rilevazione» and the board's filter. */
export async function roundScopeOptions(actor: Actor) {
  requireRegionalReader(actor);
  return withActor(
    actor,
    (tx) => tx.smartLand.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    { readOnly: true },
  );
}
