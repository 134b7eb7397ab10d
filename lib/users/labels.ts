import type { UserState } from "./list-users";

export const USER_STATE_LABELS: Record<UserState, string> = {
  active: "Attivo",
  pending: "In attesa di password",
  inactive: "Disattivato",
};

const dayFormat = new Intl.DateTimeFormat("it-IT", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: "Europe/Rome",
});
const timeFormat = new Intl.DateTimeFormat("it-IT", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Rome",
});

/** A moment (not a calendar date) in Italian time: "25/11/2026 alle 14:05"; null → "—". */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${dayFormat.format(date)} alle ${timeFormat.format(date)}`;
}
