import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";
import { publicationOf } from "./publication";
import { canWriteProject, visibleProjectsWhere } from "./scope";

/** The guard every project page, action and route goes through: outside the actor's scope → NOT_FOUND. */
export async function getProjectForActor(actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  if (!isUuid(id)) throw notFound();
  const project = await withActor(actor, (tx) =>
    tx.project.findFirst({
      where: { id, ...visibleProjectsWhere(actor, opts) },
      include: {
        comune: { select: { istat: true, name: true } },
        stream: { select: { id: true, code: true, name: true, theme: true } },
        smartLand: { select: { id: true, name: true, phase: true } },
        partners: { include: { partner: { select: { istat: true, name: true } } } },
        fundingLines: { orderBy: [{ year: "asc" }, { source: "asc" }, { id: "asc" }] },
        actions: {
          orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
        },
        indicators: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        publication: {
          select: {
            publishedAt: true,
            publishedVersion: true,
            planned: true,
            committed: true,
            paid: true,
            sources: true,
          },
        },
      },
    }),
  );
  if (!project) throw notFound();
  return {
    ...project,
    publication: publicationOf(project, project.publication),
    access: {
      canWrite: canWriteProject(actor, project),
      isPartner: actor.role === "OFFICER" && project.comuneIstat !== actor.comuneIstat,
    },
  };
}

export type ProjectDetail = Awaited<ReturnType<typeof getProjectForActor>>;
