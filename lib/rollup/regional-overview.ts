import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type AreaTotals = {
  key: string;
  name: string;
  comuni: number;
  projects: number;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
};

type Row = {
  key: string;
  name: string;
  comuni: bigint;
  projects: bigint;
  total_cost: string;
  planned: string;
  committed: string;
  paid: string;
};

const toTotals = (r: Row): AreaTotals => ({
  key: r.key,
  name: r.name,
  comuni: Number(r.comuni),
  projects: Number(r.projects),
  totalCost: r.total_cost,
  planned: r.planned,
  committed: r.committed,
  paid: r.paid,
});

/** Totals per province and per Smart Land, for the coordinator's landing page. */
export async function getRegionalOverview(actor: Actor) {
  if (!can(actor, "rollup.read")) throw notFound();
  return withActor(actor, async (tx) => {
    const byProvince = await tx.$queryRaw<Row[]>`
      WITH p AS (
        SELECT pr."comuneIstat", count(*) AS projects, sum(pr."totalCost") AS total_cost
        FROM "Project" pr WHERE pr."deletedAt" IS NULL GROUP BY pr."comuneIstat"),
      f AS (
        SELECT fl."comuneIstat", sum(fl."amountPlanned") AS planned, sum(fl."amountCommitted") AS committed,
               sum(fl."amountPaid") AS paid
        FROM "FundingLine" fl JOIN "Project" pr ON pr.id = fl."projectId" AND pr."deletedAt" IS NULL
        GROUP BY fl."comuneIstat")
      SELECT pv.istat AS key, pv.name, count(c.istat) FILTER (WHERE c.member) AS comuni,
             COALESCE(sum(p.projects), 0)::bigint AS projects,
             COALESCE(sum(p.total_cost), 0)::text AS total_cost, COALESCE(sum(f.planned), 0)::text AS planned,
             COALESCE(sum(f.committed), 0)::text AS committed, COALESCE(sum(f.paid), 0)::text AS paid
      FROM "Province" pv JOIN "Comune" c ON c."provinceIstat" = pv.istat
      LEFT JOIN p ON p."comuneIstat" = c.istat LEFT JOIN f ON f."comuneIstat" = c.istat
      GROUP BY pv.istat, pv.name ORDER BY pv.istat`;
    const bySmartLand = await tx.$queryRaw<Row[]>`
      WITH p AS (
        SELECT pr."comuneIstat", count(*) AS projects, sum(pr."totalCost") AS total_cost
        FROM "Project" pr WHERE pr."deletedAt" IS NULL GROUP BY pr."comuneIstat"),
      f AS (
        SELECT fl."comuneIstat", sum(fl."amountPlanned") AS planned, sum(fl."amountCommitted") AS committed,
               sum(fl."amountPaid") AS paid
        FROM "FundingLine" fl JOIN "Project" pr ON pr.id = fl."projectId" AND pr."deletedAt" IS NULL
        GROUP BY fl."comuneIstat")
      SELECT sl.slug AS key, sl.name || ' – ' || sl.phase AS name, count(m."comuneIstat") AS comuni,
             COALESCE(sum(p.projects), 0)::bigint AS projects,
             COALESCE(sum(p.total_cost), 0)::text AS total_cost, COALESCE(sum(f.planned), 0)::text AS planned,
             COALESCE(sum(f.committed), 0)::text AS committed, COALESCE(sum(f.paid), 0)::text AS paid
      FROM "SmartLand" sl JOIN "SmartLandMember" m ON m."smartLandId" = sl.id
      LEFT JOIN p ON p."comuneIstat" = m."comuneIstat" LEFT JOIN f ON f."comuneIstat" = m."comuneIstat"
      GROUP BY sl.slug, sl.name, sl.phase ORDER BY sl.name`;
    return { byProvince: byProvince.map(toTotals), bySmartLand: bySmartLand.map(toTotals) };
  });
}
