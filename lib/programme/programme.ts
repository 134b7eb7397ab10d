import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, MESSAGES as ERRORS, notFound } from "@/lib/errors";
import { moneyString } from "@/lib/money";
import {
  programmeSchema,
  programmeStreamSchema,
  PROGRAMME_MESSAGES,
  type ProgrammeData,
  type ProgrammeStreamData,
} from "@/lib/validation/schemas";
import * as z from "zod";

// The coordinator's programme plan of a Smart Land (issue #18, item 2): phases, and per phase and stream
// the envelope per year and the targets. Who: coordinators write; coordinators, administrators and the
// officers of the Smart Land's member comuni read (another Smart Land is NOT_FOUND for an officer). RLS
// (migration programme_plan) says the same: app_reads_smart_land() to read, COORDINATOR to write.

export const PROGRAMME_CONFLICT =
  "Qualcun altro ha modificato il piano di programma mentre lo stavi modificando. Ricarica la pagina: le tue modifiche non sono state salvate.";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export type ProgrammeEnvelopeRow = { year: number; amount: string };
export type ProgrammeTargetRow = {
  name: string;
  unit: string;
  baseline: string | null;
  target: string | null;
  year: number;
};
export type ProgrammeStreamView = {
  code: string;
  name: string;
  envelope: ProgrammeEnvelopeRow[];
  total: string;
  targets: ProgrammeTargetRow[];
};
export type ProgrammePhaseView = {
  ordinal: number;
  name: string;
  startYear: number | null;
  endYear: number | null;
  streams: ProgrammeStreamView[];
  total: string;
};

/** The Smart Land named by the slug, if the actor may read its programme; NOT_FOUND otherwise. */
export async function readableSmartLand(tx: Tx, actor: Actor, slug: string) {
  if (!SLUG.test(slug) || !can(actor, "programme.read")) throw notFound();
  const smartLand = await tx.smartLand.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, phase: true },
  });
  if (!smartLand) throw notFound();
  if (actor.role === "OFFICER") {
    const member = actor.comuneIstat
      ? await tx.smartLandMember.findUnique({
          where: { smartLandId_comuneIstat: { smartLandId: smartLand.id, comuneIstat: actor.comuneIstat } },
          select: { comuneIstat: true },
        })
      : null;
    if (!member) throw notFound();
  }
  return smartLand;
}

/** Whether the actor may change programme plans (coordinators; pages show the forms with it). */
export const canEditProgramme = (actor: Actor) => can(actor, "programme.write");

function requireWriter(actor: Actor) {
  // Administrators and officers read the programme; only coordinators change it (404 like every refusal).
  if (!can(actor, "programme.write")) throw new AppError("FORBIDDEN", "Non trovato.");
}

const decimal4 = (v: { toString(): string } | null) => {
  if (v === null) return null;
  const s = v.toString();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
};

async function loadPlan(tx: Tx, smartLandId: string) {
  const [plan, streams] = await Promise.all([
    tx.programmePlan.findUnique({
      where: { smartLandId },
      select: {
        id: true,
        version: true,
        updatedAt: true,
        phases: {
          orderBy: { ordinal: "asc" },
          select: {
            id: true,
            ordinal: true,
            name: true,
            startYear: true,
            endYear: true,
            envelope: { orderBy: { year: "asc" }, select: { streamId: true, year: true, amount: true } },
            targets: {
              orderBy: { ordinal: "asc" },
              select: { streamId: true, name: true, unit: true, baseline: true, target: true, year: true },
            },
          },
        },
      },
    }),
    tx.stream.findMany({
      orderBy: { code: "asc" },
      select: { id: true, code: true, name: true, archived: true },
    }),
  ]);
  return { plan, streams };
}

type Loaded = Awaited<ReturnType<typeof loadPlan>>;

function view({ plan, streams }: Loaded) {
  const phases: ProgrammePhaseView[] = (plan?.phases ?? []).map((p) => {
    const used = new Set([...p.envelope.map((e) => e.streamId), ...p.targets.map((t) => t.streamId)]);
    const list = streams
      .filter((s) => used.has(s.id))
      .map((s) => {
        const envelope = p.envelope
          .filter((e) => e.streamId === s.id)
          .map((e) => ({ year: e.year, amount: moneyString(e.amount) }));
        return {
          code: s.code,
          name: s.name,
          envelope,
          total: moneyString(sumAmounts(envelope)),
          targets: p.targets
            .filter((t) => t.streamId === s.id)
            .map((t) => ({
              name: t.name,
              unit: t.unit,
              baseline: decimal4(t.baseline),
              target: decimal4(t.target),
              year: t.year,
            })),
        };
      });
    return {
      ordinal: p.ordinal,
      name: p.name,
      startYear: p.startYear,
      endYear: p.endYear,
      streams: list,
      total: moneyString(sumAmounts(list.flatMap((s) => s.envelope))),
    };
  });
  return {
    version: plan?.version ?? 0,
    updatedAt: plan?.updatedAt.toISOString() ?? null,
    phases,
    total: moneyString(sumAmounts(phases.flatMap((p) => p.streams.flatMap((s) => s.envelope)))),
    streams: streams.filter((s) => !s.archived).map((s) => ({ code: s.code, name: s.name })),
  };
}

function sumAmounts(rows: { amount: string }[]) {
  let cents = 0n;
  for (const r of rows) {
    const [int, frac = ""] = r.amount.split(".");
    cents += BigInt(int) * 100n + BigInt((frac + "00").slice(0, 2));
  }
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** A Smart Land's programme plan (version 0 and no phases before the first save). */
export async function getProgrammeForActor(actor: Actor, slug: string) {
  return withActor(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    return {
      smartLand: { slug: smartLand.slug, name: smartLand.name, phase: smartLand.phase },
      canEdit: canEditProgramme(actor),
      ...view(await loadPlan(tx, smartLand.id)),
    };
  });
}

export type Programme = Awaited<ReturnType<typeof getProgrammeForActor>>;

/** Zod issues → field errors by path ("phases.0.streams.1.envelope.0.amount"): the form's input names. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    const list = (errors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  throw new AppError("INVALID", ERRORS.INVALID, errors);
}

/** The plan's content as the audit log keeps it (stream codes, decimal strings). */
function auditContent(phases: ProgrammeData["phases"]) {
  return phases.map((p) => ({
    name: p.name,
    startYear: p.startYear,
    endYear: p.endYear,
    streams: p.streams.map((s) => ({ stream: s.stream, envelope: s.envelope, targets: s.targets })),
  }));
}

/** Loaded plan → the input shape (for a partial save: one stream, or the phases only). */
function asInput({ plan, streams }: Loaded): ProgrammeData["phases"] {
  const v = view({ plan, streams });
  return v.phases.map((p) => ({
    name: p.name,
    startYear: p.startYear,
    endYear: p.endYear,
    streams: p.streams.map((s) => ({ stream: s.code, envelope: s.envelope, targets: s.targets })),
  }));
}

/**
 * Writes the whole plan under the optimistic lock: the plan row's version must be `version` (0: no plan
 * yet), then phases, envelope rows and targets are replaced. One audit event with before and after.
 */
async function replacePlan(
  tx: Tx,
  actor: Actor,
  smartLand: { id: string; slug: string; name: string; phase: string },
  loaded: Loaded,
  version: number,
  phases: ProgrammeData["phases"],
) {
  const smartLandId = smartLand.id;
  const idOf = new Map(loaded.streams.map((s) => [s.code, s.id]));
  const errors: Record<string, string[]> = {};
  phases.forEach((p, i) =>
    p.streams.forEach((s, j) => {
      if (!idOf.has(s.stream)) errors[`phases.${i}.streams.${j}.stream`] = [PROGRAMME_MESSAGES.streamCode];
    }),
  );
  if (Object.keys(errors).length) throw new AppError("INVALID", ERRORS.INVALID, errors);
  const before = loaded.plan ? auditContent(asInput(loaded)) : null;
  let planId: string;
  if (!loaded.plan) {
    if (version !== 0) throw new AppError("CONFLICT", PROGRAMME_CONFLICT);
    const created = await tx.programmePlan.create({ data: { smartLandId }, select: { id: true } });
    planId = created.id;
  } else {
    if (loaded.plan.version !== version) throw new AppError("CONFLICT", PROGRAMME_CONFLICT);
    const { count } = await tx.programmePlan.updateMany({
      where: { id: loaded.plan.id, version },
      data: { version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", PROGRAMME_CONFLICT);
    planId = loaded.plan.id;
    await tx.programmePhase.deleteMany({ where: { planId } });
  }
  for (const [i, p] of phases.entries()) {
    const phase = await tx.programmePhase.create({
      data: { planId, smartLandId, ordinal: i + 1, name: p.name, startYear: p.startYear, endYear: p.endYear },
      select: { id: true },
    });
    const envelope = p.streams.flatMap((s) =>
      s.envelope.map((e) => ({
        phaseId: phase.id,
        smartLandId,
        streamId: idOf.get(s.stream)!,
        year: e.year,
        amount: e.amount,
      })),
    );
    const targets = p.streams.flatMap((s) =>
      s.targets.map((t, k) => ({
        phaseId: phase.id,
        smartLandId,
        streamId: idOf.get(s.stream)!,
        ordinal: k + 1,
        name: t.name,
        unit: t.unit,
        baseline: t.baseline,
        target: t.target,
        year: t.year,
      })),
    );
    if (envelope.length) await tx.programmeEnvelope.createMany({ data: envelope });
    if (targets.length) await tx.programmeTarget.createMany({ data: targets });
  }
  await recordAudit(tx, actor, {
    entity: "ProgrammePlan",
    entityId: planId,
    action: loaded.plan ? "UPDATE" : "CREATE",
    comuneIstat: null,
    before: before ? { phases: before } : null,
    after: { smartLandId, phases: auditContent(phases) },
  });
  return {
    smartLand: { slug: smartLand.slug, name: smartLand.name, phase: smartLand.phase },
    canEdit: true,
    ...view(await loadPlan(tx, smartLandId)),
  };
}

/** PUT of the whole plan (the API): phases with their streams' envelopes and targets. */
export async function saveProgramme(actor: Actor, slug: string, input: unknown) {
  return withActor(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    requireWriter(actor);
    const { version, phases } = parse(programmeSchema, input);
    return replacePlan(tx, actor, smartLand, await loadPlan(tx, smartLand.id), version, phases);
  });
}

const phasesOnlySchema = z.object({
  version: programmeSchema.shape.version,
  phases: programmeSchema.shape.phases,
});

/**
 * The phases form: names and years, in order. A phase keeps its streams by position (the first phase
 * saved keeps the first phase's envelopes); a phase removed loses them.
 */
export async function savePhases(actor: Actor, slug: string, input: unknown) {
  return withActor(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    requireWriter(actor);
    const { version, phases } = parse(phasesOnlySchema, input);
    const loaded = await loadPlan(tx, smartLand.id);
    const current = asInput(loaded);
    const merged = phases.map((p, i) => ({ ...p, streams: current[i]?.streams ?? [] }));
    return replacePlan(tx, actor, smartLand, loaded, version, merged);
  });
}

const streamPartSchema = z.object({
  version: programmeSchema.shape.version,
  phase: z.coerce.number().int().min(1).max(10),
});

/** One stream of one phase (the stream form): its envelope per year and its targets. */
export async function saveProgrammeStream(actor: Actor, slug: string, input: unknown) {
  return withActor(actor, async (tx) => {
    const smartLand = await readableSmartLand(tx, actor, slug);
    requireWriter(actor);
    const { version, phase } = parse(streamPartSchema, input);
    const data: ProgrammeStreamData = parse(programmeStreamSchema, input);
    const loaded = await loadPlan(tx, smartLand.id);
    const current = asInput(loaded);
    const target = current[phase - 1];
    if (!target) throw notFound();
    const others = target.streams.filter((s) => s.stream !== data.stream);
    const empty = data.envelope.length === 0 && data.targets.length === 0;
    target.streams = empty ? others : [...others, data];
    return replacePlan(tx, actor, smartLand, loaded, version, current);
  });
}

const FORM_ROW = /^(phases|envelope|targets)\.(\d{1,2})\.([a-zA-Z]+)$/;

/**
 * A programme form's flat fields ("phases.0.name", "envelope.1.amount", "targets.0.target") → rows in
 * order; a row left entirely blank is no row. The paths are also the inputs' names, so lib's field errors
 * ("envelope.1.amount") land next to their field.
 */
export function programmeFromForm(values: Record<string, unknown>): Record<string, unknown> {
  const rows: Record<string, Record<string, unknown>[]> = { phases: [], envelope: [], targets: [] };
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const m = FORM_ROW.exec(key);
    if (!m) plain[key] = value;
    else (rows[m[1]][Number(m[2])] ??= {})[m[3]] = value;
  }
  const filled = (list: Record<string, unknown>[]) =>
    Array.from(list, (row) => row ?? {}).filter((row) =>
      Object.values(row).some((v) => typeof v === "string" && v.trim() !== ""),
    );
  return {
    ...plain,
    phases: filled(rows.phases),
    envelope: filled(rows.envelope),
    targets: filled(rows.targets),
  };
}
