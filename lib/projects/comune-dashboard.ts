import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { sharedLru } from "@/lib/cache/lru";
import { inOrder, withActor } from "@/lib/db";
import { romeToday, romeTodayDate } from "@/lib/format";
import type { ActionStatus, FundingSource, ProjectStatus } from "@/lib/generated/prisma/enums";
import { getComuneWithRevision, type ComuneWithArea } from "@/lib/comuni/get-comune";
import { compareDecimals, sumMoney } from "@/lib/money";

export type ComuneDashboard = {
  projectsByStatus: { status: ProjectStatus; count: number; totalCost: string }[];
  projectCount: number;
  totalCost: string;
  fundingBySource: { source: FundingSource; planned: string; committed: string; paid: string }[];
  funding: { planned: string; committed: string; paid: string };
  overdueActions: {
    id: string;
    title: string;
    dueDate: Date | null;
    projectId: string;
    projectTitle: string;
  }[];
  overdueCount: number;
  partnerProjectCount: number;
  byStream: {
    streamId: string;
    code: string;
    name: string;
    count: number;
    totalCost: string;
    planned: string;
  }[];
  byYear: { year: number; planned: string; committed: string; paid: string }[];
  actionsByStatus: { status: ActionStatus; count: number }[];
};

/**
 * The figures of one comune's landing page (own projects only; partner projects are counted apart), with
 * the comune itself. One revision lookup decides both cached parts.
 */
export async function getComuneDashboard(
  actor: Actor,
  istat: string,
  today = new Date(),
): Promise<ComuneDashboard & { comune: ComuneWithArea }> {
  // The access decision, before any cached figure is returned.
  const { comune, revisionKey } = await getComuneWithRevision(actor, istat);
  // The figures are the same for everyone allowed to see them; the key changes with every write to the
  // comune (a trigger bumps its revision in the same transaction) and with Rome's day (overdue actions).
  const key = `${revisionKey}:${romeToday(today)}`;
  let figures = dashboards.get(key);
  if (!figures) {
    figures = await computeComuneDashboard(actor, istat, today);
    dashboards.set(key, figures);
  }
  return { ...figures, comune };
}

const dashboards = sharedLru<ComuneDashboard>("comune-dashboard", 2_000);

async function computeComuneDashboard(actor: Actor, istat: string, today: Date): Promise<ComuneDashboard> {
  const live = { comuneIstat: istat, deletedAt: null };
  const todayDate = romeTodayDate(today);
  const overdueWhere = {
    comuneIstat: istat,
    status: { not: "DONE" as const },
    doneDate: null,
    dueDate: { lt: todayDate },
    project: { deletedAt: null },
  };
  const [byStatus, bySource, overdue, overdueCount, partnerProjectCount, byStream, byYear, actionsByStatus] =
    await withActor(actor, async (tx) => {
      // One after the other: a transaction is one connection (see inOrder in lib/db).
      const byStatus = await tx.project.groupBy({
        by: ["status"],
        where: live,
        _count: { _all: true },
        _sum: { totalCost: true },
      });
      const bySource = await tx.fundingLine.groupBy({
        by: ["source"],
        where: { comuneIstat: istat, project: { deletedAt: null } },
        _sum: { amountPlanned: true, amountCommitted: true, amountPaid: true },
      });
      const rest = await inOrder([
        tx.action.findMany({
          where: overdueWhere,
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          take: 10,
          select: { id: true, title: true, dueDate: true, project: { select: { id: true, title: true } } },
        }),
        tx.action.count({ where: overdueWhere }),
        tx.project.count({ where: { deletedAt: null, partners: { some: { partnerIstat: istat } } } }),
        tx.$queryRaw<
          {
            streamId: string;
            code: string;
            name: string;
            count: number;
            total_cost: string;
            planned: string;
          }[]
        >`
        SELECT s.id AS "streamId", s.code, s.name, count(p.id)::int AS count,
               COALESCE(sum(p."totalCost"), 0)::text AS total_cost,
               COALESCE(sum((SELECT sum(f."amountPlanned") FROM "FundingLine" f WHERE f."projectId" = p.id)), 0)::text AS planned
        FROM "Project" p JOIN "Stream" s ON s.id = p."streamId"
        WHERE p."comuneIstat" = ${istat} AND p."deletedAt" IS NULL
        GROUP BY s.id, s.code, s.name ORDER BY s.code`,
        tx.$queryRaw<{ year: number; planned: string; committed: string; paid: string }[]>`
        SELECT f.year, sum(f."amountPlanned")::text AS planned, sum(f."amountCommitted")::text AS committed,
               sum(f."amountPaid")::text AS paid
        FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId" AND p."deletedAt" IS NULL
        WHERE f."comuneIstat" = ${istat} GROUP BY f.year ORDER BY f.year`,
      ]);
      const actionsByStatus = await tx.action.groupBy({
        by: ["status"],
        where: { comuneIstat: istat, project: { deletedAt: null } },
        _count: { _all: true },
      });
      return [byStatus, bySource, ...rest, actionsByStatus] as const;
    });
  const dec = (v: { toString(): string } | null | undefined) => (v ? v.toString() : "0");
  const fundingBySource = bySource
    .map((r) => ({
      source: r.source,
      planned: dec(r._sum.amountPlanned),
      committed: dec(r._sum.amountCommitted),
      paid: dec(r._sum.amountPaid),
    }))
    .sort((a, b) => compareDecimals(b.planned, a.planned));
  const projectsByStatus = byStatus.map((r) => ({
    status: r.status,
    count: r._count._all,
    totalCost: dec(r._sum.totalCost),
  }));
  return {
    projectsByStatus,
    projectCount: projectsByStatus.reduce((n, r) => n + r.count, 0),
    totalCost: sumMoney(projectsByStatus.map((r) => r.totalCost)),
    fundingBySource,
    funding: {
      planned: sumMoney(fundingBySource.map((r) => r.planned)),
      committed: sumMoney(fundingBySource.map((r) => r.committed)),
      paid: sumMoney(fundingBySource.map((r) => r.paid)),
    },
    overdueActions: overdue.map((a) => ({
      id: a.id,
      title: a.title,
      dueDate: a.dueDate,
      projectId: a.project.id,
      projectTitle: a.project.title,
    })),
    overdueCount,
    partnerProjectCount,
    byStream: byStream.map((r) => ({ ...r, totalCost: r.total_cost })),
    byYear,
    actionsByStatus: actionsByStatus.map((r) => ({ status: r.status, count: r._count._all })),
  };
}

export const OVERDUE_PAGE_SIZE = 50;

/**
 * Every overdue action of a comune («Vedi tutte» from the dashboard, which shows ten), the oldest first, a
 * page at a time; another comune's answers 404 like the dashboard.
 */
export async function listOverdueActions(actor: Actor, istat: string, page = 1, today = new Date()) {
  const { comune } = await getComuneWithRevision(actor, istat);
  const where = {
    comuneIstat: istat,
    status: { not: "DONE" as const },
    doneDate: null,
    dueDate: { lt: romeTodayDate(today) },
    project: { deletedAt: null },
  };
  const [total, rows] = await withActor(actor, async (tx) => {
    const total = await tx.action.count({ where });
    const pages = Math.max(1, Math.ceil(total / OVERDUE_PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    const rows = await tx.action.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      skip: (current - 1) * OVERDUE_PAGE_SIZE,
      take: OVERDUE_PAGE_SIZE,
      select: { id: true, title: true, dueDate: true, project: { select: { id: true, title: true } } },
    });
    return [total, rows] as const;
  });
  const pages = Math.max(1, Math.ceil(total / OVERDUE_PAGE_SIZE));
  return {
    comune,
    total,
    pages,
    page: Math.min(Math.max(1, Math.trunc(page) || 1), pages),
    actions: rows.map((a) => ({
      id: a.id,
      title: a.title,
      dueDate: a.dueDate,
      projectId: a.project.id,
      projectTitle: a.project.title,
    })),
  };
}
