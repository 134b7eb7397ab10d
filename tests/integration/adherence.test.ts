import { beforeAll, describe, expect, it } from "vitest";
import {
  decidePlan,
  getComuneAdherence,
  getPlanForActor,
  PLAN_CONFLICT,
  PLAN_UNDER_REVIEW,
  saveAdherence,
  savePlan,
  submitPlan,
} from "@/lib/adherence/adherence";
import { getAdherenceMatrix, listReviewQueue } from "@/lib/adherence/matrix";
import type { Actor } from "@/lib/auth/actor";
import {
  createSmartLand,
  getSmartLandForActor as getSmartLandForEditor,
  updateSmartLand,
} from "@/lib/smart-lands/manage-smart-lands";
import { slugify } from "@/lib/validation/taxonomy";
import {
  actorFor,
  ADMIN,
  appQuery,
  COORDINATOR,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

const SLUG = "sud-est-milano";
const SD = { istat: SAN_DONATO, slug: SLUG };
const CODE = "SL-ADH-T";

let officer: Actor;
let paullo: Actor;
let coordinator: Actor;
let admin: Actor;

const fullPlan = (version: number, objectives = "Ridurre i consumi dell'illuminazione del 40%.") => ({
  objectives,
  envelope: [
    { year: "2027", amount: "150.000,00" },
    { year: "2026", amount: "1.234,56" },
  ],
  indicators: [{ name: "Punti luce a LED", unit: "n.", baseline: "120", target: "1.500", year: "2027" }],
  contactName: "Ufficio tecnico",
  contactRole: "Responsabile lavori pubblici",
  contactEmail: "lavori.pubblici@comune.example",
  version,
});

async function planVersion(actor: Actor) {
  return (await getPlanForActor(actor, SD, CODE)).plan!.version;
}

beforeAll(async () => {
  [officer, paullo, coordinator, admin] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
    actorFor(COORDINATOR),
    actorFor(ADMIN),
  ]);
  // A stream of this test's own, so the seeded plans stay out of the way.
  await ownerQuery(
    `INSERT INTO "Stream" (code, name, theme, "values") VALUES ($1, 'Filone di prova (adesione)', 'ENERGY', ARRAY['INNOVATION']::"ProgrammeValue"[]) ON CONFLICT DO NOTHING`,
    [CODE],
  );
});

describe("adherence act", () => {
  it("is recorded and edited by the comune's officer, with optimistic locking", async () => {
    const page = await getComuneAdherence(officer, SAN_DONATO);
    const entry = page.smartLands.find((s) => s.slug === SLUG)!;
    expect(entry).toBeDefined();
    const version = entry.act?.version ?? 0;
    const act = await saveAdherence(officer, SD, {
      actKind: "GIUNTA",
      actNumber: "45",
      actDate: "12/03/2024",
      note: "",
      version,
    });
    expect(act).toMatchObject({ actKind: "GIUNTA", actNumber: "45", actDate: "2024-03-12" });
    await expect(
      saveAdherence(officer, SD, { actKind: "GIUNTA", actNumber: "46", actDate: "12/03/2024", version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      saveAdherence(officer, SD, {
        actKind: "X",
        actNumber: "",
        actDate: "32/13/2024",
        version: act.version,
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { actKind: expect.any(Array), actNumber: expect.any(Array), actDate: expect.any(Array) },
    });
  });

  it("is another comune's business: 404 for Paullo, no change for coordinator and admin", async () => {
    await expect(getComuneAdherence(paullo, SAN_DONATO)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const input = { actKind: "PROTOCOL", actNumber: "1", actDate: "01/01/2024", version: 1 };
    await expect(saveAdherence(paullo, SD, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveAdherence(coordinator, SD, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveAdherence(admin, SD, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getComuneAdherence(admin, SAN_DONATO)).comune.istat).toBe(SAN_DONATO);
  });
});

describe("membership", () => {
  it("a comune that has recorded its act cannot be removed from the Smart Land (its history would go)", async () => {
    const name = `Adesione prova ${Date.now().toString(36)}`;
    await createSmartLand(coordinator, { name, phase: "Fase 1", members: [SAN_DONATO, PAULLO] });
    const slug = slugify(name);
    await saveAdherence(
      officer,
      { istat: SAN_DONATO, slug },
      { actKind: "CONSIGLIO", actNumber: "3", actDate: "01/02/2026" },
    );
    const sl = await getSmartLandForEditor(coordinator, slug);
    await expect(
      updateSmartLand(coordinator, slug, { name, phase: "Fase 1", members: [PAULLO], version: sl.version }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { members: [expect.stringContaining("atto di adesione")] },
    });
    // Paullo, without an act, can leave.
    await updateSmartLand(coordinator, slug, {
      name,
      phase: "Fase 1",
      members: [SAN_DONATO],
      version: sl.version,
    });
  });
});

describe("local plan workflow", () => {
  it("draft → submitted → returned → new revision → submitted → approved, with the history kept", async () => {
    const draft = await savePlan(officer, SD, CODE, { objectives: "", version: 0 });
    expect(draft).toMatchObject({ status: "DRAFT", revision: 1, version: 1 });
    // Incomplete: refused with messages next to the fields.
    await expect(submitPlan(officer, SD, CODE, { version: 1 })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: {
        objectives: expect.any(Array),
        envelope: expect.any(Array),
        contactEmail: expect.any(Array),
      },
    });
    const saved = await savePlan(officer, SD, CODE, fullPlan(1));
    expect(saved.envelope).toEqual([
      { year: 2026, amount: "1234.56" },
      { year: 2027, amount: "150000.00" },
    ]);
    expect(saved.indicators[0]).toMatchObject({ name: "Punti luce a LED", baseline: "120", target: "1500" });

    // A stale save is refused and loses nothing.
    await expect(savePlan(officer, SD, CODE, fullPlan(1, "Altro testo"))).rejects.toThrow(PLAN_CONFLICT);
    expect((await getPlanForActor(officer, SD, CODE)).plan!.objectives).toBe(saved.objectives);

    const submitted = await submitPlan(officer, SD, CODE, { version: saved.version });
    expect(submitted.status).toBe("SUBMITTED");
    await expect(savePlan(officer, SD, CODE, fullPlan(submitted.version))).rejects.toThrow(PLAN_UNDER_REVIEW);
    expect(
      (await listReviewQueue(coordinator, SLUG)).some((q) => q.istat === SAN_DONATO && q.streamCode === CODE),
    ).toBe(true);

    // The coordinator's decisions: a return needs a comment; the content is never theirs.
    await expect(
      decidePlan(coordinator, SD, CODE, "RETURNED", { version: submitted.version, comment: " " }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { comment: expect.any(Array) } });
    await expect(savePlan(coordinator, SD, CODE, fullPlan(submitted.version))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      decidePlan(admin, SD, CODE, "APPROVED", { version: submitted.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      decidePlan(officer, SD, CODE, "APPROVED", { version: submitted.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const returned = await decidePlan(coordinator, SD, CODE, "RETURNED", {
      version: submitted.version,
      comment: "Manca la dotazione 2028.",
    });
    expect(returned.status).toBe("RETURNED");

    // The officer sees the comment, edits (a new revision), resubmits.
    const seen = await getPlanForActor(officer, SD, CODE);
    expect(seen.history.at(-1)).toMatchObject({ kind: "RETURNED", comment: "Manca la dotazione 2028." });
    const fixed = await savePlan(officer, SD, CODE, {
      ...fullPlan(seen.plan!.version),
      envelope: [...fullPlan(0).envelope, { year: "2028", amount: "10.000" }],
    });
    expect(fixed).toMatchObject({ status: "DRAFT", revision: 2 });
    const again = await submitPlan(officer, SD, CODE, { version: fixed.version });
    // A stale decision is refused.
    await expect(
      decidePlan(coordinator, SD, CODE, "APPROVED", { version: again.version - 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const approved = await decidePlan(coordinator, SD, CODE, "APPROVED", { version: again.version });
    expect(approved.status).toBe("APPROVED");

    const { history } = await getPlanForActor(admin, SD, CODE);
    expect(history.map((h) => [h.kind, h.revision])).toEqual([
      ["SUBMITTED", 1],
      ["RETURNED", 1],
      ["SUBMITTED", 2],
      ["APPROVED", 2],
    ]);
    expect(history[0].actorName).toBe(officer.name);
    expect(history[1].actorName).toBe(coordinator.name);
    const snapshots = await ownerQuery<{ snapshot: { envelope: unknown[] } }>(
      `SELECT e.snapshot FROM "LocalPlanEvent" e JOIN "LocalPlan" p ON p.id = e."planId"
       JOIN "Stream" s ON s.id = p."streamId" WHERE s.code = $1 AND e.kind = 'SUBMITTED' ORDER BY e."createdAt"`,
      [CODE],
    );
    expect(snapshots.map((s) => s.snapshot.envelope.length)).toEqual([2, 3]);

    const audit = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'LocalPlan' AND "entityId" = $1 ORDER BY "createdAt", id`,
      [approved.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      "CREATE",
      "UPDATE",
      "SUBMIT",
      "RETURN",
      "UPDATE",
      "SUBMIT",
      "APPROVE",
    ]);
    expect(await planVersion(officer)).toBe(approved.version);
  });

  it("keeps the wall: Paullo's officer gets 404 on San Donato's plan, and RLS repeats it", async () => {
    await expect(getPlanForActor(paullo, SD, CODE)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(savePlan(paullo, SD, CODE, fullPlan(1))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitPlan(paullo, SD, CODE, { version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAdherenceMatrix(officer, SLUG)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const asPaullo = { role: "OFFICER", comune: PAULLO, user: paullo.userId };
    const foreign = await appQuery(asPaullo, `SELECT id FROM "LocalPlan" WHERE "comuneIstat" = $1`, [
      SAN_DONATO,
    ]);
    expect(foreign).toHaveLength(0);
    const changed = await appQuery(
      asPaullo,
      `UPDATE "LocalPlan" SET objectives = 'x' WHERE "comuneIstat" = $1 RETURNING id`,
      [SAN_DONATO],
    );
    expect(changed).toHaveLength(0);
    expect(
      await appQuery(asPaullo, `SELECT id FROM "Adherence" WHERE "comuneIstat" = $1`, [SAN_DONATO]),
    ).toHaveLength(0);

    // The coordinator has no UPDATE on a plan's content; the officer cannot approve their own plan.
    const asCoordinator = { role: "COORDINATOR", comune: null, user: coordinator.userId };
    const edited = await appQuery(
      asCoordinator,
      `UPDATE "LocalPlan" SET objectives = 'x' WHERE "comuneIstat" = $1 RETURNING id`,
      [SAN_DONATO],
    );
    expect(edited).toHaveLength(0);
    const asOfficer = { role: "OFFICER", comune: SAN_DONATO, user: officer.userId };
    await expect(
      appQuery(asOfficer, `UPDATE "LocalPlan" SET status = 'APPROVED' WHERE "comuneIstat" = $1`, [
        SAN_DONATO,
      ]),
    ).rejects.toThrow(/row-level security/);
    await expect(
      appQuery(
        asOfficer,
        `SELECT local_plan_decide(id, version, 'APPROVED', '') FROM "LocalPlan" WHERE "comuneIstat" = $1`,
        [SAN_DONATO],
      ),
    ).rejects.toThrow(/only a coordinator/);
    const asAdmin = { role: "ADMIN", comune: null, user: admin.userId };
    await expect(
      appQuery(
        asAdmin,
        `SELECT local_plan_decide(id, version, 'APPROVED', '') FROM "LocalPlan" WHERE "comuneIstat" = $1`,
        [SAN_DONATO],
      ),
    ).rejects.toThrow(/only a coordinator/);
    // The anonymous reader sees no plan, no act (the contact is personal data).
    expect(await appQuery({ role: "PUBLIC", comune: null }, `SELECT id FROM "LocalPlan"`)).toHaveLength(0);
    expect(await appQuery({ role: "PUBLIC", comune: null }, `SELECT id FROM "Adherence"`)).toHaveLength(0);
    // The history is append-only for everyone.
    await expect(appQuery(asOfficer, `DELETE FROM "LocalPlanEvent"`)).rejects.toThrow(/permission denied/);
  });
});

describe("the coordinator's matrix", () => {
  async function expected(year?: number) {
    const plans = await ownerQuery<{
      comune: string;
      code: string;
      status: string;
      envelope: { year: number; amount: string }[];
    }>(
      `SELECT p."comuneIstat" AS comune, s.code, p.status, p.envelope FROM "LocalPlan" p
       JOIN "Stream" s ON s.id = p."streamId" JOIN "SmartLand" sl ON sl.id = p."smartLandId" WHERE sl.slug = $1`,
      [SLUG],
    );
    const projects = await ownerQuery<{ comune: string; code: string; id: string }>(
      `SELECT pr."comuneIstat" AS comune, s.code, pr.id FROM "Project" pr JOIN "Stream" s ON s.id = pr."streamId"
       WHERE pr."deletedAt" IS NULL AND pr."comuneIstat" IN
         (SELECT m."comuneIstat" FROM "SmartLandMember" m JOIN "SmartLand" sl ON sl.id = m."smartLandId" WHERE sl.slug = $1)
         AND (pr."smartLandId" IS NULL OR pr."smartLandId" = (SELECT id FROM "SmartLand" WHERE slug = $1))`,
      [SLUG],
    );
    const lines = await ownerQuery<{ projectId: string; year: number; amountPlanned: string }>(
      `SELECT "projectId", year, "amountPlanned"::text FROM "FundingLine"`,
    );
    const cents = (s: string) => Math.round(Number(s) * 100);
    const out = new Map<
      string,
      { envelope: number; projects: number; secured: number; status: string | null }
    >();
    const cell = (k: string) => {
      if (!out.has(k)) out.set(k, { envelope: 0, projects: 0, secured: 0, status: null });
      return out.get(k)!;
    };
    for (const p of plans) {
      const c = cell(`${p.comune}|${p.code}`);
      c.status = p.status;
      for (const row of p.envelope)
        if (year === undefined || row.year === year) c.envelope += cents(row.amount);
    }
    for (const pr of projects) {
      const c = cell(`${pr.comune}|${pr.code}`);
      c.projects += 1;
      for (const l of lines)
        if (l.projectId === pr.id && (year === undefined || l.year === year))
          c.secured += cents(l.amountPlanned);
    }
    return out;
  }

  for (const year of [undefined, 2026]) {
    it(`matches a direct computation${year ? ` for ${year}` : ""}`, async () => {
      const matrix = await getAdherenceMatrix(coordinator, SLUG, year);
      const want = await expected(year);
      expect(matrix.comuni).toHaveLength(14);
      let envelopeTotal = 0;
      let checked = 0;
      for (const row of matrix.comuni) {
        for (const c of row.cells) {
          const w = want.get(`${c.comuneIstat}|${c.streamCode}`) ?? {
            envelope: 0,
            projects: 0,
            secured: 0,
            status: null,
          };
          const label = `${c.comuneIstat} ${c.streamCode}`;
          expect(Math.round(Number(c.envelope) * 100), label).toBe(w.envelope);
          expect(c.projects, label).toBe(w.projects);
          expect(Math.round(Number(c.secured) * 100), label).toBe(w.secured);
          expect(Math.round(Number(c.gap) * 100), label).toBe(w.envelope - w.secured);
          expect(c.status, label).toBe(w.status);
          envelopeTotal += w.envelope;
          checked += w.projects + w.envelope > 0 ? 1 : 0;
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(Math.round(Number(matrix.total.envelope) * 100)).toBe(envelopeTotal);
      const sd = matrix.comuni.find((c) => c.istat === SAN_DONATO)!;
      const own = sd.cells.find((c) => c.streamCode === CODE)!;
      expect(own.status).toBe("APPROVED");
      expect(own.envelope).toBe(year === 2026 ? "1234.56" : "161234.56");
    });
  }

  it("is read by the administrator too", async () => {
    expect((await getAdherenceMatrix(admin, SLUG)).comuni).toHaveLength(14);
  });
});
