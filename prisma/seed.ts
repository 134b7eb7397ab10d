// Demo seed: `npx tsx prisma/seed.ts` with DATABASE_URL = the database owner (RLS does not apply).
// Idempotent: fixed ids and insert-if-missing everywhere, so a rerun inserts and changes nothing.
import {
  createSeedClient,
  seedAdherence,
  seedDemoProgramme,
  seedDocuments,
  seedProgrammePlan,
  seedPhases,
  seedReference,
  seedRounds,
  seedSmartLand,
  seedStreams,
  seedUsers,
} from "./seed/index";

async function main() {
  const started = performance.now();
  const prisma = createSeedClient();
  try {
    const steps: [string, () => Promise<Record<string, unknown>>][] = [
      ["reference", () => seedReference(prisma)],
      ["streams", async () => ({ streams: (await seedStreams(prisma)).streams })],
      [
        "smart land",
        async () => {
          const { smartLandId: _id, ...counts } = await seedSmartLand(prisma);
          return counts;
        },
      ],
      ["users", () => seedUsers(prisma)],
      ["demo programme", () => seedDemoProgramme(prisma)],
      // Adherence of the 14 comuni and their local plans (issue #18): after the projects, whose streams
      // and funding the plans follow.
      ["adherence", () => seedAdherence(prisma)],
      // The Sud Est Milano projects' cronoprogrammi (issue #18, item 5): some late, some due soon. Before
      // the publication, so the published copies carry them.
      ["phases", () => seedPhases(prisma)],
      // The demo's projects start published (draft, then publish): a copy for each live project that
      // has none yet, so a rerun changes nothing.
      [
        "publication",
        async () => ({
          PublicProject: Number(
            await prisma.$executeRaw`SELECT publish_project(p.id, NULL) FROM "Project" p
              WHERE p."deletedAt" IS NULL
                AND NOT EXISTS (SELECT 1 FROM "PublicProject" pp WHERE pp."projectId" = p.id)`,
          ),
        }),
      ],
      ["documents", () => seedDocuments(prisma)],
      // The coordinator's programme plan for Fase 1 (issue #18, item 2), after the local plans it follows.
      ["programme plan", () => seedProgrammePlan(prisma)],
      // The monitoring rounds (issue #18, item 3): last, their snapshots freeze the figures seeded above.
      ["rounds", () => seedRounds(prisma)],
    ];
    for (const [name, run] of steps) {
      const t0 = performance.now();
      const inserted = await run();
      const list = Object.entries(inserted)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      console.log(`seed: ${name.padEnd(15)} inserted ${list} (${Math.round(performance.now() - t0)} ms)`);
    }

    const totals = {
      Province: await prisma.province.count(),
      Comune: await prisma.comune.count(),
      "Comune (member)": await prisma.comune.count({ where: { member: true } }),
      SmartLand: await prisma.smartLand.count(),
      SmartLandMember: await prisma.smartLandMember.count(),
      Stream: await prisma.stream.count(),
      User: await prisma.user.count(),
      Project: await prisma.project.count(),
      ProjectPartner: await prisma.projectPartner.count(),
      FundingLine: await prisma.fundingLine.count(),
      Action: await prisma.action.count(),
      Indicator: await prisma.indicator.count(),
      PublicProject: await prisma.publicProject.count(),
      Adherence: await prisma.adherence.count(),
      LocalPlan: await prisma.localPlan.count(),
      LocalPlanEvent: await prisma.localPlanEvent.count(),
      Document: await prisma.document.count(),
      ProgrammeEnvelope: await prisma.programmeEnvelope.count(),
      MonitoringRound: await prisma.monitoringRound.count(),
      RoundSubmission: await prisma.roundSubmission.count(),
      RoundSnapshot: await prisma.roundSnapshot.count(),
    };
    console.log(
      `seed: rows now ${Object.entries(totals)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    // The regional roll-up's facts followed every insert above (their triggers): nothing to refresh.
    console.log(`seed: done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error("seed failed:", error);
  process.exit(1);
});
