import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inOrder, withActor } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FundingSource, Health, ProjectStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { ownOrPartner, partnerProjectIds, visibleProjectsWhere } from "./scope";
import { storableText } from "@/lib/validation/text";

export const PROJECT_SORTS = ["updatedAt", "title", "totalCost", "status", "plannedStart"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export type ProjectListQuery = {
  page?: number;
  pageSize?: number;
  /** The comune whose workspace lists: its own projects and those where it is a partner. */
  comuneIstat?: string;
  /** own: owned by comuneIstat; partner: where comuneIstat is a partner; all: both. */
  scope?: "own" | "partner" | "all";
  q?: string;
  streamId?: string;
  status?: ProjectStatus;
  health?: Health;
  source?: FundingSource;
  year?: number;
  deleted?: boolean;
  sort?: ProjectSort;
  dir?: "asc" | "desc";
};

export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 1_000_000;

/** `partnerIds`: the projects where `query.comuneIstat` is a partner (see ownOrPartner). */
function filters(query: ProjectListQuery, partnerIds: string[]): Prisma.ProjectWhereInput[] {
  const where: Prisma.ProjectWhereInput[] = [];
  // Search text and codes come from the URL: characters PostgreSQL cannot store cannot match anything.
  const c = query.comuneIstat && storableText(query.comuneIstat);
  if (c) {
    if (query.scope === "partner") where.push({ id: { in: partnerIds } });
    else if (query.scope === "all") where.push(ownOrPartner(c, partnerIds));
    else where.push({ comuneIstat: c });
  }
  const q = query.q && storableText(query.q).trim();
  if (q) {
    where.push({
      OR: [
        { title: { contains: q, mode: "insensitive" } },
        { cup: { startsWith: q.toUpperCase() } },
        { localCode: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.streamId && isUuid(query.streamId)) where.push({ streamId: query.streamId });
  if (query.status) where.push({ status: query.status });
  if (query.health) where.push({ health: query.health });
  if (query.source) where.push({ fundingLines: { some: { source: query.source } } });
  if (query.year) {
    // Active in that year: started (or planned to start) by its end and not ended before its start.
    const start = new Date(Date.UTC(query.year, 0, 1));
    const end = new Date(Date.UTC(query.year, 11, 31));
    where.push(
      { plannedStart: { lte: end } },
      { OR: [{ plannedEnd: null }, { plannedEnd: { gte: start } }] },
    );
  }
  return where;
}

/**
 * The list's own filters (search, filone, stato, andamento, fonte, anno), without its scope: what the
 * comune's export applies to its own projects, so it holds exactly what the filtered list shows.
 */
export function projectListFilters(
  query: Pick<ProjectListQuery, "q" | "streamId" | "status" | "health" | "source" | "year">,
): Prisma.ProjectWhereInput[] {
  return filters({ ...query, comuneIstat: undefined }, []);
}

/** A page of the projects the actor may read, filtered and sorted, with a stable tie-break on id. */
export async function listProjects(actor: Actor, query: ProjectListQuery = {}) {
  if (query.comuneIstat) query = { ...query, comuneIstat: storableText(query.comuneIstat) };
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 25)), MAX_PAGE_SIZE);
  // A page past the last is empty; past MAX_PAGE it would overflow the database's OFFSET (a 500).
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1) || 1), MAX_PAGE);
  const sort = PROJECT_SORTS.includes(query.sort as ProjectSort) ? (query.sort as ProjectSort) : "updatedAt";
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : sort === "updatedAt" ? "desc" : "asc";
  const orderBy: Prisma.ProjectOrderByWithRelationInput[] = [
    sort === "plannedStart" ? { plannedStart: { sort: dir, nulls: "last" } } : { [sort]: dir },
    { id: "asc" },
  ];
  const [total, items] = await withActor(actor, async (tx) => {
    const actorPartners =
      actor.role === "OFFICER" ? await partnerProjectIds(tx, actor.comuneIstat ?? "-") : undefined;
    const queryPartners =
      !query.comuneIstat || query.comuneIstat === actor.comuneIstat
        ? (actorPartners ?? (query.comuneIstat ? await partnerProjectIds(tx, query.comuneIstat) : []))
        : await partnerProjectIds(tx, query.comuneIstat);
    const where: Prisma.ProjectWhereInput = {
      AND: [
        visibleProjectsWhere(actor, { deleted: query.deleted, partnerIds: actorPartners }),
        ...filters(query, queryPartners),
      ],
    };
    return inOrder([
      tx.project.count({ where }),
      tx.project.findMany({
        where,
        orderBy,
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
          deletedAt: true,
          stream: { select: { code: true, name: true } },
          comune: { select: { name: true } },
        },
      }),
    ]);
  });
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
