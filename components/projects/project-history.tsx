import type { ProjectHistoryEvent } from "@/lib/audit/project-history";
import {
  auditActionLabel,
  auditChanges,
  auditEntityLabel,
  auditRoleLabel,
  formatDateTime,
  type AuditChange,
} from "@/lib/format/audit";

/** An event with its changes read out (lib/audit/project-history.ts), or raw (read here, without names). */
type Event = Omit<ProjectHistoryEvent, "changes" | "entityId"> &
  ({ changes: AuditChange[] } | { before: unknown; after: unknown });

/** The "Cronologia" of a project: who changed what, with the fields before and after. */
export function ProjectHistory({ events }: { events: Event[] }) {
  if (!events.length) return <p className="text-sm text-slate-700">Nessuna modifica registrata.</p>;
  return (
    <ol className="space-y-3">
      {events.map((e) => {
        const changes = "changes" in e ? e.changes : auditChanges(e.before, e.after, { entity: e.entity });
        return (
          <li key={String(e.id)} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
            <p>
              <span className="font-medium">{formatDateTime(e.createdAt)}</span> ·{" "}
              {auditEntityLabel(e.entity)}: {auditActionLabel(e.action).toLowerCase()} · {e.actorName ?? "—"}
              {e.actorRole ? ` (${auditRoleLabel(e.actorRole)})` : ""}
            </p>
            {changes.length && e.action !== "CREATE" && e.action !== "DELETE" ? (
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {changes.map((c) => (
                  <li key={c.field}>
                    {c.label}: {c.before} → {c.after}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
