import { afterAll, describe, expect, it } from "vitest";
import {
  createSeedClient,
  seedAdherence,
  seedDemoProgramme,
  seedDocuments,
  seedReference,
  seedRounds,
  CLOSED_ROUND_ID,
  OPEN_ROUND_ID,
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
  "MonitoringRound",
  "RoundSubmission",
  "RoundSnapshot",
  "RoundEvent",
  "RoundProjectNote",
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

  it("tells the monitoring story: a closed round all validated, an open one submitted, returned, late", async () => {
    const statuses = async (roundId: string) =>
      Object.fromEntries(
        (
          await ownerQuery<{ status: string; n: number }>(
            `SELECT status, count(*)::int AS n FROM "RoundSubmission" WHERE "roundId" = $1 GROUP BY status`,
            [roundId],
          )
        ).map((r) => [r.status, r.n]),
      );
    const rounds = await ownerQuery<{ id: string; state: string; late: boolean }>(
      `SELECT id, state, "dueDate" < CURRENT_DATE AS late FROM "MonitoringRound" WHERE id = ANY($1::uuid[])`,
      [[CLOSED_ROUND_ID, OPEN_ROUND_ID]],
    );
    expect(Object.fromEntries(rounds.map((r) => [r.id, r.state]))).toEqual({
      [CLOSED_ROUND_ID]: "CLOSED",
      [OPEN_ROUND_ID]: "OPEN",
    });
    expect(rounds.find((r) => r.id === OPEN_ROUND_ID)!.late).toBe(true);
    expect(await statuses(CLOSED_ROUND_ID)).toEqual({ VALIDATED: 14 });
    expect(await statuses(OPEN_ROUND_ID)).toEqual({
      SUBMITTED: 3,
      RETURNED: 1,
      VALIDATED: 1,
      IN_PROGRESS: 3,
      NOT_STARTED: 6,
    });
    // Every submitted revision froze the comune's projects (as many as its SUBMITTED event counts, at least
    // one), each with the totals of its own funding lines (the statement of lib/rounds/freeze.ts). Checked
    // within the snapshot: other tests edit the live projects afterwards.
    const [frozen] = await ownerQuery<{ missing: number; wrong: number }>(
      `SELECT
         (SELECT count(*)::int FROM "RoundSubmission" s
          JOIN "RoundEvent" e ON e."submissionId" = s.id AND e.kind = 'SUBMITTED' AND e.revision = s.revision
          WHERE s.revision > 0 AND s."roundId" = ANY($1::uuid[])
            AND ((e.summary->>'projects')::int < 1 OR (e.summary->>'projects')::int <>
                 (SELECT count(*) FROM "RoundSnapshot" r WHERE r."submissionId" = s.id AND r.revision = s.revision))
         ) AS missing,
         (SELECT count(*)::int FROM "RoundSnapshot" r WHERE r."roundId" = ANY($1::uuid[]) AND r."committedCents" <>
            (SELECT COALESCE(sum(round((x->>'committed')::numeric * 100)), 0)
             FROM jsonb_array_elements(r.payload->'funding') x)) AS wrong`,
      [[CLOSED_ROUND_ID, OPEN_ROUND_ID]],
    );
    expect(frozen).toEqual({ missing: 0, wrong: 0 });
    const [returned] = await ownerQuery<{ note: string; notes: number; events: string }>(
      `SELECT s.note, (SELECT count(*)::int FROM "RoundProjectNote" n WHERE n."submissionId" = s.id) AS notes,
              (SELECT string_agg(e.kind::text, ',' ORDER BY e."createdAt") FROM "RoundEvent" e
               WHERE e."submissionId" = s.id) AS events
       FROM "RoundSubmission" s WHERE s."roundId" = $1 AND s.status = 'RETURNED'`,
      [OPEN_ROUND_ID],
    );
    expect(returned.note.length).toBeGreaterThan(10);
    expect(returned.notes).toBe(1);
    expect(returned.events).toBe("STARTED,SUBMITTED,RETURNED");
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
    expect(await seedRounds(prisma)).toEqual({
      MonitoringRound: 0,
      RoundSubmission: 0,
      RoundSnapshot: 0,
      RoundEvent: 0,
      RoundProjectNote: 0,
    });
    expect(await snapshot()).toEqual(before);
  });
});
