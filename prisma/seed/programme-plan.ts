// The Sud Est Milano programme plan of issue #18 (item 2): the coordinator's "Fase 1" (2025–2027) with, per
// stream the comuni adhere to, an envelope per year a little above what their local plans ask (so the
// comparison shows room still to assign), and a few targets; "Fase 2" (2028–2030) set out, still empty.
// Also the act of adherence's PDF for two comuni. Idempotent: fixed ids, inserted only when missing.
import { createHash } from "node:crypto";
import type { SeedDb } from "./client";
import { centsToDecimal, seedUuid } from "./deterministic";
import { minimalPdf } from "./documents";
import { SUD_EST_MILANO } from "./smart-land";
import { demoUserId } from "./users";

const TARGETS: Record<string, { name: string; unit: string; baseline: string; target: string }[]> = {
  "SL-02": [{ name: "Punti luce a LED sul totale", unit: "%", baseline: "35", target: "90" }],
  "SL-01": [{ name: "Chilometri di piste ciclabili", unit: "km", baseline: "42", target: "60" }],
  "SL-04": [{ name: "Edifici pubblici riqualificati", unit: "n.", baseline: "0", target: "12" }],
};

const ACT_DOCUMENTS = [
  {
    istat: "015192",
    email: "referente.sandonato@smartland.example",
    file: "Protocollo d'intesa Sud Est Milano.pdf",
  },
  {
    istat: "015169",
    email: "referente.paullo@smartland.example",
    file: "Protocollo d'intesa - firma Paullo.pdf",
  },
];

export async function seedProgrammePlan(prisma: SeedDb) {
  const planId = seedUuid(`programme-plan:${SUD_EST_MILANO.slug}`);
  let phases = 0;
  let envelopeRows = 0;
  if (
    !(await prisma.programmePlan.findUnique({
      where: { smartLandId: SUD_EST_MILANO.id },
      select: { id: true },
    }))
  ) {
    // What the member comuni's local plans ask, per stream and year (every status): the plan sits ~20% above.
    const asked = await prisma.$queryRaw<{ stream_id: string; code: string; year: number; cents: bigint }[]>`
      SELECT p."streamId"::text AS stream_id, s.code, (e->>'year')::int AS year,
             round(sum((e->>'amount')::numeric) * 100)::bigint AS cents
      FROM "LocalPlan" p JOIN "Stream" s ON s.id = p."streamId"
      CROSS JOIN LATERAL jsonb_array_elements(p.envelope) e
      WHERE p."smartLandId" = ${SUD_EST_MILANO.id}::uuid GROUP BY 1, 2, 3 ORDER BY 2, 3`;
    await prisma.programmePlan.create({ data: { id: planId, smartLandId: SUD_EST_MILANO.id, version: 1 } });
    const phase1 = seedUuid(`programme-phase:${SUD_EST_MILANO.slug}:1`);
    await prisma.programmePhase.createMany({
      data: [
        {
          id: phase1,
          planId,
          smartLandId: SUD_EST_MILANO.id,
          ordinal: 1,
          name: "Fase 1",
          startYear: 2025,
          endYear: 2027,
        },
        {
          id: seedUuid(`programme-phase:${SUD_EST_MILANO.slug}:2`),
          planId,
          smartLandId: SUD_EST_MILANO.id,
          ordinal: 2,
          name: "Fase 2",
          startYear: 2028,
          endYear: 2030,
        },
      ],
    });
    phases = 2;
    // Rounded up to the thousand euro.
    const envelope = asked.map((a) => ({
      phaseId: phase1,
      smartLandId: SUD_EST_MILANO.id,
      streamId: a.stream_id,
      year: a.year,
      amount: centsToDecimal(Math.ceil((Number(a.cents) * 1.2) / 100_000) * 100_000),
    }));
    envelopeRows = (await prisma.programmeEnvelope.createMany({ data: envelope })).count;
    const streams = [...new Map(asked.map((a) => [a.code, a.stream_id])).entries()];
    await prisma.programmeTarget.createMany({
      data: streams.flatMap(([code, streamId]) =>
        (TARGETS[code] ?? []).map((t, k) => ({
          phaseId: phase1,
          smartLandId: SUD_EST_MILANO.id,
          streamId,
          ordinal: k + 1,
          ...t,
          year: 2027,
        })),
      ),
    });
  }

  let documents = 0;
  for (const d of ACT_DOCUMENTS) {
    const act = await prisma.adherence.findUnique({
      where: { smartLandId_comuneIstat: { smartLandId: SUD_EST_MILANO.id, comuneIstat: d.istat } },
      select: { id: true },
    });
    const id = seedUuid(`document:adherence:${d.istat}`);
    if (!act || (await prisma.document.findUnique({ where: { id }, select: { id: true } }))) continue;
    const officer = await prisma.user.findUnique({
      where: { id: demoUserId(d.email) },
      select: { id: true, name: true },
    });
    const bytes = minimalPdf("Protocollo d'intesa Smart Land Sud Est Milano");
    await prisma.document.create({
      data: {
        id,
        comuneIstat: d.istat,
        ownerKind: "ADHERENCE",
        ownerId: act.id,
        fileName: d.file,
        mediaType: "application/pdf",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        uploadedById: officer?.id ?? null,
        uploadedBy: officer?.name ?? "",
        createdAt: new Date(Date.UTC(2026, 0, 9, 9)),
      },
    });
    await prisma.documentChunk.create({
      data: { documentId: id, seq: 0, comuneIstat: d.istat, data: new Uint8Array(bytes) },
    });
    documents++;
  }
  return { programmePhases: phases, programmeEnvelope: envelopeRows, actDocuments: documents };
}
