// Dates and times as the portal shows them: everything is Rome's (Europe/Rome, daylight saving included).
//
// Two kinds of value, never mixed:
// - a calendar date (a DATE column: plannedStart, dueDate…) arrives as a `Date` at UTC midnight and is
//   read with its UTC parts (formatCalendarDate, toIsoDate): it is a day, not a moment, and never shifts;
// - an instant (a timestamp: createdAt, updatedAt, the roll-up's refresh, memberSince) is shown as the
//   clock in Rome reads it (formatInstantDate, formatInstantTime, formatDateTime, instantIsoDate).
// "Today" is Rome's day (romeToday, romeTodayDate, romeYear), whatever the server's or the database's time
// zone; each takes the moment as a parameter (default: now) so callers and tests can fix the clock.

/** The portal's time zone. */
export const PORTAL_TIME_ZONE = "Europe/Rome";

const romeDate = new Intl.DateTimeFormat("it-IT", {
  timeZone: PORTAL_TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const romeTime = new Intl.DateTimeFormat("it-IT", {
  timeZone: PORTAL_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const romeParts = new Intl.DateTimeFormat("en-US", {
  timeZone: PORTAL_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const utcDate = new Intl.DateTimeFormat("it-IT", {
  timeZone: "UTC",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

const valid = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The day a moment falls on in Rome, as numbers. */
function romeDay(instant: Date): { year: number; month: number; day: number } {
  const parts = romeParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part("year"), month: part("month"), day: part("day") };
}

/** The day a moment falls on in Rome, "yyyy-mm-dd" (an instant's date in exports and the API). */
export function instantIsoDate(instant: Date): string {
  if (!valid(instant)) throw new RangeError("Invalid date");
  const { year, month, day } = romeDay(instant);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Today in Rome, "yyyy-mm-dd" (file names, cache keys, SQL parameters). */
export function romeToday(now: Date = new Date()): string {
  return instantIsoDate(now);
}

/** Today in Rome as a calendar date (UTC midnight), to compare with DATE columns (dueDate < today). */
export function romeTodayDate(now: Date = new Date()): Date {
  const { year, month, day } = romeDay(now);
  return new Date(Date.UTC(year, month - 1, day));
}

/** This year in Rome (default years, the CUP's year check). */
export function romeYear(now: Date = new Date()): number {
  return romeDay(now).year;
}

/** A calendar date (UTC midnight, a DATE column) as "25/11/2026", from its UTC parts; null → "—". */
export function formatCalendarDate(date: Date | null | undefined): string {
  return valid(date) ? utcDate.format(date) : "—";
}

/** The day of a moment in Rome, "06/12/2026"; null → "—". */
export function formatInstantDate(instant: Date | null | undefined): string {
  return valid(instant) ? romeDate.format(instant) : "—";
}

/** The time of a moment in Rome, "00:29"; null → "—". */
export function formatInstantTime(instant: Date | null | undefined): string {
  return valid(instant) ? romeTime.format(instant) : "—";
}

/** A moment in Rome, "06/12/2026 00:29" (the audit log, its CSV export, histories); null → "—". */
export function formatDateTime(instant: Date | null | undefined): string {
  return valid(instant) ? `${romeDate.format(instant)} ${romeTime.format(instant)}` : "—";
}

/** A moment in Rome as Intl writes it, "06/12/2026, 00:29" (the public Smart Land page); null → "—". */
export function formatTimestamp(instant: Date | null | undefined): string {
  return valid(instant) ? `${romeDate.format(instant)}, ${romeTime.format(instant)}` : "—";
}

/** Whether a calendar date (a due date) lies before Rome's today: due yesterday is late, due today is not. */
export function isPastDue(dueDate: Date | null | undefined, now: Date = new Date()): boolean {
  return valid(dueDate) && dueDate.getTime() < romeTodayDate(now).getTime();
}
