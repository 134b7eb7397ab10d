import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";

/** The change history of one project and of its resources, actions and indicators, newest first. */
export async function getProjectHistory(
  actor: Actor,
  project: { id: string; comuneIstat: string },
  limit = 50,
) {
  return withActor(actor, (tx) =>
    tx.auditEvent.findMany({
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
    }),
  );
}
