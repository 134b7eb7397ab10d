// The completeness checks of a monitoring round (lib/rounds/checks.ts): which item raises what, errors
// (they block the submission) against warnings, and the page where each figure is fixed.
import { describe, expect, it } from "vitest";
import { projectChecks, type CheckedProject } from "@/lib/rounds/checks";
import { ROUND_ITEMS, type RoundItem } from "@/lib/validation/schemas";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const round = { periodStart: d("2026-07-01"), periodEnd: d("2026-12-31"), items: ROUND_ITEMS };
const base: CheckedProject = {
  id: "p1",
  comuneIstat: "015192",
  status: "DESIGN",
  progress: 30,
  plannedStart: d("2027-03-01"),
  actualStart: null,
  actualEnd: null,
  updatedAt: d("2026-09-15"),
  funding: [{ committed: 0, paid: 0, updatedAt: d("2026-09-15") }],
  actions: [],
  indicators: [],
};
const kinds = (p: Partial<CheckedProject>, items: readonly RoundItem[] = ROUND_ITEMS) =>
  projectChecks({ ...base, ...p }, { ...round, items }).map((c) => `${c.item}:${c.severity}`);

describe("round checks", () => {
  it("an up-to-date project in design has nothing to report", () => {
    expect(kinds({})).toEqual([]);
  });

  it("execution without an actual start or commitments is an error; nothing paid is a warning", () => {
    const checks = projectChecks({ ...base, status: "EXECUTION" }, round);
    expect(checks.map((c) => `${c.item}:${c.severity}`)).toEqual([
      "dates:error",
      "funding:error",
      "funding:warning",
    ]);
    expect(checks[0]).toMatchObject({
      message: "Indica la data di inizio effettivo: l'intervento è in esecuzione o concluso.",
      href: "/comuni/015192/interventi/p1/modifica",
    });
    expect(checks[1].href).toBe("/comuni/015192/interventi/p1#risorse");
  });

  it("completed: 100% and both actual dates", () => {
    expect(
      kinds({
        status: "COMPLETED",
        progress: 90,
        actualStart: d("2025-01-01"),
        funding: [{ committed: 1, paid: 1, updatedAt: d("2026-09-01") }],
      }),
    ).toEqual(["progress:error", "dates:error"]);
  });

  it("stale progress, overdue start, overdue TODO actions, indicators without an actual", () => {
    const checks = projectChecks(
      {
        ...base,
        status: "NOT_STARTED",
        plannedStart: d("2026-10-01"),
        updatedAt: d("2026-06-30"),
        actions: [
          { status: "TODO", dueDate: d("2026-11-30") },
          { status: "TODO", dueDate: d("2026-12-31") },
          { status: "TODO", dueDate: d("2027-01-01") },
          { status: "DONE", dueDate: d("2026-08-01") },
        ],
        indicators: [{ actual: null }, { actual: "12" }],
      },
      round,
    );
    expect(checks.map((c) => `${c.item}:${c.severity}`)).toEqual([
      "status:warning",
      "progress:warning",
      "actions:error",
      "indicators:warning",
    ]);
    expect(checks[2].message).toBe(
      "2 azioni scadute nel periodo sono ancora «Da fare»: aggiornane lo stato.",
    );
    expect(checks[3].message).toBe("Un indicatore senza valore rilevato.");
  });

  it("only the items the round requires are checked; a cancelled project is never checked", () => {
    expect(kinds({ status: "EXECUTION", funding: [] }, ["indicators"])).toEqual([]);
    expect(kinds({ status: "EXECUTION", funding: [] }, ["funding"])).toEqual(["funding:error"]);
    expect(kinds({ status: "CANCELLED", progress: 0, funding: [] })).toEqual([]);
  });
});
