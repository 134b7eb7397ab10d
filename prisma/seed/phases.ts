// Demo cronoprogrammi (issue #18, item 5): the Sud Est Milano projects get their procedural phases, planned
// across the project's own dates and carried out as far as its status says, with realistic delays — so the
// timeline has late phases, running ones and upcoming deadlines from the first start. Deterministic per
// project; a project that already has phases is left alone (reruns change nothing).
import type { PhaseKind } from "../../lib/generated/prisma/enums";
import type { SeedDb } from "./client";
import { createRng } from "./deterministic";
import { DEMO_TODAY } from "./demo-programme";
import { SUD_EST_MILANO } from "./smart-land";

const DAY = 86_400_000;

/** Each phase's share of the project's planned span (procedural order, no overlap). */
const TEMPLATE: [PhaseKind, number, number][] = [
  ["FEASIBILITY", 0, 0.07],
  ["PRELIMINARY_DESIGN", 0.07, 0.18],
  ["FINAL_DESIGN", 0.18, 0.28],
  ["EXECUTIVE_DESIGN", 0.28, 0.38],
  ["AWARD", 0.38, 0.48],
  ["CONTRACT", 0.48, 0.52],
  ["EXECUTION", 0.52, 0.92],
  ["TESTING", 0.92, 1],
];

/** The phase under way for a status (its index in TEMPLATE); -1 none started, 8 all done. */
const CURRENT: Record<string, number> = {
  NOT_STARTED: -1,
  DESIGN_STARTING: 1,
  DESIGN: 3,
  PROCUREMENT: 4,
  EXECUTION: 6,
  COMPLETED: 8,
};

const day = (t: number) => new Date(Math.floor(t / DAY) * DAY);

export async function seedPhases(prisma: SeedDb): Promise<{ projectPhases: number }> {
  const projects = await prisma.project.findMany({
    where: {
      deletedAt: null,
      plannedStart: { not: null },
      plannedEnd: { not: null },
      phases: { none: {} },
      comune: { smartLands: { some: { smartLandId: SUD_EST_MILANO.id } } },
    },
    select: { id: true, comuneIstat: true, status: true, plannedStart: true, plannedEnd: true },
    orderBy: { id: "asc" },
  });
  const limit = DEMO_TODAY.getTime() - DAY;
  const rows = [];
  for (const p of projects) {
    const current = CURRENT[p.status];
    if (current === undefined) continue; // cancelled
    const rng = createRng(`phases:${p.id}`);
    const start = p.plannedStart!.getTime();
    const span = Math.max(120 * DAY, p.plannedEnd!.getTime() - start);
    // Since D.Lgs. 36/2023 a work has two design levels (PFTE, esecutivo): about a third skip the others.
    const twoLevels = rng.chance(0.35);
    let delay = 0;
    for (const [index, [kind, from, to]] of TEMPLATE.entries()) {
      if (twoLevels && (kind === "FEASIBILITY" || kind === "FINAL_DESIGN")) continue;
      const plannedStart = start + from * span;
      const plannedEnd = start + to * span - DAY;
      let actualStart: number | null = null;
      let actualEnd: number | null = null;
      if (index <= current) {
        delay += rng.int(0, 40) * DAY;
        actualStart = Math.min(plannedStart + delay, limit);
        if (index < current) {
          actualEnd = Math.min(Math.max(plannedEnd + delay, actualStart), limit);
        }
      }
      rows.push({
        projectId: p.id,
        comuneIstat: p.comuneIstat,
        kind,
        plannedStart: day(plannedStart),
        plannedEnd: day(Math.max(plannedEnd, plannedStart)),
        actualStart: actualStart === null ? null : day(actualStart),
        actualEnd: actualEnd === null ? null : day(actualEnd),
      });
    }
  }
  const { count } = await prisma.projectPhase.createMany({ data: rows, skipDuplicates: true });
  return { projectPhases: count };
}
