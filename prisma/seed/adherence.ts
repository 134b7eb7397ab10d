import type { AdherenceActKind, PlanStatus, Prisma } from "../../lib/generated/prisma/client";
import type { SeedDb } from "./client";
import { centsToDecimal, day, seedUuid } from "./deterministic";
import { SUD_EST_MILANO, SUD_EST_MILANO_COMUNI } from "./smart-land";
import { DEMO_ACCOUNTS, demoUserId } from "./users";

/**
 * The Sud Est Milano story of issue #18: the 14 comuni adhered with their acts (the promoters by protocol of
 * intent, the others by a resolution of their Giunta or Consiglio) and local plans on the streams where they
 * have projects (at most three each, never on SL-10, which stays free for a comune's new plan): most
 * approved, Melegnano's first returned with a comment, two submitted awaiting review, two drafts.
 */
const PROMOTERS = new Set(["015169", "015192", "015140"]);
const SPECIAL: Record<string, PlanStatus> = {
  "015140": "RETURNED",
  "015169": "SUBMITTED",
  "015171": "SUBMITTED",
  "015195": "DRAFT",
  "015050": "DRAFT",
};
const RETURN_COMMENT =
  "La dotazione 2027 non trova copertura negli interventi registrati: indicare le fonti previste o ridurla, e aggiungere un indicatore di risultato.";
const OFFICERS: Record<string, { id: string; name: string }> = Object.fromEntries(
  Object.values(DEMO_ACCOUNTS)
    .filter((a) => a.comuneIstat)
    .map((a) => [a.comuneIstat!, { id: demoUserId(a.email), name: a.name }]),
);
const COORDINATOR = {
  id: demoUserId(DEMO_ACCOUNTS.coordinator.email),
  name: DEMO_ACCOUNTS.coordinator.name,
};

export async function seedAdherence(prisma: SeedDb) {
  const comuni = SUD_EST_MILANO_COMUNI.map((c) => c.istat);
  const acts = SUD_EST_MILANO_COMUNI.map((c, i) => {
    const kind: AdherenceActKind = PROMOTERS.has(c.istat) ? "PROTOCOL" : i % 3 === 0 ? "CONSIGLIO" : "GIUNTA";
    return {
      id: seedUuid(`adherence:${SUD_EST_MILANO.slug}:${c.istat}`),
      smartLandId: SUD_EST_MILANO.id,
      comuneIstat: c.istat,
      actKind: kind,
      actNumber: kind === "PROTOCOL" ? `Prot. ${1200 + i}/2019` : String(20 + i * 3),
      actDate:
        kind === "PROTOCOL"
          ? day("2019-03-14")
          : day(`2019-${String(4 + (i % 6)).padStart(2, "0")}-1${i % 10}`),
      note: kind === "PROTOCOL" ? "Comune promotore della Smart Land." : "",
    };
  });
  const adherences = await prisma.adherence.createMany({ data: acts, skipDuplicates: true });

  // Where each comune has live projects, and what they have secured (planned funding, all years).
  const secured = await prisma.$queryRaw<
    { comune: string; stream_id: string; code: string; cents: bigint }[]
  >`
    SELECT p."comuneIstat" AS comune, s.id::text AS stream_id, s.code,
           COALESCE(round(sum(f."amountPlanned") * 100), 0)::bigint AS cents
    FROM "Project" p JOIN "Stream" s ON s.id = p."streamId" LEFT JOIN "FundingLine" f ON f."projectId" = p.id
    WHERE p."deletedAt" IS NULL AND p."comuneIstat" = ANY(${comuni}) AND s.code <> 'SL-10'
    GROUP BY 1, 2, 3 ORDER BY 1, 3`;
  const plans: Prisma.LocalPlanCreateManyInput[] = [];
  const events: Prisma.LocalPlanEventCreateManyInput[] = [];
  for (const [i, c] of SUD_EST_MILANO_COMUNI.entries()) {
    const own = secured.filter((s) => s.comune === c.istat).slice(0, 3);
    for (const [k, s] of own.entries()) {
      const status: PlanStatus = k === 0 ? (SPECIAL[c.istat] ?? "APPROVED") : "APPROVED";
      const id = seedUuid(`local-plan:${SUD_EST_MILANO.slug}:${c.istat}:${s.code}`);
      // An envelope a little above or below what the projects have secured, over 2025–2027.
      const total = (Number(s.cents) * (k % 2 === 0 ? 110 : 90)) / 100 || 50_000_00;
      const perYear = Math.round(total / 3);
      const officer = OFFICERS[c.istat];
      const content = {
        objectives: `Obiettivi del Comune di ${c.name} sul filone ${s.code}: completare gli interventi avviati e misurarne i risultati con gli indicatori condivisi della Smart Land.`,
        envelope: [2025, 2026, 2027].map((year) => ({ year, amount: centsToDecimal(perYear) })),
        indicators: [
          { name: "Interventi conclusi", unit: "n.", baseline: "0", target: String(2 + (i % 3)), year: 2027 },
        ],
        contactName: `Ufficio tecnico del Comune di ${c.name}`,
        contactRole: "Responsabile del procedimento",
        contactEmail: `ufficio.tecnico@${c.code.toLowerCase()}.comune.example`,
      };
      plans.push({
        id,
        adherenceId: acts[i].id,
        smartLandId: SUD_EST_MILANO.id,
        comuneIstat: c.istat,
        streamId: s.stream_id,
        status,
        revision: 1,
        ...content,
        version: status === "DRAFT" ? 1 : status === "SUBMITTED" ? 2 : 3,
      });
      if (status === "DRAFT") continue;
      const at = (d: number) => new Date(Date.UTC(2026, 9, d, 9 + k, 30));
      events.push({
        id: seedUuid(`local-plan-event:${id}:submitted`),
        planId: id,
        comuneIstat: c.istat,
        revision: 1,
        kind: "SUBMITTED",
        snapshot: content,
        actorId: officer?.id ?? null,
        actorName: officer?.name ?? `Ufficio del Comune di ${c.name}`,
        createdAt: at(1 + i),
      });
      if (status === "SUBMITTED") continue;
      events.push({
        id: seedUuid(`local-plan-event:${id}:decided`),
        planId: id,
        comuneIstat: c.istat,
        revision: 1,
        kind: status === "RETURNED" ? "RETURNED" : "APPROVED",
        comment: status === "RETURNED" ? RETURN_COMMENT : "",
        actorId: COORDINATOR.id,
        actorName: COORDINATOR.name,
        createdAt: at(16 + i),
      });
    }
  }
  const localPlans = await prisma.localPlan.createMany({ data: plans, skipDuplicates: true });
  // A plan someone created on the same stream before the seed ran keeps its own id: no seeded history for it.
  const present = new Set(
    (
      await prisma.localPlan.findMany({
        where: { id: { in: plans.map((p) => p.id!) } },
        select: { id: true },
      })
    ).map((p) => p.id),
  );
  const localPlanEvents = await prisma.localPlanEvent.createMany({
    data: events.filter((e) => present.has(e.planId)),
    skipDuplicates: true,
  });
  return {
    adherences: adherences.count,
    localPlans: localPlans.count,
    localPlanEvents: localPlanEvents.count,
  };
}
