// listProjects reads a page in raw SQL (lib/projects/list-projects.ts). The reference here is the Prisma
// query it replaced, built from the same scope and filter helpers: the same total, rows, values, types and
// order for every filter, sort and page, as an officer and as a coordinator.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  listProjects,
  PROJECT_SORTS,
  projectListFilters,
  type ProjectListQuery,
  type ProjectSort,
} from "@/lib/projects/list-projects";
import { ownOrPartner, visibleProjectsWhere } from "@/lib/projects/scope";
import { actorFor, comparable, COORDINATOR, OFFICER_PAULLO, ownerQuery, PAULLO, SAN_DONATO } from "./helpers";

/** The Prisma implementation listProjects had, kept as the oracle. */
async function reference(actor: Actor, query: ProjectListQuery) {
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 25)), 100);
  const page = Math.max(1, Math.trunc(query.page ?? 1) || 1);
  const sort = (query.sort ?? "updatedAt") as ProjectSort;
  const dir = query.dir ?? (sort === "updatedAt" ? "desc" : "asc");
  return withActor(actor, async (tx) => {
    const partnersOf = async (istat: string) =>
      (await tx.projectPartner.findMany({ where: { partnerIstat: istat }, select: { projectId: true } })).map(
        (r) => r.projectId,
      );
    const actorPartners = actor.role === "OFFICER" ? await partnersOf(actor.comuneIstat ?? "-") : undefined;
    const c = query.comuneIstat;
    const cp = c ? await partnersOf(c) : [];
    const byComune: Prisma.ProjectWhereInput[] = !c
      ? []
      : query.scope === "partner"
        ? [{ id: { in: cp } }]
        : query.scope === "all"
          ? [ownOrPartner(c, cp)]
          : [{ comuneIstat: c }];
    const where: Prisma.ProjectWhereInput = {
      AND: [
        visibleProjectsWhere(actor, { deleted: query.deleted, partnerIds: actorPartners }),
        ...byComune,
        ...projectListFilters(query),
      ],
    };
    const total = await tx.project.count({ where });
    const items = await tx.project.findMany({
      where,
      orderBy: [
        sort === "plannedStart" ? { plannedStart: { sort: dir, nulls: "last" } } : { [sort]: dir },
        { id: "asc" },
      ],
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
    });
    return { total, items };
  });
}

describe("listProjects", () => {
  it("answers what the Prisma query answered, for every filter, sort and page", async () => {
    const officer = await actorFor(OFFICER_PAULLO);
    const coordinator = await actorFor(COORDINATOR);
    const [stream] = await ownerQuery<{ id: string }>(
      `SELECT "streamId"::text AS id FROM "Project" WHERE "comuneIstat" = $1 LIMIT 1`,
      [SAN_DONATO],
    );
    const [cup] = await ownerQuery<{ cup: string }>(
      `SELECT cup FROM "Project" WHERE cup IS NOT NULL LIMIT 1`,
    );
    const queries: ProjectListQuery[] = [
      {},
      { comuneIstat: PAULLO },
      { comuneIstat: PAULLO, scope: "partner" },
      { comuneIstat: PAULLO, scope: "all" },
      { comuneIstat: SAN_DONATO, scope: "all" },
      { q: "scuola" },
      { q: "SCUOLA", comuneIstat: SAN_DONATO },
      { q: cup!.cup.slice(0, 6).toLowerCase() },
      { q: "%" },
      { q: "_" },
      { q: "a%b" },
      { q: "\\" },
      { q: "   " },
      { streamId: stream!.id },
      { streamId: "not-a-uuid" },
      { status: "EXECUTION" },
      { health: "AT_RISK" },
      { source: "PNRR" },
      { year: 2025 },
      { year: 2025, status: "DESIGN", source: "COMUNE" },
      { deleted: true },
      { pageSize: 7, page: 2 },
      { pageSize: 7, page: 10_000 },
      { pageSize: 0, page: -3 },
      ...PROJECT_SORTS.flatMap((sort) =>
        (["asc", "desc"] as const).map((dir): ProjectListQuery => ({ sort, dir, pageSize: 100 })),
      ),
      { sort: "plannedStart", page: 2, pageSize: 10 },
    ];
    let rows = 0;
    for (const actor of [officer, coordinator]) {
      for (const query of queries) {
        const mine = await listProjects(actor, query);
        const ref = await reference(actor, query);
        const label = `${actor.role} ${JSON.stringify(query)}`;
        expect(mine.total, label).toBe(ref.total);
        expect(comparable(mine.items), label).toEqual(comparable(ref.items));
        rows += mine.items.length;
      }
    }
    // The comparisons were about rows, not empty pages.
    expect(rows).toBeGreaterThan(500);
  });
});
