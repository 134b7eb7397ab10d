// Monitoring rounds' Italian labels and lateness (issue #18, item 3): shared by lib/rounds, the pages and
// the components. Wording: docs/glossary.md («rilevazione», «trasmissione», «restituita», «validata»).
import type { RoundEventKind, RoundState, SubmissionStatus } from "@/lib/generated/prisma/enums";
import { romeTodayDate } from "./time";

export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  DRAFT: "In preparazione",
  OPEN: "Aperta",
  CLOSED: "Chiusa",
};

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  NOT_STARTED: "Da compilare",
  IN_PROGRESS: "In compilazione",
  SUBMITTED: "Trasmessa",
  RETURNED: "Restituita",
  VALIDATED: "Validata",
};

export const SUBMISSION_STATUSES = Object.keys(SUBMISSION_STATUS_LABELS) as SubmissionStatus[];

export const ROUND_EVENT_LABELS: Record<RoundEventKind, string> = {
  STARTED: "Compilazione avviata dal comune",
  SUBMITTED: "Trasmessa dal comune",
  RETURNED: "Restituita dal coordinatore con osservazioni",
  VALIDATED: "Validata dal coordinatore",
};

export const ROUND_ITEM_LABELS: Record<string, string> = {
  status: "Stato procedurale",
  progress: "Avanzamento",
  dates: "Date effettive",
  funding: "Impegni e pagamenti",
  actions: "Stato delle azioni",
  indicators: "Valori rilevati degli indicatori",
};

/** Still owed by the comune: neither submitted nor validated (a returned submission is owed again). */
export function isOutstanding(status: SubmissionStatus): boolean {
  return status === "NOT_STARTED" || status === "IN_PROGRESS" || status === "RETURNED";
}

const DAY = 86_400_000;

/**
 * Days past the due date (a calendar date, UTC midnight) of a submission still outstanding, counted on
 * Rome's calendar (the day after the due date is 1 from Rome's midnight); 0 when on time or not owed.
 */
export function daysLate(status: SubmissionStatus, dueDate: Date, now: Date = new Date()): number {
  if (!isOutstanding(status)) return 0;
  return Math.max(0, Math.round((romeTodayDate(now).getTime() - dueDate.getTime()) / DAY));
}

/** "1 giorno di ritardo", "12 giorni di ritardo"; 0 → "". */
export function lateLabel(days: number): string {
  if (days <= 0) return "";
  return days === 1 ? "1 giorno di ritardo" : `${days} giorni di ritardo`;
}
