import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { csvStream, exportResponse, type ExportColumn } from "@/lib/export/table-export";
import { AppError } from "@/lib/errors";
import { romeToday } from "@/lib/format";
import { paramValue } from "@/lib/http/search-params";
import { auditActionLabel, auditEntityLabel, auditRoleLabel, formatDateTime } from "@/lib/format/audit";
import { auditExportFilters, auditPages, type AuditRow, type AuditSearchParams } from "./list-audit";

/** One line per changed field (an event without fields is one line with the field columns empty). */
type AuditLine = { row: AuditRow; field: string; before: string; after: string };

const COLUMNS: ExportColumn<AuditLine>[] = [
  { header: "Data e ora", value: (l) => formatDateTime(l.row.createdAt) },
  { header: "Utente", value: (l) => l.row.actorName },
  { header: "Ruolo", value: (l) => (l.row.actorRole ? auditRoleLabel(l.row.actorRole) : null) },
  { header: "Comune", value: (l) => l.row.comuneName },
  { header: "Codice ISTAT comune", value: (l) => l.row.comuneIstat },
  { header: "Oggetto", value: (l) => auditEntityLabel(l.row.entity) },
  { header: "Identificativo", value: (l) => l.row.entityId },
  { header: "Azione", value: (l) => auditActionLabel(l.row.action) },
  { header: "Campo", value: (l) => l.field },
  { header: "Prima", value: (l) => l.before },
  { header: "Dopo", value: (l) => l.after },
  // Repeated events (refusals, failed logins) are one row per minute with a count (lib/audit/repeated.ts).
  { header: "Ripetizioni", value: (l) => l.row.count },
  { header: "ID evento", value: (l) => l.row.id },
  { header: "ID richiesta", value: (l) => l.row.requestId },
];

async function* lines(pages: AsyncIterable<AuditRow[]>): AsyncGenerator<AuditLine[]> {
  for await (const rows of pages) {
    yield rows.flatMap((row) =>
      row.changes.length
        ? row.changes.map((c) => ({ row, field: c.label, before: c.before, after: c.after }))
        : [{ row, field: "", before: "", after: "" }],
    );
  }
}

/**
 * The audit log of the current filters as a CSV for Italian Excel (lib/export: BOM, ";", formulas
 * neutralised), streamed page by page. Authorization and filters are checked before the stream starts,
 * so a refusal is a plain 404 and bad filters a 422.
 */
export async function exportAudit(actor: Actor, params: AuditSearchParams): Promise<Response> {
  // A filter the viewer would ignore (a control character, an absurd length) is refused here rather than
  // ignored: an export must not silently widen to the whole log. Checked before the stream starts.
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && paramValue(value) === undefined) {
      throw new AppError("INVALID", "Alcuni filtri non sono validi.", { [name]: ["Valore non valido."] });
    }
  }
  const filters = await auditExportFilters(actor, params);
  return exportResponse(
    "csv",
    `registro-attivita-${romeToday()}`,
    csvStream(COLUMNS, lines(auditPages(actor, filters))),
  );
}
