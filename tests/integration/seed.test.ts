import { afterAll, describe, expect, it } from "vitest";
import {
  createSeedClient,
  seedAdherence,
  seedDemoProgramme,
  seedDocuments,
  seedReference,
  seedSmartLand,
  seedStreams,
  seedUsers,
} from "@/prisma/seed/index";
import { isValidCig, isValidCup } from "@/lib/validation/identifiers";
import { ownerQuery } from "./helpers";

const TABLES = [
  "Document",
  "DocumentChunk",
  "Province",
  "Comune",
  "SmartLand",
  "SmartLandMember",
  "Stream",
  "User",
  "Project",
  "ProjectPartner",
  "FundingLine",
  "Action",
  "Indicator",
  "Adherence",
  "LocalPlan",
  "LocalPlanEvent",
];

async function snapshot() {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await ownerQuery<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, md5(COALESCE(string_agg(t::text, ',' ORDER BY t::text), '')) AS sum FROM "${table}" t`,
    );
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}

describe("seed", () => {
  const prisma = createSeedClient(process.env.DATABASE_URL);
  afterAll(() => prisma.$disconnect());

  it("loads the reference data and the demo programme", async () => {
    const [counts] = await ownerQuery<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM "Comune") AS comuni, (SELECT count(*)::int FROM "Province") AS provinces,
              (SELECT count(*)::int FROM "Comune" WHERE member) AS members,
              (SELECT count(*)::int FROM "SmartLandMember") AS smart_land_members,
              (SELECT count(*)::int FROM "Stream") AS streams`,
    );
    expect(counts).toEqual({
      comuni: 1503,
      provinces: 12,
      members: 14,
      smart_land_members: 14,
      streams: counts.streams,
    });
    expect(counts.streams).toBeGreaterThanOrEqual(8);
    const perComune = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" GROUP BY "comuneIstat"`,
    );
    expect(perComune).toHaveLength(14);
    for (const r of perComune) {
      expect(r.n).toBeGreaterThanOrEqual(5);
      expect(r.n).toBeLessThanOrEqual(15);
    }
    const cups = await ownerQuery<{ cup: string }>(`SELECT cup FROM "Project" WHERE cup IS NOT NULL`);
    expect(cups.length).toBeGreaterThan(50);
    for (const { cup } of cups) expect(isValidCup(cup), cup).toBe(true);
    const cigs = await ownerQuery<{ cig: string; kind: string }>(
      `SELECT cig, kind FROM "Action" WHERE cig IS NOT NULL`,
    );
    expect(cigs.length).toBeGreaterThan(10);
    for (const { cig, kind } of cigs) {
      expect(isValidCig(cig), cig).toBe(true);
      expect(kind).toBe("PROCUREMENT");
    }
    const [{ sources }] = await ownerQuery<{ sources: number }>(
      `SELECT count(DISTINCT source)::int AS sources FROM "FundingLine"`,
    );
    expect(sources).toBeGreaterThanOrEqual(5);
    const streams = await ownerQuery<{ values: string[] }>(`SELECT "values"::text[] AS values FROM "Stream"`);
    for (const s of streams) expect(s.values.length).toBeGreaterThan(0);
  });

  it("tells the Sud Est Milano adherence story: 14 acts, plans mostly approved, one returned, some under review", async () => {
    const [acts] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "Adherence"`);
    expect(acts.n).toBe(14);
    const byStatus = Object.fromEntries(
      (
        await ownerQuery<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM "LocalPlan" GROUP BY status`,
        )
      ).map((r) => [r.status, r.n]),
    );
    expect(byStatus).toMatchObject({ RETURNED: 1, SUBMITTED: 2, DRAFT: 2 });
    expect(byStatus.APPROVED).toBeGreaterThan(byStatus.SUBMITTED + byStatus.DRAFT + byStatus.RETURNED);
    const [returned] = await ownerQuery<{ comment: string }>(
      `SELECT comment FROM "LocalPlanEvent" WHERE kind = 'RETURNED'`,
    );
    expect(returned.comment.length).toBeGreaterThan(10);
  });

  it("is idempotent: running it again changes nothing", async () => {
    const before = await snapshot();
    await seedReference(prisma);
    await seedStreams(prisma);
    await seedSmartLand(prisma);
    await seedUsers(prisma);
    const programme = await seedDemoProgramme(prisma);
    expect(programme).toMatchObject({ projects: 0, fundingLines: 0, actions: 0, indicators: 0 });
    expect(await seedAdherence(prisma)).toEqual({ adherences: 0, localPlans: 0, localPlanEvents: 0 });
    expect(await seedDocuments(prisma)).toEqual({ documents: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
