import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { auditChanges, type AuditChange } from "@/lib/format/audit";
import { resolveAuditNames } from "./audit-names";

/** One event of a project's history, with its changes read out (labels, values, names). */
export type ProjectHistoryEvent = {
  id: bigint;
  entity: string;
  entityId: string;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  createdAt: Date;
  changes: AuditChange[];
};

/**
 * The change history of one project and of its resources, actions and indicators, newest first, each
 * event's changes readable: the filone, Smart Land and partner comuni by name, resolved in the same
 * transaction under the actor's row-level security (what the actor may not see is "(non visibile)").
 */
export async function getProjectHistory(
  actor: Actor,
  project: { id: string; comuneIstat: string },
  limit = 50,
): Promise<ProjectHistoryEvent[]> {
  return withActor(actor, async (tx) => {
    const events = await tx.auditEvent.findMany({
      where: {
        comuneIstat: project.comuneIstat,
        OR: [
          { entity: "Project", entityId: project.id },
          { after: { path: ["projectId"], equals: project.id } },
          { before: { path: ["projectId"], equals: project.id } },
        ],
      },
      orderBy: { id: "desc" },
      take: limit,
      select: {
        id: true,
        entity: true,
        entityId: true,
        action: true,
        actorName: true,
        actorRole: true,
        before: true,
        after: true,
        createdAt: true,
      },
    });
    const names = await resolveAuditNames(tx, events);
    return events.map(({ before, after, ...e }) => ({
      ...e,
      changes: auditChanges(before, after, { entity: e.entity, names }),
    }));
  });
}
