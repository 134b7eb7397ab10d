// A project's cronoprogramma: planned and actual start/end per procedural phase (docs/phases.md). Read by
// whoever may read the project (a partner comune too, read-only); written by the officers of its comune
// only, through the project's write guard, with a version per phase and an audit event per change.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, MESSAGES, notFound, type FieldErrors } from "@/lib/errors";
import { romeToday, toIsoDate } from "@/lib/format";
import { PHASE_KINDS, PHASE_LABELS, PHASE_OC_CODES, phaseState, type PhaseState } from "@/lib/format/phases";
import type { PhaseKind, ProjectPhase } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids.mjs";
import { canWriteProject, visibleProjectsWhere } from "@/lib/projects/scope";
import { getWritableProject } from "@/lib/projects/writable";
import {
  fieldErrorsOf,
  PHASE_MESSAGES,
  phaseRowSchema,
  phasesEnvelopeSchema,
} from "@/lib/validation/schemas";
import type { PhaseRowData } from "@/lib/validation/schemas";

/** A stale version: someone saved the cronoprogramma meanwhile (409). */
export const PHASES_CONFLICT =
  "Le fasi sono state modificate da un altro utente mentre le stavi modificando. Ricarica la pagina per vedere la versione aggiornata: le tue modifiche non sono state salvate.";

/** One phase as pages and the API show it; a phase not recorded yet has id null and version 0. */
export type PhaseView = {
  id: string | null;
  kind: PhaseKind;
  label: string;
  ocCode: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  note: string;
  version: number;
  state: PhaseState;
};

type DateFields = "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd";
type ProjectDates = Record<DateFields, string | null>;

export type ProjectPhases = {
  project: { id: string; title: string; comuneIstat: string } & ProjectDates;
  canWrite: boolean;
  today: string;
  phases: PhaseView[];
  /** Phases that start before the previous one ends: allowed (appalto integrato, lots), but said. */
  warnings: string[];
  /** Where the project's own dates and its phases disagree. */
  consistency: string[];
};

const iso = (d: Date | null) => (d ? toIsoDate(d) : null);

export function phaseView(kind: PhaseKind, row: ProjectPhase | undefined, today: string): PhaseView {
  const dates: ProjectDates = {
    plannedStart: iso(row?.plannedStart ?? null),
    plannedEnd: iso(row?.plannedEnd ?? null),
    actualStart: iso(row?.actualStart ?? null),
    actualEnd: iso(row?.actualEnd ?? null),
  };
  return {
    id: row?.id ?? null,
    kind,
    label: PHASE_LABELS[kind],
    ocCode: PHASE_OC_CODES[kind],
    ...dates,
    note: row?.note ?? "",
    version: row?.version ?? 0,
    state: phaseState(dates, today),
  };
}

const fmt = (isoDate: string) => isoDate.split("-").reverse().join("/");

/** Overlaps between consecutive planned phases (in procedural order). */
export function phaseWarnings(phases: PhaseView[]): string[] {
  const planned = phases.filter((p) => p.plannedStart && p.plannedEnd);
  const warnings: string[] = [];
  for (let i = 1; i < planned.length; i++) {
    const prev = planned[i - 1]!;
    const cur = planned[i]!;
    if (cur.plannedStart! < prev.plannedEnd!) {
      warnings.push(
        `«${cur.label}» inizia (${fmt(cur.plannedStart!)}) prima della fine prevista di «${prev.label}» (${fmt(prev.plannedEnd!)}).`,
      );
    }
  }
  return warnings;
}

/** The project's own dates against the span of its phases. */
export function phaseConsistency(project: ProjectDates, phases: PhaseView[]): string[] {
  const min = (xs: (string | null)[]) => xs.filter(Boolean).sort()[0] ?? null;
  const max = (xs: (string | null)[]) => xs.filter(Boolean).sort().at(-1) ?? null;
  const out: string[] = [];
  const firstPlanned = min(phases.map((p) => p.plannedStart));
  const lastPlanned = max(phases.map((p) => p.plannedEnd));
  const firstActual = min(phases.map((p) => p.actualStart));
  const testing = phases.find((p) => p.kind === "TESTING");
  if (project.plannedStart && firstPlanned && firstPlanned < project.plannedStart)
    out.push(
      `Una fase inizia (${fmt(firstPlanned)}) prima dell'inizio previsto dell'intervento (${fmt(project.plannedStart)}).`,
    );
  if (project.plannedEnd && lastPlanned && lastPlanned > project.plannedEnd)
    out.push(
      `Una fase finisce (${fmt(lastPlanned)}) dopo la fine prevista dell'intervento (${fmt(project.plannedEnd)}).`,
    );
  if (project.actualStart && firstActual && firstActual < project.actualStart)
    out.push(
      `Una fase è iniziata (${fmt(firstActual)}) prima dell'inizio effettivo dell'intervento (${fmt(project.actualStart)}).`,
    );
  if (project.actualEnd && testing && !testing.actualEnd)
    out.push("L'intervento risulta concluso ma il collaudo non ha una data di fine effettiva.");
  if (!project.actualEnd && testing?.actualEnd)
    out.push("Il collaudo è concluso ma l'intervento non ha una data di fine effettiva.");
  return out;
}

async function readPhases(tx: Tx, actor: Actor, projectId: string, now: Date): Promise<ProjectPhases> {
  if (!isUuid(projectId)) throw notFound();
  const project = await tx.project.findFirst({
    where: { id: projectId, ...visibleProjectsWhere(actor) },
    include: { phases: true },
  });
  if (!project) throw notFound();
  return projectPhasesOf(actor, project, project.phases, now);
}

/**
 * A project's phases as its pages show them, from the project's dates and its phase rows (whoever read
 * them: readPhases here, the project page's one raw read in lib/projects/project-page.ts).
 */
export function projectPhasesOf(
  actor: Actor,
  project: {
    id: string;
    title: string;
    comuneIstat: string;
    plannedStart: Date | null;
    plannedEnd: Date | null;
    actualStart: Date | null;
    actualEnd: Date | null;
  },
  rows: ProjectPhase[],
  now: Date,
): ProjectPhases {
  const today = romeToday(now);
  const byKind = new Map(rows.map((p) => [p.kind, p]));
  const phases = PHASE_KINDS.map((kind) => phaseView(kind, byKind.get(kind), today));
  const dates: ProjectDates = {
    plannedStart: iso(project.plannedStart),
    plannedEnd: iso(project.plannedEnd),
    actualStart: iso(project.actualStart),
    actualEnd: iso(project.actualEnd),
  };
  return {
    project: { id: project.id, title: project.title, comuneIstat: project.comuneIstat, ...dates },
    canWrite: canWriteProject(actor, project),
    today,
    phases,
    warnings: phaseWarnings(phases),
    consistency: phaseConsistency(dates, phases),
  };
}

/** The phases of a project the actor may read (another comune's → NOT_FOUND). */
export async function getProjectPhases(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectPhases> {
  return withActor(actor, (tx) => readPhases(tx, actor, projectId, now));
}

const EMPTY = (row: PhaseRowData) =>
  !row.plannedStart && !row.plannedEnd && !row.actualStart && !row.actualEnd && !row.note;

/** Parses the rows; every problem is named "<KIND>.<field>" (or "phases" for the list itself). */
function parseRows(input: unknown, today: string): PhaseRowData[] {
  const envelope = phasesEnvelopeSchema.safeParse(input);
  if (!envelope.success)
    throw new AppError("INVALID", MESSAGES.INVALID, { phases: [PHASE_MESSAGES.tooMany] });
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    const list = (errors[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  const rows: PhaseRowData[] = [];
  const seen = new Set<string>();
  envelope.data.phases.forEach((raw, index) => {
    const result = phaseRowSchema.safeParse(raw);
    const rawKind = (raw as { kind?: unknown } | null)?.kind;
    const prefix = typeof rawKind === "string" && /^[A-Z_]{1,40}$/.test(rawKind) ? rawKind : String(index);
    if (!result.success) {
      for (const [field, messages] of Object.entries(fieldErrorsOf(result.error)))
        for (const m of messages) add(`${prefix}.${field}`, m);
      return;
    }
    const row = result.data;
    if (seen.has(row.kind)) add(`${row.kind}.kind`, PHASE_MESSAGES.duplicate);
    seen.add(row.kind);
    for (const field of ["actualStart", "actualEnd"] as const) {
      const value = row[field];
      if (value && toIsoDate(value) > today) add(`${row.kind}.${field}`, PHASE_MESSAGES.actualInFuture);
    }
    rows.push(row);
  });
  if (Object.keys(errors).length > 0) throw new AppError("INVALID", MESSAGES.INVALID, errors);
  return rows;
}

/**
 * Records or changes the listed phases of a project (others stay as they are). `version` 0 records a
 * phase (409 if someone recorded it meanwhile), the version read changes it (409 if stale); a listed
 * phase left with no date and no note is removed. All or nothing; one audit event per phase changed.
 */
export async function saveProjectPhases(
  actor: Actor,
  projectId: string,
  input: unknown,
  now = new Date(),
): Promise<ProjectPhases> {
  return withActor(actor, async (tx) => {
    const project = await getWritableProject(tx, actor, projectId);
    const rows = parseRows(input, romeToday(now));
    const scope = { projectId, comuneIstat: project.comuneIstat };
    const existing = new Map((await tx.projectPhase.findMany({ where: scope })).map((p) => [p.kind, p]));
    for (const { version, ...row } of rows) {
      const before = existing.get(row.kind);
      const data = {
        plannedStart: row.plannedStart,
        plannedEnd: row.plannedEnd,
        actualStart: row.actualStart,
        actualEnd: row.actualEnd,
        note: row.note,
      };
      if (!before) {
        if (version !== 0) throw new AppError("CONFLICT", PHASES_CONFLICT);
        if (EMPTY({ ...row, version })) continue;
        const created = await tx.projectPhase.create({ data: { ...scope, kind: row.kind, ...data } });
        await recordAudit(tx, actor, {
          entity: "ProjectPhase",
          entityId: created.id,
          action: "CREATE",
          comuneIstat: scope.comuneIstat,
          after: created,
        });
        continue;
      }
      if (version !== before.version) throw new AppError("CONFLICT", PHASES_CONFLICT);
      if (EMPTY({ ...row, version })) {
        const { count } = await tx.projectPhase.deleteMany({ where: { id: before.id, ...scope, version } });
        if (count === 0) throw new AppError("CONFLICT", PHASES_CONFLICT);
        await recordAudit(tx, actor, {
          entity: "ProjectPhase",
          entityId: before.id,
          action: "DELETE",
          comuneIstat: scope.comuneIstat,
          before,
        });
        continue;
      }
      const same = (Object.keys(data) as (keyof typeof data)[]).every(
        (k) => String(data[k]?.valueOf() ?? "") === String(before[k]?.valueOf() ?? ""),
      );
      if (same) continue;
      const { count } = await tx.projectPhase.updateMany({
        where: { id: before.id, ...scope, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", PHASES_CONFLICT);
      const after = (await tx.projectPhase.findFirst({ where: { id: before.id, ...scope } }))!;
      const changes = diff(before, after);
      await recordAudit(tx, actor, {
        entity: "ProjectPhase",
        entityId: before.id,
        action: "UPDATE",
        comuneIstat: scope.comuneIstat,
        before: { ...changes.before, projectId, kind: row.kind },
        after: { ...changes.after, projectId, kind: row.kind },
      });
    }
    return readPhases(tx, actor, projectId, now);
  });
}

/** The phases form's fields ("<KIND>.<field>", one fieldset per phase) → the body saveProjectPhases takes. */
export function phasesFromForm(values: Record<string, unknown>): { phases: Record<string, unknown>[] } {
  const fields = ["plannedStart", "plannedEnd", "actualStart", "actualEnd", "note", "version"] as const;
  return {
    phases: PHASE_KINDS.map((kind) => ({
      kind,
      ...Object.fromEntries(fields.map((f) => [f, values[`${kind}.${f}`] ?? ""])),
    })),
  };
}
