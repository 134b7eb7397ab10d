import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleProjectsWhere } from "./scope";

export type ProjectListQuery = {
  page?: number;
  pageSize?: number;
  comuneIstat?: string;
};

export const MAX_PAGE_SIZE = 100;

/** A page of the projects the actor may read, newest first with a stable tie-break on id. */
export async function listProjects(actor: Actor, query: ProjectListQuery = {}) {
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 25)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const where: Prisma.ProjectWhereInput = {
    AND: [visibleProjectsWhere(actor), query.comuneIstat ? { comuneIstat: query.comuneIstat } : {}],
  };
  const [total, items] = await withActor(actor, (tx) =>
    Promise.all([
      tx.project.count({ where }),
      tx.project.findMany({
        where,
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: {
          id: true,
          comuneIstat: true,
          title: true,
          cup: true,
          localCode: true,
          totalCost: true,
          status: true,
          health: true,
          progress: true,
          plannedStart: true,
          plannedEnd: true,
          version: true,
          updatedAt: true,
          stream: { select: { code: true, name: true } },
          comune: { select: { name: true } },
        },
      }),
    ]),
  );
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
