// Timestamps and dates read by raw SQL (withActorSql) as Prisma returns them. The statements send them as
// text, so node-postgres's parsing of `timestamp without time zone` in the process's local zone never
// enters: a timestamp(3) column (UTC, Prisma's convention) as ISO text, a DATE as YYYY-MM-DD.
import { Prisma } from "@/lib/generated/prisma/client";

/** A timestamp(3) column as ISO text in UTC, for a raw statement's SELECT list. */
export const isoTimestamp = (column: string) =>
  Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** ISO text (isoTimestamp) or a DATE's YYYY-MM-DD as the Date Prisma returns (dates at UTC midnight). */
export function dateFromSql(text: string): Date;
export function dateFromSql(text: string | null): Date | null;
export function dateFromSql(text: string | null): Date | null {
  if (text === null) return null;
  return new Date(text.length === 10 ? `${text}T00:00:00.000Z` : text);
}
