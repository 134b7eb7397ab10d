import "server-only";
import { Prisma, type Tx } from "@/lib/db";
import type { AuditEntity } from "@/lib/format/audit";

export type AuditActor = { userId: string | null; role: string; comuneIstat: string | null; name?: string };
export type AuditAction =
  | "CREATE"
  | "UPDATE"
  | "DELETE"
  | "RESTORE"
  | "PUBLISH"
  | "UNPUBLISH"
  | "SUBMIT"
  | "APPROVE"
  | "RETURN"
  | "OPEN"
  | "CLOSE"
  | "VALIDATE";
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// Bookkeeping columns that change on every write and say nothing to a reader of the history.
const IGNORED = new Set(["updatedAt", "createdAt", "version"]);

/** Plain JSON for the audit log: decimals as strings, dates as ISO dates (or timestamps). */
export function toAuditJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === "object") {
    // decimal.js's own test: instanceof, or its tag (another copy of the class, e.g. in a bundle).
    if (Prisma.Decimal.isDecimal(value)) return String(value);
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!IGNORED.has(k)) out[k] = toAuditJson(v);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** Only the fields that changed, on both sides. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b = toAuditJson(before) as Record<string, Json>;
  const a = toAuditJson(after) as Record<string, Json>;
  const changedBefore: Record<string, Json> = {};
  const changedAfter: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null)) {
      changedBefore[key] = b[key] ?? null;
      changedAfter[key] = a[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}

/** One change to record; `before`/`after` are turned into plain JSON (toAuditJson) on the way in. */
export type AuditEventInput = {
  entity: AuditEntity;
  entityId: string;
  action: AuditAction | string;
  comuneIstat: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const CHUNK = 2_000;

/**
 * The one writer of individual audit events (changes, logins, logouts, a whole import): inside the
 * caller's transaction, so the change and its record commit together. A plain INSERT with the events as
 * one JSON parameter per 2,000 (no RETURNING: writing events never needs the right to read the log).
 * Events anyone can repeat at will go through `recordRepeated` (./repeated.ts) instead.
 */
export async function recordAudit(
  tx: Tx,
  actor: AuditActor,
  events: AuditEventInput | readonly AuditEventInput[],
): Promise<void> {
  const rows = (Array.isArray(events) ? events : [events]).map((e: AuditEventInput) => ({
    comuneIstat: e.comuneIstat,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    before: e.before ? toAuditJson(e.before) : null,
    after: e.after ? toAuditJson(e.after) : null,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("actorId", "actorName", "actorRole", "comuneIstat", entity, "entityId", action,
        before, after)
      SELECT ${actor.userId}::uuid, ${actor.name ?? null}, ${actor.role}, v."comuneIstat", v.entity, v."entityId",
        v.action, v.before, v.after
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) AS v("comuneIstat" text,
        entity text, "entityId" text, action text, before jsonb, after jsonb)`;
  }
}
