// The import's column mapping remembered per comune (table "ImportColumnMapping", a tenant table under RLS):
// loaded before reading a comune's upload, and saved (and audited) when an officer confirms a mapping.

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import type { ColumnMapping, ColumnMatch } from "./column-mapping";
import { headerKey } from "./column-mapping";

/** The comune's remembered mapping: normalized file header → portal column (null: ignored). */
export async function loadMapping(tx: Tx, comuneIstat: string): Promise<Map<string, string | null>> {
  const rows = await tx.importColumnMapping.findMany({
    where: { comuneIstat },
    select: { header: true, column: true },
  });
  return new Map(rows.map((r) => [r.header, r.column]));
}

/**
 * Remembers the officer's choices for the headers of this file (`columns` with source "chosen") that differ
 * from what the comune remembered; one audit event per changed header.
 */
export async function saveMapping(
  tx: Tx,
  actor: Actor,
  comuneIstat: string,
  columns: readonly ColumnMatch[],
  remembered: ColumnMapping,
): Promise<void> {
  const events = [];
  for (const c of columns) {
    if (c.source !== "chosen") continue;
    const header = headerKey(c.header);
    const before = remembered.has(header) ? (remembered.get(header) ?? null) : undefined;
    if (before === c.column) continue;
    const saved = await tx.importColumnMapping.upsert({
      where: { comuneIstat_header: { comuneIstat, header } },
      create: { comuneIstat, header, fileHeader: c.header, column: c.column, updatedById: actor.userId },
      update: { fileHeader: c.header, column: c.column, updatedById: actor.userId },
      select: { id: true },
    });
    events.push({
      entity: "ImportColumnMapping" as const,
      entityId: saved.id,
      action: before === undefined ? "CREATE" : "UPDATE",
      comuneIstat,
      before: before === undefined ? null : { fileHeader: c.header, column: before },
      after: { fileHeader: c.header, column: c.column },
    });
  }
  if (events.length) await recordAudit(tx, actor, events);
}
