// The procedural phases of a project (its cronoprogramma), as OpenCoesione publishes them: eight phases,
// each with planned ("PREV") and actual ("EFF") start and end dates. Labels, order and the OpenCoesione
// column names (docs/phases.md). UI-safe: no server code.
import type { PhaseKind } from "@/lib/generated/prisma/enums";

/** The phases in their procedural order (the timeline's rows). */
export const PHASE_KINDS = [
  "FEASIBILITY",
  "PRELIMINARY_DESIGN",
  "FINAL_DESIGN",
  "EXECUTIVE_DESIGN",
  "AWARD",
  "CONTRACT",
  "EXECUTION",
  "TESTING",
] as const satisfies readonly PhaseKind[];

/** Italian names; for forniture/servizi the same rows read as in the second half of each label. */
export const PHASE_LABELS: Record<PhaseKind, string> = {
  FEASIBILITY: "Studio di fattibilità",
  PRELIMINARY_DESIGN: "Progetto di fattibilità tecnico-economica (preliminare)",
  FINAL_DESIGN: "Progettazione definitiva",
  EXECUTIVE_DESIGN: "Progettazione esecutiva",
  AWARD: "Affidamento e aggiudicazione",
  CONTRACT: "Stipula del contratto",
  EXECUTION: "Esecuzione lavori / fornitura",
  TESTING: "Collaudo, verifica di conformità e chiusura",
};

/** Short names for narrow places (the Gantt's row headers). */
export const PHASE_SHORT_LABELS: Record<PhaseKind, string> = {
  FEASIBILITY: "Fattibilità",
  PRELIMINARY_DESIGN: "PFTE",
  FINAL_DESIGN: "Definitiva",
  EXECUTIVE_DESIGN: "Esecutiva",
  AWARD: "Aggiudicazione",
  CONTRACT: "Contratto",
  EXECUTION: "Esecuzione",
  TESTING: "Collaudo",
};

/** The phase's suffix in OpenCoesione's columns: DATA_INIZIO_PREV_<code>, DATA_FINE_EFF_<code>… */
export const PHASE_OC_CODES: Record<PhaseKind, string> = {
  FEASIBILITY: "STUDIO_FATT",
  PRELIMINARY_DESIGN: "PROG_PREL",
  FINAL_DESIGN: "PROG_DEF",
  EXECUTIVE_DESIGN: "PROG_ESEC",
  AWARD: "AGG_BANDO",
  CONTRACT: "STIP_ATTRIB",
  EXECUTION: "ESECUZIONE",
  TESTING: "COLLAUDO",
};

/** Where a phase stands on a given day (computed, never stored). */
export type PhaseState = "UNPLANNED" | "TO_START" | "LATE_START" | "RUNNING" | "LATE" | "DONE" | "DONE_LATE";

export const PHASE_STATE_LABELS: Record<PhaseState, string> = {
  UNPLANNED: "Non pianificata",
  TO_START: "Da avviare",
  LATE_START: "Avvio in ritardo",
  RUNNING: "In corso",
  LATE: "In ritardo",
  DONE: "Conclusa",
  DONE_LATE: "Conclusa in ritardo",
};

/** Late states: the timeline highlights them. */
export const LATE_PHASE_STATES: readonly PhaseState[] = ["LATE_START", "LATE", "DONE_LATE"];

type Dates = {
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
};

/** The state of a phase on `today` ("yyyy-mm-dd", Rome's day); ISO dates compare as strings. */
export function phaseState(p: Dates, today: string): PhaseState {
  if (p.actualEnd) return p.plannedEnd && p.actualEnd > p.plannedEnd ? "DONE_LATE" : "DONE";
  if (p.actualStart) return p.plannedEnd && p.plannedEnd < today ? "LATE" : "RUNNING";
  if (p.plannedEnd && p.plannedEnd < today) return "LATE";
  if (p.plannedStart && p.plannedStart < today) return "LATE_START";
  if (p.plannedStart || p.plannedEnd) return "TO_START";
  return "UNPLANNED";
}

/** "2026-11-25" → "25/11/2026"; null → "—". */
export function formatIsoDate(iso: string | null): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
