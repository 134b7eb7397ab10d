import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { Prisma, withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { toIsoDate } from "@/lib/format";
import { daysLate } from "@/lib/format/rounds";
import type { PhaseKind, RoundEventKind, SubmissionStatus } from "@/lib/generated/prisma/enums";
import { parseOrThrow } from "@/lib/validation/parse";
import { roundReturnSchema, roundStepSchema } from "@/lib/validation/schemas";
import { projectChecks, type Check } from "./checks";
import { freezeSnapshotSql, type FreezeScope } from "./freeze";
import { ROUND_NOT_OPEN, itemsOf, roundById, serializeRound } from "./rounds";

export const SUBMISSION_CONFLICT =
  "La trasmissione è stata modificata nel frattempo (un'altra trasmissione, una restituzione o una validazione). Ricarica la pagina: nulla è stato salvato.";
export const ALREADY_SUBMITTED =
  "I dati sono già stati trasmessi e sono in attesa dell'esame del coordinatore (o già validati).";
export const NOT_SUBMITTED = "La trasmissione non è in attesa di esame: ricarica la pagina.";
export const BLOCKING =
  "Alcuni interventi hanno dati incompleti o incoerenti: correggili prima di trasmettere (l'elenco è accanto a ogni intervento).";
export const NOTE_PROJECT = "Le osservazioni riguardano un intervento che non fa parte della trasmissione.";

type Scope = { roundId: string; istat: string };

function requireReader(actor: Actor, istat: string) {
  if (!/^[0-9]{6}$/.test(istat) || !can(actor, "rounds.read", istat)) throw notFound();
}

const OPEN_STATUSES: SubmissionStatus[] = ["NOT_STARTED", "IN_PROGRESS", "RETURNED"];

/** "12345" cents → "123.45". */
export function centsToMoney(cents: bigint | number): string {
  const value = BigInt(cents);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

async function load(tx: Tx, { roundId, istat }: Scope) {
  const round = await roundById(tx, roundId);
  const submission = await tx.roundSubmission.findUnique({
    where: { roundId_comuneIstat: { roundId: round.id, comuneIstat: istat } },
    include: { comune: { select: { istat: true, name: true } } },
  });
  if (!submission) throw notFound();
  return { round, submission };
}

/** The projects a round covers for a comune: live ones, of the round's Smart Land when it has one. */
function scopeWhere(istat: string, smartLandId: string | null): Prisma.ProjectWhereInput {
  return { comuneIstat: istat, deletedAt: null, ...(smartLandId ? { smartLandId } : {}) };
}

async function checklist(tx: Tx, round: Awaited<ReturnType<typeof roundById>>, istat: string) {
  const projects = await tx.project.findMany({
    where: scopeWhere(istat, round.smartLandId),
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      comuneIstat: true,
      title: true,
      cup: true,
      status: true,
      progress: true,
      plannedStart: true,
      actualStart: true,
      actualEnd: true,
      updatedAt: true,
      fundingLines: { select: { amountCommitted: true, amountPaid: true, updatedAt: true } },
      actions: { select: { status: true, dueDate: true } },
      indicators: { select: { actual: true } },
    },
  });
  const requirements = { periodStart: round.periodStart, periodEnd: round.periodEnd, items: itemsOf(round) };
  return projects.map((p) => ({
    id: p.id,
    title: p.title,
    cup: p.cup,
    status: p.status,
    progress: p.progress,
    checks: projectChecks(
      {
        ...p,
        funding: p.fundingLines.map((f) => ({
          committed: Number(f.amountCommitted),
          paid: Number(f.amountPaid),
          updatedAt: f.updatedAt,
        })),
      },
      requirements,
    ),
  }));
}

const serializeSubmission = (
  s: {
    id: string;
    status: SubmissionStatus;
    revision: number;
    version: number;
    note: string;
    startedAt: Date | null;
    submittedAt: Date | null;
    returnedAt: Date | null;
    validatedAt: Date | null;
  },
  dueDate: Date,
  now: Date,
) => ({
  id: s.id,
  status: s.status,
  revision: s.revision,
  version: s.version,
  note: s.note,
  startedAt: s.startedAt?.toISOString() ?? null,
  submittedAt: s.submittedAt?.toISOString() ?? null,
  returnedAt: s.returnedAt?.toISOString() ?? null,
  validatedAt: s.validatedAt?.toISOString() ?? null,
  daysLate: daysLate(s.status, dueDate, now),
});

export type SnapshotPayload = {
  funding: {
    source: string;
    programme: string;
    year: number;
    planned: string;
    committed: string;
    paid: string;
  }[];
  actions: {
    id: string;
    title: string;
    kind: string;
    status: string;
    dueDate: string | null;
    doneDate: string | null;
  }[];
  indicators: {
    id: string;
    name: string;
    theme: string;
    unit: string;
    baseline: string | null;
    target: string | null;
    actual: string | null;
    period: string;
  }[];
  /** The cronoprogramma (ProjectPhase), in procedural order; dates yyyy-mm-dd. Absent in snapshots taken before it. */
  phases?: {
    kind: PhaseKind;
    plannedStart: string | null;
    plannedEnd: string | null;
    actualStart: string | null;
    actualEnd: string | null;
  }[];
};

/**
 * A comune's submission for a round: the round, the submission, the live checklist per project (with the
 * coordinator's notes of the last return), the frozen snapshot of the current revision and the history.
 * The comune's officers, coordinators and administrators; another comune's → NOT_FOUND.
 */
export async function getSubmissionForActor(actor: Actor, scope: Scope, now: Date = new Date()) {
  requireReader(actor, scope.istat);
  return withActor(
    actor,
    async (tx) => {
      const { round, submission } = await load(tx, scope);
      const [projects, snapshot, notes, events] = await Promise.all([
        checklist(tx, round, scope.istat),
        submission.revision > 0
          ? tx.roundSnapshot.findMany({
              where: { submissionId: submission.id, revision: submission.revision },
              orderBy: [{ title: "asc" }, { projectId: "asc" }],
            })
          : Promise.resolve([]),
        tx.roundProjectNote.findMany({
          where: { submissionId: submission.id },
          orderBy: [{ revision: "asc" }, { createdAt: "asc" }],
        }),
        tx.roundEvent.findMany({
          where: { submissionId: submission.id },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
      ]);
      const lastReturned = events.filter((e) => e.kind === "RETURNED").at(-1)?.revision ?? null;
      const noteOf = (projectId: string) =>
        submission.status === "RETURNED"
          ? (notes.find((n) => n.projectId === projectId && n.revision === lastReturned)?.note ?? null)
          : null;
      const checked = projects.map((p) => ({ ...p, note: noteOf(p.id) }));
      return {
        round: serializeRound(round),
        comune: submission.comune,
        submission: serializeSubmission(submission, round.dueDate, now),
        projects: checked,
        errors: checked.reduce((n, p) => n + p.checks.filter((c) => c.severity === "error").length, 0),
        warnings: checked.reduce((n, p) => n + p.checks.filter((c) => c.severity === "warning").length, 0),
        snapshot: snapshot.map((r) => ({
          projectId: r.projectId,
          cup: r.cup,
          localCode: r.localCode,
          title: r.title,
          streamCode: r.streamCode,
          status: r.status,
          health: r.health,
          progress: r.progress,
          plannedStart: r.plannedStart ? toIsoDate(r.plannedStart) : null,
          plannedEnd: r.plannedEnd ? toIsoDate(r.plannedEnd) : null,
          actualStart: r.actualStart ? toIsoDate(r.actualStart) : null,
          actualEnd: r.actualEnd ? toIsoDate(r.actualEnd) : null,
          totalCost: centsToMoney(r.totalCostCents),
          planned: centsToMoney(r.plannedCents),
          committed: centsToMoney(r.committedCents),
          paid: centsToMoney(r.paidCents),
          payload: r.payload as SnapshotPayload,
        })),
        notes: notes.map((n) => ({
          revision: n.revision,
          projectId: n.projectId,
          note: n.note,
          actorName: n.actorName,
          createdAt: n.createdAt.toISOString(),
        })),
        history: events.map((e) => ({
          revision: e.revision,
          kind: e.kind as RoundEventKind,
          comment: e.comment,
          actorName: e.actorName,
          createdAt: e.createdAt.toISOString(),
        })),
      };
    },
    { readOnly: true },
  );
}

export type SubmissionPage = Awaited<ReturnType<typeof getSubmissionForActor>>;
export type ChecklistProject = SubmissionPage["projects"][number];
export type { Check };

/**
 * The officer submits the comune's figures: the checklist is checked again (an error refuses the whole
 * submission with the list; warnings pass and are recorded), then in one transaction the submission
 * becomes SUBMITTED (a new revision) and the snapshot of every project in scope is frozen by one
 * INSERT … SELECT. Only at the version read: a return or validation in between → CONFLICT.
 */
export async function submitRound(actor: Actor, scope: Scope, input: unknown, now: Date = new Date()) {
  requireReader(actor, scope.istat);
  if (!can(actor, "rounds.submit", scope.istat)) throw new AppError("FORBIDDEN", "Non trovato.");
  const { version } = parseOrThrow(roundStepSchema, input);
  return withActor(actor, async (tx) => {
    const { round, submission } = await load(tx, scope);
    if (round.state !== "OPEN") throw new AppError("CONFLICT", ROUND_NOT_OPEN);
    if (submission.version !== version) throw new AppError("CONFLICT", SUBMISSION_CONFLICT);
    if (!OPEN_STATUSES.includes(submission.status)) throw new AppError("CONFLICT", ALREADY_SUBMITTED);
    const projects = await checklist(tx, round, scope.istat);
    const blocking: Record<string, string[]> = {};
    let warnings = 0;
    for (const p of projects) {
      const errors = p.checks.filter((c) => c.severity === "error").map((c) => `${p.title}: ${c.message}`);
      warnings += p.checks.length - errors.length;
      if (errors.length) blocking[p.id] = errors;
    }
    if (Object.keys(blocking).length) {
      throw new AppError("INVALID", BLOCKING, { _form: [BLOCKING], ...blocking });
    }
    const revision = submission.revision + 1;
    const submittedAt = now;
    const { count } = await tx.roundSubmission.updateMany({
      where: { id: submission.id, version, status: { in: OPEN_STATUSES } },
      data: {
        status: "SUBMITTED",
        revision,
        submittedAt,
        startedAt: submission.startedAt ?? submittedAt,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", SUBMISSION_CONFLICT);
    const frozen = await freezeSnapshot(tx, {
      submissionId: submission.id,
      revision,
      roundId: round.id,
      istat: scope.istat,
      smartLandId: round.smartLandId,
    });
    const summary = { projects: frozen, warnings };
    await tx.roundEvent.create({
      data: {
        submissionId: submission.id,
        comuneIstat: scope.istat,
        revision,
        kind: "SUBMITTED",
        summary,
        actorId: actor.userId,
        actorName: actor.name,
      },
    });
    await recordAudit(tx, actor, {
      entity: "RoundSubmission",
      entityId: submission.id,
      action: "SUBMIT",
      comuneIstat: scope.istat,
      before: { status: submission.status },
      after: { status: "SUBMITTED", revision, ...summary },
    });
    return serializeSubmission(
      { ...submission, status: "SUBMITTED", revision, submittedAt, version: version + 1 },
      round.dueDate,
      now,
    );
  });
}

/** Freezes the figures of every project in scope into RoundSnapshot: one INSERT … SELECT (freeze.ts). */
function freezeSnapshot(tx: Tx, s: FreezeScope): Promise<number> {
  return tx.$executeRaw(freezeSnapshotSql(s));
}

/**
 * The coordinator validates a submitted submission, or returns it with a general note and notes per
 * project (the officer sees them beside each project). At the version read only (CONFLICT otherwise).
 */
export async function decideSubmission(
  actor: Actor,
  scope: Scope,
  decision: "VALIDATED" | "RETURNED",
  input: unknown,
  now: Date = new Date(),
) {
  requireReader(actor, scope.istat);
  if (!can(actor, "rounds.manage")) throw new AppError("FORBIDDEN", "Non trovato.");
  const data =
    decision === "RETURNED"
      ? parseOrThrow(roundReturnSchema, input)
      : { ...parseOrThrow(roundStepSchema, input), note: "", projectNotes: [] };
  return withActor(actor, async (tx) => {
    const { round, submission } = await load(tx, scope);
    if (decision === "RETURNED" && round.state !== "OPEN") throw new AppError("CONFLICT", ROUND_NOT_OPEN);
    if (submission.version !== data.version) throw new AppError("CONFLICT", SUBMISSION_CONFLICT);
    if (submission.status !== "SUBMITTED") throw new AppError("CONFLICT", NOT_SUBMITTED);
    const notes = data.projectNotes.filter((n) => n.note);
    if (notes.length) {
      const inSnapshot = await tx.roundSnapshot.findMany({
        where: {
          submissionId: submission.id,
          revision: submission.revision,
          projectId: { in: notes.map((n) => n.projectId) },
        },
        select: { projectId: true },
      });
      const known = new Set(inSnapshot.map((r) => r.projectId));
      const unknown = notes.findIndex((n) => !known.has(n.projectId));
      if (unknown >= 0)
        throw new AppError("INVALID", NOTE_PROJECT, {
          [`projectNotes.${unknown}.projectId`]: [NOTE_PROJECT],
        });
    }
    const stamp = decision === "VALIDATED" ? { validatedAt: now } : { returnedAt: now, note: data.note };
    const { count } = await tx.roundSubmission.updateMany({
      where: { id: submission.id, version: data.version, status: "SUBMITTED" },
      data: { status: decision, ...stamp, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", SUBMISSION_CONFLICT);
    if (notes.length) {
      await tx.roundProjectNote.createMany({
        data: notes.map((n) => ({
          submissionId: submission.id,
          comuneIstat: scope.istat,
          revision: submission.revision,
          projectId: n.projectId,
          note: n.note,
          actorId: actor.userId,
          actorName: actor.name,
        })),
      });
    }
    await tx.roundEvent.create({
      data: {
        submissionId: submission.id,
        comuneIstat: scope.istat,
        revision: submission.revision,
        kind: decision,
        comment: data.note,
        summary: notes.length ? { projectNotes: notes.length } : Prisma.DbNull,
        actorId: actor.userId,
        actorName: actor.name,
      },
    });
    await recordAudit(tx, actor, {
      entity: "RoundSubmission",
      entityId: submission.id,
      action: decision === "VALIDATED" ? "VALIDATE" : "RETURN",
      comuneIstat: scope.istat,
      before: { status: "SUBMITTED" },
      after: {
        status: decision,
        revision: submission.revision,
        ...(data.note ? { note: data.note } : {}),
        ...(notes.length ? { projectNotes: notes } : {}),
      },
    });
    return serializeSubmission(
      { ...submission, status: decision, ...stamp, version: data.version + 1 },
      round.dueDate,
      now,
    );
  });
}
