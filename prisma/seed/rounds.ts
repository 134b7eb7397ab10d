// The demo's monitoring rounds (issue #18, items 3 and 7): the Sud Est Milano story.
// - «Monitoraggio 1° semestre 2026»: closed, every comune validated.
// - «Monitoraggio 2° semestre 2026»: open, due a few days before the first seed (so the comuni that have
//   not submitted are late): some submitted, Melegnano returned with notes, one validated, some in
//   progress, the rest not started.
// The snapshots are frozen with the very statement a submission uses (lib/rounds/freeze.ts), so they are
// what the comune's figures were when the seed ran. Idempotent: fixed ids; a submission that already
// exists is left alone, with its snapshot and history (a rerun inserts nothing, the due date stays).
import type { SubmissionStatus } from "../../lib/generated/prisma/client";
import { freezeSnapshotSql } from "../../lib/rounds/freeze";
import type { SeedDb } from "./client";
import { addDays, day, seedUuid } from "./deterministic";
import { SUD_EST_MILANO, SUD_EST_MILANO_COMUNI } from "./smart-land";
import { DEMO_ACCOUNTS, demoUserId } from "./users";

export const CLOSED_ROUND_ID = seedUuid("round:sud-est-milano:2026-s1");
export const OPEN_ROUND_ID = seedUuid("round:sud-est-milano:2026-s2");

/** The open round's story, by comune (the others: not started, hence late). */
export const OPEN_ROUND_STATUS: Record<string, SubmissionStatus> = {
  "015169": "SUBMITTED", // Paullo
  "015195": "SUBMITTED", // San Giuliano Milanese
  "015139": "SUBMITTED", // Mediglia
  "015140": "RETURNED", // Melegnano
  "015171": "VALIDATED", // Peschiera Borromeo
  "015192": "IN_PROGRESS", // San Donato Milanese
  "015050": "IN_PROGRESS", // Carpiano
  "015244": "IN_PROGRESS", // Vizzolo Predabissi
};
const RETURN_NOTE =
  "Gli impegni del secondo semestre non risultano aggiornati: verificate le determine di impegno e trasmettete di nuovo.";
const PROJECT_NOTE =
  "Il pagamento del SAL di settembre non compare tra i pagamenti: aggiornate l'importo pagato.";

const COORDINATOR = { id: demoUserId(DEMO_ACCOUNTS.coordinator.email), name: DEMO_ACCOUNTS.coordinator.name };
const OFFICERS: Record<string, { id: string; name: string }> = Object.fromEntries(
  Object.values(DEMO_ACCOUNTS)
    .filter((a) => a.comuneIstat)
    .map((a) => [a.comuneIstat!, { id: demoUserId(a.email), name: a.name }]),
);
const officerOf = (istat: string, name: string) =>
  OFFICERS[istat] ?? { id: null, name: `Referente del Comune di ${name}` };

/** Today in Europe/Rome, as a calendar date (UTC midnight, like `day`). */
function romeToday(now = new Date()): Date {
  return day(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(now));
}
const at = (d: Date, hour: number) => new Date(d.getTime() + hour * 3_600_000);

type Step = { kind: "STARTED" | "SUBMITTED" | "RETURNED" | "VALIDATED"; at: Date };

export async function seedRounds(prisma: SeedDb) {
  const today = romeToday();
  const rounds = await prisma.monitoringRound.createMany({
    skipDuplicates: true,
    data: [
      {
        id: CLOSED_ROUND_ID,
        title: "Monitoraggio 1° semestre 2026",
        smartLandId: SUD_EST_MILANO.id,
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-06-30"),
        dueDate: day("2026-07-31"),
        state: "CLOSED",
        version: 2,
        createdById: COORDINATOR.id,
        createdAt: at(day("2026-07-01"), 8),
        openedAt: at(day("2026-07-01"), 8),
        closedAt: at(day("2026-09-15"), 9),
      },
      {
        id: OPEN_ROUND_ID,
        title: "Monitoraggio 2° semestre 2026",
        smartLandId: SUD_EST_MILANO.id,
        periodStart: day("2026-07-01"),
        periodEnd: day("2026-12-31"),
        dueDate: addDays(today, -5),
        state: "OPEN",
        createdById: COORDINATOR.id,
        createdAt: at(addDays(today, -40), 8),
        openedAt: at(addDays(today, -40), 8),
      },
    ],
  });
  const open = await prisma.monitoringRound.findUniqueOrThrow({ where: { id: OPEN_ROUND_ID } });
  const opened = day(open.openedAt!.toISOString().slice(0, 10));

  let submissions = 0;
  let snapshots = 0;
  let events = 0;
  let notes = 0;
  for (const [i, c] of SUD_EST_MILANO_COMUNI.entries()) {
    const officer = officerOf(c.istat, c.name);
    const stories: { roundId: string; status: SubmissionStatus; steps: Step[] }[] = [
      {
        roundId: CLOSED_ROUND_ID,
        status: "VALIDATED",
        steps: [
          { kind: "STARTED", at: at(day("2026-07-02"), 9 + (i % 8)) },
          { kind: "SUBMITTED", at: at(addDays(day("2026-07-10"), i), 11) },
          { kind: "VALIDATED", at: at(addDays(day("2026-08-01"), i), 15) },
        ],
      },
    ];
    const status = OPEN_ROUND_STATUS[c.istat] ?? "NOT_STARTED";
    const started = { kind: "STARTED" as const, at: at(addDays(opened, 3 + (i % 5)), 10) };
    const submitted = { kind: "SUBMITTED" as const, at: at(addDays(opened, 20 + (i % 7)), 12) };
    stories.push({
      roundId: OPEN_ROUND_ID,
      status,
      steps:
        status === "NOT_STARTED"
          ? []
          : status === "IN_PROGRESS"
            ? [started]
            : status === "SUBMITTED"
              ? [started, submitted]
              : [started, submitted, { kind: status, at: at(addDays(opened, 30), 16) }],
    });
    for (const story of stories) {
      const id = seedUuid(`round-submission:${story.roundId}:${c.istat}`);
      const step = (kind: Step["kind"]) => story.steps.find((s) => s.kind === kind)?.at ?? null;
      const revision = step("SUBMITTED") ? 1 : 0;
      const inserted = await prisma.roundSubmission.createMany({
        skipDuplicates: true,
        data: [
          {
            id,
            roundId: story.roundId,
            comuneIstat: c.istat,
            status: story.status,
            revision,
            note: story.status === "RETURNED" ? RETURN_NOTE : "",
            startedAt: step("STARTED"),
            submittedAt: step("SUBMITTED"),
            returnedAt: step("RETURNED"),
            validatedAt: step("VALIDATED"),
            version: 1 + story.steps.filter((s) => s.kind !== "STARTED").length,
            updatedAt: story.steps.at(-1)?.at ?? open.openedAt!,
          },
        ],
      });
      if (inserted.count === 0) continue; // already there, with its snapshot and history
      submissions++;
      let frozen = 0;
      if (revision) {
        frozen = await prisma.$executeRaw(
          freezeSnapshotSql({
            submissionId: id,
            revision,
            roundId: story.roundId,
            istat: c.istat,
            smartLandId: SUD_EST_MILANO.id,
          }),
        );
        snapshots += frozen;
      }
      if (story.status === "RETURNED") {
        const first = await prisma.roundSnapshot.findFirst({
          where: { submissionId: id, revision },
          orderBy: [{ title: "asc" }, { projectId: "asc" }],
          select: { projectId: true },
        });
        if (first) {
          await prisma.roundProjectNote.create({
            data: {
              id: seedUuid(`round-note:${id}:${first.projectId}`),
              submissionId: id,
              comuneIstat: c.istat,
              revision,
              projectId: first.projectId,
              note: PROJECT_NOTE,
              actorId: COORDINATOR.id,
              actorName: COORDINATOR.name,
              createdAt: step("RETURNED")!,
            },
          });
          notes++;
        }
      }
      const made = await prisma.roundEvent.createMany({
        data: story.steps.map((s) => {
          const byCoordinator = s.kind === "RETURNED" || s.kind === "VALIDATED";
          const actor = byCoordinator ? COORDINATOR : officer;
          return {
            id: seedUuid(`round-event:${id}:${s.kind}`),
            submissionId: id,
            comuneIstat: c.istat,
            revision: s.kind === "STARTED" ? 0 : revision,
            kind: s.kind,
            comment: s.kind === "RETURNED" ? RETURN_NOTE : "",
            summary:
              s.kind === "SUBMITTED"
                ? { projects: frozen, warnings: 0 }
                : s.kind === "RETURNED"
                  ? { projectNotes: notes ? 1 : 0 }
                  : undefined,
            actorId: actor.id,
            actorName: actor.name,
            createdAt: s.at,
          };
        }),
      });
      events += made.count;
    }
  }
  return {
    MonitoringRound: rounds.count,
    RoundSubmission: submissions,
    RoundSnapshot: snapshots,
    RoundEvent: events,
    RoundProjectNote: notes,
  };
}
