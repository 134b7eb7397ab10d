import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { Prisma, withActor, type Tx } from "@/lib/db";
import { AppError, MESSAGES as ERRORS, notFound } from "@/lib/errors";
import type { PlanEventKind, PlanStatus } from "@/lib/generated/prisma/enums";
import { parseOrThrow } from "@/lib/validation/parse";
import {
  adherenceSchema,
  localPlanSchema,
  MESSAGES,
  planReturnSchema,
  planStepSchema,
  type LocalPlanData,
} from "@/lib/validation/schemas";

export const ADHERENCE_CONFLICT =
  "Qualcun altro ha modificato l'atto di adesione mentre lo stavi modificando. Ricarica la pagina: le tue modifiche non sono state salvate.";
export const PLAN_CONFLICT =
  "Qualcun altro ha modificato il piano mentre lo stavi modificando. Ricarica la pagina: le tue modifiche non sono state salvate.";
export const PLAN_UNDER_REVIEW =
  "Il piano è stato inviato ed è in attesa dell'esame del coordinatore: non si può modificare finché non viene approvato o restituito.";
export const PLAN_NOT_DRAFT =
  "Si può inviare solo un piano in bozza: modifica il piano e salvalo prima di inviarlo.";
export const PLAN_NOT_SUBMITTED =
  "Il piano non è in attesa di esame (o è stato modificato nel frattempo): ricarica la pagina.";
export const ACT_MISSING = "Registra prima l'atto di adesione alla Smart Land.";

type Scope = { istat: string; slug: string };

function requireReader(actor: Actor, istat: string) {
  if (!/^[0-9]{6}$/.test(istat) || !can(actor, "adherence.read", istat)) throw notFound();
}

function requireWriter(actor: Actor, istat: string) {
  requireReader(actor, istat);
  // Administrators and coordinators read a comune's adherence; only its officers change it.
  if (!can(actor, "adherence.write", istat)) throw new AppError("FORBIDDEN", "Non trovato.");
}

/** A Smart Land's slug and a stream's code as URLs carry them: anything else names nothing (404). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
export const STREAM_CODE_PATTERN = /^[A-Za-z0-9._-]{1,16}$/;

/** The membership (Smart Land × comune) named by the URL, with its act; NOT_FOUND when not a member. */
async function membership(tx: Tx, { istat, slug }: Scope) {
  if (!SLUG_PATTERN.test(slug)) throw notFound();
  const smartLand = await tx.smartLand.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (!smartLand) throw notFound();
  const member = await tx.smartLandMember.findUnique({
    where: { smartLandId_comuneIstat: { smartLandId: smartLand.id, comuneIstat: istat } },
    select: { adherence: true, comune: { select: { name: true } } },
  });
  if (!member) throw notFound();
  return { smartLand, comuneName: member.comune.name, adherence: member.adherence };
}

async function streamByCode(tx: Tx, code: string) {
  if (!STREAM_CODE_PATTERN.test(code)) throw notFound();
  const stream = await tx.stream.findUnique({
    where: { code },
    select: { id: true, code: true, name: true },
  });
  if (!stream) throw notFound();
  return stream;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function serializeAct(a: {
  id: string;
  actKind: string;
  actNumber: string;
  actDate: Date;
  note: string;
  version: number;
}) {
  return {
    id: a.id,
    actKind: a.actKind,
    actNumber: a.actNumber,
    actDate: isoDate(a.actDate),
    note: a.note,
    version: a.version,
  };
}

export type AdherenceAct = ReturnType<typeof serializeAct>;
export type EnvelopeRow = { year: number; amount: string };
export type PlanIndicator = {
  name: string;
  unit: string;
  baseline: string | null;
  target: string | null;
  year: number;
};

const PLAN_CONTENT = {
  objectives: true,
  envelope: true,
  indicators: true,
  contactName: true,
  contactRole: true,
  contactEmail: true,
} as const;

type PlanRow = {
  id: string;
  status: PlanStatus;
  revision: number;
  version: number;
  objectives: string;
  envelope: Prisma.JsonValue;
  indicators: Prisma.JsonValue;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  updatedAt: Date;
};

function serializePlan(p: PlanRow) {
  return {
    id: p.id,
    status: p.status,
    revision: p.revision,
    version: p.version,
    objectives: p.objectives,
    envelope: (p.envelope ?? []) as EnvelopeRow[],
    indicators: (p.indicators ?? []) as PlanIndicator[],
    contactName: p.contactName,
    contactRole: p.contactRole,
    contactEmail: p.contactEmail,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type LocalPlanView = ReturnType<typeof serializePlan>;

/** The sum of a plan's envelope (all years, or one), as a decimal string with two decimals. */
export function envelopeTotal(envelope: readonly EnvelopeRow[], year?: number): string {
  let cents = 0n;
  for (const row of envelope) {
    if (year !== undefined && row.year !== year) continue;
    const [int, frac = ""] = row.amount.split(".");
    cents += BigInt(int) * 100n + BigInt((frac + "00").slice(0, 2));
  }
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/**
 * A comune's adherence page: every Smart Land it is a member of, its act there and its plans by stream,
 * with the streams it may adhere to (not archived, plus any it already has a plan on).
 */
export async function getComuneAdherence(actor: Actor, istat: string) {
  requireReader(actor, istat);
  return withActor(actor, async (tx) => {
    const comune = await tx.comune.findUnique({ where: { istat }, select: { istat: true, name: true } });
    if (!comune) throw notFound();
    const [members, plans, streams] = await Promise.all([
      tx.smartLandMember.findMany({
        where: { comuneIstat: istat },
        orderBy: { smartLand: { name: "asc" } },
        select: { smartLand: { select: { id: true, slug: true, name: true, phase: true } }, adherence: true },
      }),
      tx.localPlan.findMany({
        where: { comuneIstat: istat },
        select: { smartLandId: true, streamId: true, status: true, revision: true, envelope: true },
      }),
      tx.stream.findMany({
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true, archived: true },
      }),
    ]);
    return {
      comune,
      smartLands: members.map(({ smartLand, adherence }) => {
        const own = plans.filter((p) => p.smartLandId === smartLand.id);
        return {
          slug: smartLand.slug,
          name: smartLand.name,
          phase: smartLand.phase,
          act: adherence ? serializeAct(adherence) : null,
          streams: streams
            .filter((s) => !s.archived || own.some((p) => p.streamId === s.id))
            .map((s) => {
              const plan = own.find((p) => p.streamId === s.id);
              return {
                code: s.code,
                name: s.name,
                plan: plan
                  ? {
                      status: plan.status,
                      revision: plan.revision,
                      envelope: envelopeTotal((plan.envelope ?? []) as EnvelopeRow[]),
                    }
                  : null,
              };
            }),
        };
      }),
    };
  });
}

/** Records or updates the comune's act of adherence to a Smart Land (its officers only). */
export async function saveAdherence(actor: Actor, scope: Scope, input: unknown) {
  requireWriter(actor, scope.istat);
  const { version, actDate, ...data } = parseOrThrow(adherenceSchema, input);
  const fields = { ...data, actDate: actDate! };
  return withActor(actor, async (tx) => {
    const { smartLand, adherence } = await membership(tx, scope);
    if (!adherence) {
      if (version !== 0) throw new AppError("CONFLICT", ADHERENCE_CONFLICT);
      const created = await tx.adherence.create({
        data: { ...fields, smartLandId: smartLand.id, comuneIstat: scope.istat },
      });
      await recordAudit(tx, actor, {
        entity: "Adherence",
        entityId: created.id,
        action: "CREATE",
        comuneIstat: scope.istat,
        after: { smartLandId: smartLand.id, ...fields },
      });
      return serializeAct(created);
    }
    if (adherence.version !== version) throw new AppError("CONFLICT", ADHERENCE_CONFLICT);
    const { count } = await tx.adherence.updateMany({
      where: { id: adherence.id, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", ADHERENCE_CONFLICT);
    const before = {
      actKind: adherence.actKind,
      actNumber: adherence.actNumber,
      actDate: adherence.actDate,
      note: adherence.note,
    };
    await recordAudit(tx, actor, {
      entity: "Adherence",
      entityId: adherence.id,
      action: "UPDATE",
      comuneIstat: scope.istat,
      ...diff(before, fields),
    });
    return serializeAct({ ...adherence, ...fields, version: version + 1 });
  });
}

/** One plan's page: the Smart Land, stream, act, the plan (null before the first save) and its history. */
export async function getPlanForActor(actor: Actor, scope: Scope, streamCode: string) {
  requireReader(actor, scope.istat);
  return withActor(actor, async (tx) => {
    const { smartLand, comuneName, adherence } = await membership(tx, scope);
    const stream = await streamByCode(tx, streamCode);
    const plan = await tx.localPlan.findUnique({
      where: {
        smartLandId_comuneIstat_streamId: {
          smartLandId: smartLand.id,
          comuneIstat: scope.istat,
          streamId: stream.id,
        },
      },
    });
    const events = plan
      ? await tx.localPlanEvent.findMany({
          where: { planId: plan.id },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        })
      : [];
    return {
      comune: { istat: scope.istat, name: comuneName },
      smartLand: { slug: smartLand.slug, name: smartLand.name },
      stream: { code: stream.code, name: stream.name },
      act: adherence ? serializeAct(adherence) : null,
      plan: plan ? serializePlan(plan) : null,
      history: events.map((e) => ({
        revision: e.revision,
        kind: e.kind as PlanEventKind,
        comment: e.comment,
        actorName: e.actorName,
        createdAt: e.createdAt.toISOString(),
      })),
    };
  });
}

export type PlanPage = Awaited<ReturnType<typeof getPlanForActor>>;

async function currentPlan(tx: Tx, scope: Scope, streamCode: string) {
  const found = await membership(tx, scope);
  const stream = await streamByCode(tx, streamCode);
  const plan = await tx.localPlan.findUnique({
    where: {
      smartLandId_comuneIstat_streamId: {
        smartLandId: found.smartLand.id,
        comuneIstat: scope.istat,
        streamId: stream.id,
      },
    },
  });
  return { ...found, stream, plan };
}

function content(data: Omit<LocalPlanData, "version">) {
  return {
    objectives: data.objectives,
    envelope: [...data.envelope].sort((a, b) => a.year - b.year),
    indicators: data.indicators,
    contactName: data.contactName,
    contactRole: data.contactRole,
    contactEmail: data.contactEmail,
  };
}

/**
 * Validates a plan; a field of a row is named by its path ("envelope.0.amount"), which is also the name of
 * the form's input, so the message sits next to the field.
 */
function parsePlan(input: unknown): LocalPlanData {
  const result = localPlanSchema.safeParse(input);
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    const list = (errors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  throw new AppError("INVALID", ERRORS.INVALID, errors);
}

const ROW = /^(envelope|indicators)\.(\d{1,2})\.([a-zA-Z]+)$/;

/**
 * A plan form's flat fields ("envelope.0.year", "indicators.1.target") → the plan's rows, in order; a row
 * left entirely blank is no row.
 */
export function planFromForm(values: Record<string, unknown>): Record<string, unknown> {
  const rows: Record<string, Record<string, unknown>[]> = { envelope: [], indicators: [] };
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const m = ROW.exec(key);
    if (!m) plain[key] = value;
    else (rows[m[1]][Number(m[2])] ??= {})[m[3]] = value;
  }
  const filled = (list: Record<string, unknown>[]) =>
    list.filter((row) => row && Object.values(row).some((v) => typeof v === "string" && v.trim() !== ""));
  return { ...plain, envelope: filled(rows.envelope), indicators: filled(rows.indicators) };
}

/**
 * Saves the officer's plan. A new plan starts as a draft (version 0 in the input); a returned or approved
 * plan, once edited, is a new draft revision; a submitted one cannot change until the coordinator decides.
 */
export async function savePlan(actor: Actor, scope: Scope, streamCode: string, input: unknown) {
  requireWriter(actor, scope.istat);
  const { version, ...data } = parsePlan(input);
  const fields = content(data);
  return withActor(actor, async (tx) => {
    const { smartLand, adherence, stream, plan } = await currentPlan(tx, scope, streamCode);
    if (!adherence) throw new AppError("INVALID", ACT_MISSING, { _form: [ACT_MISSING] });
    if (!plan) {
      if (version !== 0) throw new AppError("CONFLICT", PLAN_CONFLICT);
      const created = await tx.localPlan.create({
        data: {
          ...fields,
          adherenceId: adherence.id,
          smartLandId: smartLand.id,
          comuneIstat: scope.istat,
          streamId: stream.id,
        },
      });
      await recordAudit(tx, actor, {
        entity: "LocalPlan",
        entityId: created.id,
        action: "CREATE",
        comuneIstat: scope.istat,
        after: { smartLandId: smartLand.id, streamId: stream.id, ...fields },
      });
      return serializePlan(created);
    }
    if (plan.version !== version) throw new AppError("CONFLICT", PLAN_CONFLICT);
    if (plan.status === "SUBMITTED") throw new AppError("CONFLICT", PLAN_UNDER_REVIEW);
    const reopen = plan.status === "RETURNED" || plan.status === "APPROVED";
    const updated = await tx.localPlan.updateMany({
      where: { id: plan.id, version },
      data: {
        ...fields,
        version: { increment: 1 },
        ...(reopen ? { status: "DRAFT", revision: { increment: 1 } } : {}),
      },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", PLAN_CONFLICT);
    const before = Object.fromEntries(
      Object.keys(PLAN_CONTENT).map((k) => [k, plan[k as keyof typeof PLAN_CONTENT]]),
    );
    const changes = diff(before, fields);
    if (reopen) {
      changes.before.status = plan.status;
      changes.after.status = "DRAFT";
    }
    await recordAudit(tx, actor, {
      entity: "LocalPlan",
      entityId: plan.id,
      action: "UPDATE",
      comuneIstat: scope.istat,
      ...changes,
    });
    const fresh = await tx.localPlan.findUniqueOrThrow({ where: { id: plan.id } });
    return serializePlan(fresh);
  });
}

/** What a plan needs before it can be submitted: objectives, the envelope, a contact's e-mail. */
function completeness(plan: PlanRow): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!plan.objectives.trim()) errors.objectives = ["Descrivi gli obiettivi del piano."];
  if (!Array.isArray(plan.envelope) || plan.envelope.length === 0)
    errors.envelope = ["Indica la dotazione prevista per almeno un anno."];
  if (!plan.contactEmail) errors.contactEmail = ["Indica l'email dell'ufficio di riferimento."];
  return errors;
}

/** The officer submits the current draft: it becomes «Inviato» and its content is kept in the history. */
export async function submitPlan(actor: Actor, scope: Scope, streamCode: string, input: unknown) {
  requireWriter(actor, scope.istat);
  const { version } = parseOrThrow(planStepSchema, input);
  return withActor(actor, async (tx) => {
    const { plan } = await currentPlan(tx, scope, streamCode);
    if (!plan) throw notFound();
    if (plan.version !== version) throw new AppError("CONFLICT", PLAN_CONFLICT);
    if (plan.status !== "DRAFT") throw new AppError("CONFLICT", PLAN_NOT_DRAFT);
    const missing = completeness(plan);
    if (Object.keys(missing).length) throw new AppError("INVALID", MESSAGES.invalidData, missing);
    const { count } = await tx.localPlan.updateMany({
      where: { id: plan.id, version, status: "DRAFT" },
      data: { status: "SUBMITTED", version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", PLAN_CONFLICT);
    const snapshot = Object.fromEntries(
      Object.keys(PLAN_CONTENT).map((k) => [k, plan[k as keyof typeof PLAN_CONTENT]]),
    );
    await tx.localPlanEvent.create({
      data: {
        planId: plan.id,
        comuneIstat: scope.istat,
        revision: plan.revision,
        kind: "SUBMITTED",
        snapshot: snapshot as Prisma.InputJsonValue,
        actorId: actor.userId,
        actorName: actor.name,
      },
    });
    await recordAudit(tx, actor, {
      entity: "LocalPlan",
      entityId: plan.id,
      action: "SUBMIT",
      comuneIstat: scope.istat,
      before: { status: plan.status },
      after: { status: "SUBMITTED", revision: plan.revision },
    });
    return serializePlan({ ...plan, status: "SUBMITTED", version: version + 1 });
  });
}

/**
 * The coordinator approves or returns a submitted plan. The write goes through the definer function
 * local_plan_decide (the coordinator has no UPDATE on a comune's plans: never its content).
 */
export async function decidePlan(
  actor: Actor,
  scope: Scope,
  streamCode: string,
  decision: "APPROVED" | "RETURNED",
  input: unknown,
) {
  requireReader(actor, scope.istat);
  if (!can(actor, "adherence.review")) throw new AppError("FORBIDDEN", "Non trovato.");
  const { version, comment } =
    decision === "RETURNED"
      ? parseOrThrow(planReturnSchema, input)
      : { ...parseOrThrow(planStepSchema, input), comment: "" };
  return withActor(actor, async (tx) => {
    const { plan } = await currentPlan(tx, scope, streamCode);
    if (!plan) throw notFound();
    const rows = await tx.$queryRaw<{ comune: string | null }[]>`
      SELECT local_plan_decide(${plan.id}::uuid, ${version}::int, ${decision}::"PlanEventKind", ${comment}) AS comune`;
    if (!rows[0]?.comune) throw new AppError("CONFLICT", PLAN_NOT_SUBMITTED);
    await recordAudit(tx, actor, {
      entity: "LocalPlan",
      entityId: plan.id,
      action: decision === "APPROVED" ? "APPROVE" : "RETURN",
      comuneIstat: scope.istat,
      before: { status: plan.status },
      after: { status: decision, revision: plan.revision, ...(comment ? { comment } : {}) },
    });
    return serializePlan({ ...plan, status: decision, version: version + 1 });
  });
}
