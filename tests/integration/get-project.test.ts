// getProjectForActor reads a project and its children in one raw statement (lib/projects/get-project.ts).
// The reference here is the Prisma query it replaced: the same records, values, types and order, for every
// kind of project the demo data has (partners, a publication copy, indicators without values, actions
// without a due date, deleted ones), whatever the process's time zone; and the same scope.
import { afterEach, describe, expect, it } from "vitest";
import { withActor } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { getProjectForActor } from "@/lib/projects/get-project";
import { visibleProjectsWhere } from "@/lib/projects/scope";
import {
  actorFor,
  COORDINATOR,
  MELEGNANO,
  OFFICER_PAULLO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
  comparable,
} from "./helpers";

const REFERENCE_INCLUDE = {
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
} satisfies Prisma.ProjectInclude;

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

async function sampleIds(): Promise<string[]> {
  const pick = async (where: string) =>
    (
      await ownerQuery<{ id: string }>(
        `SELECT p.id::text FROM "Project" p WHERE ${where} ORDER BY p.id LIMIT 3`,
      )
    ).map((r) => r.id);
  const ids = [
    ...(await pick(`EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id)`)),
    ...(await pick(`EXISTS (SELECT 1 FROM "PublicProject" x WHERE x."projectId" = p.id)`)),
    ...(await pick(`EXISTS (SELECT 1 FROM "Indicator" x WHERE x."projectId" = p.id AND x.baseline IS NULL)`)),
    ...(await pick(
      `EXISTS (SELECT 1 FROM "Indicator" x WHERE x."projectId" = p.id AND x.actual IS NOT NULL)`,
    )),
    ...(await pick(`EXISTS (SELECT 1 FROM "Action" x WHERE x."projectId" = p.id AND x."dueDate" IS NULL)`)),
    ...(await pick(
      `EXISTS (SELECT 1 FROM "Action" x WHERE x."projectId" = p.id AND x."doneDate" IS NOT NULL)`,
    )),
    ...(await pick(`"smartLandId" IS NOT NULL AND "actualStart" IS NOT NULL`)),
    ...(await pick(`NOT EXISTS (SELECT 1 FROM "FundingLine" x WHERE x."projectId" = p.id)`)),
    ...(await pick(`"comuneIstat" IN ('${SAN_DONATO}', '${PAULLO}', '${MELEGNANO}')`)),
  ];
  return [...new Set(ids)];
}

describe("getProjectForActor", () => {
  it("returns what the Prisma query returned, in any time zone", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const ids = await sampleIds();
    expect(ids.length).toBeGreaterThanOrEqual(8);
    let partners = 0;
    let published = 0;
    for (const [n, id] of ids.entries()) {
      // The raw read never goes through the process's zone (timestamps travel as text): try three.
      process.env.TZ = ["UTC", "Europe/Rome", "Pacific/Kiritimati"][n % 3];
      const reference = await withActor(coordinator, (tx) =>
        tx.project.findFirst({
          where: { id, ...visibleProjectsWhere(coordinator) },
          include: REFERENCE_INCLUDE,
        }),
      );
      expect(reference).not.toBeNull();
      const { publication, access, ...mine } = await getProjectForActor(coordinator, id);
      const { publication: copy, partners: refPartners, ...rest } = reference!;
      expect(comparable(mine)).toEqual(
        comparable({
          ...rest,
          partners: [...refPartners].sort((a, b) => a.partnerIstat.localeCompare(b.partnerIstat)),
        }),
      );
      expect(access).toEqual({ canWrite: false, isPartner: false });
      expect(publication.state === "draft").toBe(copy === null);
      partners += refPartners.length > 0 ? 1 : 0;
      published += copy ? 1 : 0;
    }
    // The sample did cover the kinds it was meant to.
    expect(partners).toBeGreaterThan(0);
    expect(published).toBeGreaterThan(0);
  });

  it("keeps the scope: own, partner, deleted, another comune's", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    const own = await projectOf(PAULLO);
    const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
    const foreign = await projectOf(MELEGNANO, { notPartner: PAULLO });
    expect((await getProjectForActor(paullo, own.id)).access).toEqual({ canWrite: true, isPartner: false });
    expect((await getProjectForActor(paullo, shared.id)).access).toEqual({
      canWrite: false,
      isPartner: true,
    });
    await expect(getProjectForActor(paullo, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A live project is not found among the deleted ones, and a random id is not found at all.
    await expect(getProjectForActor(paullo, own.id, { deleted: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getProjectForActor(paullo, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [deleted] = await ownerQuery<{ id: string }>(
      `SELECT id::text FROM "Project" WHERE "deletedAt" IS NOT NULL AND "comuneIstat" = $1 LIMIT 1`,
      [PAULLO],
    );
    if (deleted) {
      await expect(getProjectForActor(paullo, deleted.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await getProjectForActor(paullo, deleted.id, { deleted: true })).deletedAt).toBeInstanceOf(
        Date,
      );
    }
  });
});
