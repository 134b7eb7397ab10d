import "server-only";
import { Prisma, type Tx } from "@/lib/db";

export type AuditActor = { userId: string | null; role: string; comuneIstat: string | null; name?: string };
export type AuditAction = "CREATE" | "UPDATE" | "DELETE" | "RESTORE";
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

/** Writes one audit event inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(
  tx: Tx,
  actor: AuditActor,
  event: {
    entity: string;
    entityId: string;
    action: AuditAction | string;
    comuneIstat: string | null;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
) {
  // createMany: no RETURNING, so writing an event never needs the right to read the log.
  await tx.auditEvent.createMany({
    data: {
      actorId: actor.userId,
      actorName: actor.name ?? null,
      actorRole: actor.role,
      comuneIstat: event.comuneIstat,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      before: event.before ? (toAuditJson(event.before) as object) : undefined,
      after: event.after ? (toAuditJson(event.after) as object) : undefined,
    },
  });
}
