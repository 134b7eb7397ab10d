import { describe, expect, it } from "vitest";
import { getComuneForActor } from "@/lib/comuni/get-comune";
import { listComuni } from "@/lib/comuni/list-comuni";
import { getComuneDashboard } from "@/lib/projects/comune-dashboard";
import { getProjectForActor } from "@/lib/projects/get-project";
import { listProjects } from "@/lib/projects/list-projects";
import { getRollup } from "@/lib/rollup/get-rollup";
import {
  actorFor,
  ADMIN,
  listUsers,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

const notFound = { code: "NOT_FOUND" };

describe("tenant wall in lib/ (the first wall)", () => {
  it("an officer gets NOT_FOUND for another comune's project, its dashboard and its comune", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    const foreign = await projectOf(MELEGNANO, { notPartner: PAULLO });
    await expect(getProjectForActor(paullo, foreign.id)).rejects.toMatchObject(notFound);
    await expect(getComuneForActor(paullo, MELEGNANO)).rejects.toMatchObject(notFound);
    await expect(getComuneDashboard(paullo, MELEGNANO)).rejects.toMatchObject(notFound);
    await expect(getProjectForActor(paullo, "not-a-uuid")).rejects.toMatchObject(notFound);
  });

  it("an officer reads own projects with write access and partner projects read-only", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    const own = await projectOf(PAULLO);
    const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
    const o = await getProjectForActor(paullo, own.id);
    expect(o.access).toEqual({ canWrite: true, isPartner: false });
    const s = await getProjectForActor(paullo, shared.id);
    expect(s.access).toEqual({ canWrite: false, isPartner: true });
    expect(s.fundingLines.length).toBeGreaterThan(0);
  });

  it("listProjects returns exactly the visible projects", async () => {
    const melegnano = await actorFor(OFFICER_MELEGNANO);
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" p WHERE p."deletedAt" IS NULL AND (p."comuneIstat" = $1
         OR EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $1))`,
      [MELEGNANO],
    );
    const page = await listProjects(melegnano, { pageSize: 100 });
    expect(page.total).toBe(n);
    expect(page.items).toHaveLength(Math.min(n, 100));
  });

  it("the comune dashboard totals equal the sums computed in SQL", async () => {
    const sd = await actorFor(OFFICER_SAN_DONATO);
    const d = await getComuneDashboard(sd, SAN_DONATO);
    const [sql] = await ownerQuery<{ projects: number; cost: string; planned: string; paid: string }>(
      `SELECT (SELECT count(*)::int FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL) AS projects,
              (SELECT sum("totalCost")::text FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL) AS cost,
              (SELECT sum(f."amountPlanned")::text FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId"
                WHERE f."comuneIstat" = $1 AND p."deletedAt" IS NULL) AS planned,
              (SELECT sum(f."amountPaid")::text FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId"
                WHERE f."comuneIstat" = $1 AND p."deletedAt" IS NULL) AS paid`,
      [SAN_DONATO],
    );
    expect(d.projectCount).toBe(sql.projects);
    expect(Number(d.totalCost)).toBeCloseTo(Number(sql.cost), 2);
    expect(Number(d.funding.planned)).toBeCloseTo(Number(sql.planned), 2);
    expect(Number(d.funding.paid)).toBeCloseTo(Number(sql.paid), 2);
    expect(d.projectsByStatus.length).toBeGreaterThan(1);
    // The rest of the dashboard (one raw statement, lib/projects/comune-dashboard.ts), against the owner's
    // own queries: overdue actions (Rome's today), partner projects, by stream, by year, actions by status.
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Rome" });
    const [o] = await ownerQuery<{
      overdue: string[];
      overdue_count: number;
      partners: number;
      streams: { code: string; count: number }[];
      years: { year: number; planned: string }[];
      actions: number;
    }>(
      `WITH live AS (SELECT id, "streamId" FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL),
            od AS (SELECT a.id, a."dueDate" FROM "Action" a JOIN live p ON p.id = a."projectId"
                   WHERE a.status <> 'DONE' AND a."doneDate" IS NULL AND a."dueDate" < $2::date)
       SELECT (SELECT array_agg(id::text ORDER BY "dueDate", id) FROM (SELECT * FROM od ORDER BY "dueDate", id LIMIT 10) x) AS overdue,
              (SELECT count(*)::int FROM od) AS overdue_count,
              (SELECT count(DISTINCT p.id)::int FROM "Project" p JOIN "ProjectPartner" pp ON pp."projectId" = p.id
                WHERE pp."partnerIstat" = $1 AND p."deletedAt" IS NULL) AS partners,
              (SELECT json_agg(x ORDER BY x.code) FROM (SELECT s.code, count(*)::int AS count FROM live p
                JOIN "Stream" s ON s.id = p."streamId" GROUP BY s.code) x) AS streams,
              (SELECT json_agg(x ORDER BY x.year) FROM (SELECT f.year, sum(f."amountPlanned")::text AS planned
                FROM "FundingLine" f JOIN live p ON p.id = f."projectId" GROUP BY f.year) x) AS years,
              (SELECT count(*)::int FROM "Action" a JOIN live p ON p.id = a."projectId") AS actions`,
      [SAN_DONATO, today],
    );
    expect(d.overdueActions.map((a) => a.id)).toEqual(o!.overdue ?? []);
    expect(d.overdueCount).toBe(o!.overdue_count);
    expect(d.partnerProjectCount).toBe(o!.partners);
    expect(d.byStream.map((r) => ({ code: r.code, count: r.count }))).toEqual(o!.streams);
    expect(d.byYear.map((r) => ({ year: r.year, planned: Number(r.planned) }))).toEqual(
      o!.years.map((r) => ({ year: r.year, planned: Number(r.planned) })),
    );
    expect(d.actionsByStatus.reduce((n, r) => n + r.count, 0)).toBe(o!.actions);
    for (const a of d.overdueActions) expect(a.dueDate).toBeInstanceOf(Date);
  });

  it("a coordinator reads every comune and the regional overview; an officer does not", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const foreign = await projectOf(MELEGNANO);
    const p = await getProjectForActor(coordinator, foreign.id);
    expect(p.access.canWrite).toBe(false);
    const overview = await getRollup(coordinator, {});
    const milano = overview.byProvince.find((r) => r.key === "015");
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE "deletedAt" IS NULL`,
    );
    expect(milano?.projects).toBe(n);
    expect(overview.bySmartLand[0]).toMatchObject({ key: "sud-est-milano", projects: n });
    expect(overview.totals.comuni).toBe(14);
    const officer = await actorFor(OFFICER_PAULLO);
    await expect(getRollup(officer, {})).rejects.toMatchObject(notFound);
  });

  it("administration lists are for administrators only", async () => {
    const admin = await actorFor(ADMIN);
    const comuni = await listComuni(admin, { q: "Paullo" });
    expect(comuni.items.map((c) => c.istat)).toContain(PAULLO);
    expect(comuni.members).toBe(14);
    const users = await listUsers(admin);
    expect(users.length).toBeGreaterThanOrEqual(4);
    expect(users[0]).not.toHaveProperty("passwordHash");
    for (const email of [COORDINATOR, OFFICER_PAULLO]) {
      const actor = await actorFor(email);
      await expect(listComuni(actor)).rejects.toMatchObject(notFound);
      await expect(listUsers(actor)).rejects.toMatchObject(notFound);
    }
  });
});
