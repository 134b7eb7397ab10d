// Monitoring rounds (issue #18, item 3) against the seeded database: opening creates one submission per
// comune in scope; the wall (officer: own comune; coordinator: decides, never submits; admin: reads);
// submitting freezes a snapshot that later edits do not change; return → resubmit → validate history;
// stale versions; RLS as the application role; the "in corso" trigger; lateness on Rome's calendar.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { daysLate } from "@/lib/format/rounds";
import { getRoundBoard } from "@/lib/rounds/board";
import { getRoundComparison } from "@/lib/rounds/compare";
import { exportRound } from "@/lib/rounds/export";
import { sumMoney } from "@/lib/money";
import { closeRound, getRound, listRounds, openRound, ROUND_NOT_OPEN } from "@/lib/rounds/rounds";
import {
  BLOCKING,
  decideSubmission,
  getSubmissionForActor,
  submitRound,
  SUBMISSION_CONFLICT,
} from "@/lib/rounds/submission";
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
let officer: Actor;
let paullo: Actor;
let coordinator: Actor;
let admin: Actor;

const roundInput = (over: Record<string, unknown> = {}) => ({
  title: "Rilevazione di prova",
  smartLand: SLUG,
  periodStart: "01/07/2026",
  periodEnd: "31/12/2026",
  dueDate: "31/01/2027",
  items: ["indicators"],
  ...over,
});

async function members(slug: string) {
  return (
    await ownerQuery<{ istat: string }>(
      `SELECT m."comuneIstat" AS istat FROM "SmartLandMember" m JOIN "SmartLand" s ON s.id = m."smartLandId" WHERE s.slug = $1`,
      [slug],
    )
  )
    .map((r) => r.istat)
    .sort();
}

beforeAll(async () => {
  [officer, paullo, coordinator, admin] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
    actorFor(COORDINATOR),
    actorFor(ADMIN),
  ]);
});

describe("opening a round", () => {
  it("creates one not-started submission per comune of the Smart Land, nothing else", async () => {
    const round = await openRound(coordinator, roundInput());
    expect(round.state).toBe("OPEN");
    const rows = await ownerQuery<{ comuneIstat: string; status: string }>(
      `SELECT "comuneIstat", status FROM "RoundSubmission" WHERE "roundId" = $1 ORDER BY "comuneIstat"`,
      [round.id],
    );
    expect(rows.map((r) => r.comuneIstat)).toEqual(await members(SLUG));
    expect(round.comuni).toBe(rows.length);
    expect(rows.every((r) => r.status === "NOT_STARTED")).toBe(true);
  });

  it("with no Smart Land: every member comune of every Smart Land, once", async () => {
    // A second Smart Land sharing a comune with the first, plus one of its own.
    await ownerQuery(
      `INSERT INTO "SmartLand" (slug, name, phase) VALUES ('prova-round', 'Prova rilevazioni', 'Fase 1') ON CONFLICT DO NOTHING`,
    );
    const melegnano = "015140";
    const other = (
      await ownerQuery<{ istat: string }>(
        `SELECT istat FROM "Comune" WHERE NOT member AND NOT suspended ORDER BY istat LIMIT 1`,
      )
    )[0].istat;
    await ownerQuery(
      `INSERT INTO "SmartLandMember" ("smartLandId", "comuneIstat") SELECT id, unnest($1::text[]) FROM "SmartLand" WHERE slug = 'prova-round' ON CONFLICT DO NOTHING`,
      [[melegnano, other]],
    );
    const round = await openRound(coordinator, roundInput({ smartLand: "" }));
    const rows = await ownerQuery<{ comuneIstat: string }>(
      `SELECT "comuneIstat" FROM "RoundSubmission" WHERE "roundId" = $1 ORDER BY "comuneIstat"`,
      [round.id],
    );
    const expected = [...new Set([...(await members(SLUG)), ...(await members("prova-round"))])].sort();
    expect(rows.map((r) => r.comuneIstat)).toEqual(expected);
    expect(round.smartLand).toBeNull();
  });

  it("is refused to officers and administrators; bad input gets Italian messages", async () => {
    await expect(openRound(officer, roundInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(openRound(admin, roundInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      openRound(coordinator, roundInput({ periodEnd: "01/01/2026", dueDate: "", smartLand: "nessuna" })),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: {
        periodEnd: ["La fine del periodo non può precedere l'inizio."],
        dueDate: ["Campo obbligatorio."],
      },
    });
    await expect(openRound(coordinator, roundInput({ smartLand: "non-esiste" }))).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});

describe("the wall", () => {
  let roundId: string;
  beforeAll(async () => {
    roundId = (await openRound(coordinator, roundInput({ title: "Muro" }))).id;
  });

  it("an officer reads their comune's submission only; another comune's is not found", async () => {
    const own = await getSubmissionForActor(officer, { roundId, istat: SAN_DONATO });
    expect(own.comune.istat).toBe(SAN_DONATO);
    expect(own.projects.length).toBeGreaterThan(0);
    await expect(getSubmissionForActor(paullo, { roundId, istat: SAN_DONATO })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      submitRound(paullo, { roundId, istat: SAN_DONATO }, { version: own.submission.version }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The board and a round's detail are regional: not for officers.
    await expect(getRoundBoard(officer, roundId, { page: 1, pageSize: 25 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getRound(officer, roundId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An officer's list: only rounds with their comune, with their own status.
    const list = await listRounds(officer);
    expect(list.find((r) => r.id === roundId)?.own?.status).toBe("NOT_STARTED");
    expect(list.every((r) => r.counts === null)).toBe(true);
  });

  it("an officer cannot validate or return; a coordinator cannot submit; an admin reads and changes nothing", async () => {
    const scope = { roundId, istat: SAN_DONATO };
    const { submission } = await getSubmissionForActor(admin, scope);
    const version = { version: submission.version };
    await expect(decideSubmission(officer, scope, "VALIDATED", version)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      decideSubmission(officer, scope, "RETURNED", { ...version, note: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitRound(coordinator, scope, version)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitRound(admin, scope, version)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideSubmission(admin, scope, "VALIDATED", version)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(closeRound(admin, roundId, { version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const board = await getRoundBoard(admin, roundId, { page: 1, pageSize: 100 });
    expect(board.counts.NOT_STARTED).toBe(board.counts.total);
  });

  it("RLS: the application role with another comune's settings sees none of it and cannot decide", async () => {
    const as = { role: "OFFICER", comune: PAULLO, user: paullo.userId };
    for (const table of ["RoundSubmission", "RoundSnapshot", "RoundEvent", "RoundProjectNote"]) {
      const rows = await appQuery(as, `SELECT * FROM "${table}" WHERE "comuneIstat" = $1`, [SAN_DONATO]);
      expect(rows, table).toEqual([]);
    }
    const own = await appQuery(as, `SELECT id FROM "RoundSubmission" WHERE "roundId" = $1`, [roundId]);
    expect(own).toHaveLength(1);
    // An officer may not validate their own submission, even bypassing lib/.
    await expect(
      appQuery(
        { role: "OFFICER", comune: SAN_DONATO, user: officer.userId },
        `UPDATE "RoundSubmission" SET status = 'VALIDATED' WHERE "roundId" = $1`,
        [roundId],
      ),
    ).rejects.toThrow(/row-level security/);
    // An administrator writes nothing.
    const updated = await appQuery(
      { role: "ADMIN", comune: null, user: admin.userId },
      `UPDATE "RoundSubmission" SET note = 'x' WHERE "roundId" = $1 RETURNING id`,
      [roundId],
    );
    expect(updated).toEqual([]);
    await expect(
      appQuery({ role: "ADMIN", comune: null, user: admin.userId }, `DELETE FROM "RoundSnapshot"`),
    ).rejects.toThrow(/permission denied/);
  });
});

describe("the workflow", () => {
  let roundId: string;
  const scope = () => ({ roundId, istat: SAN_DONATO });

  beforeAll(async () => {
    roundId = (await openRound(coordinator, roundInput({ title: "Flusso" }))).id;
  });

  it("an officer's first edit marks the submission in progress", async () => {
    const [project] = await ownerQuery<{ id: string }>(
      `SELECT id FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL AND "smartLandId" IS NOT NULL LIMIT 1`,
      [SAN_DONATO],
    );
    await appQuery(
      { role: "OFFICER", comune: SAN_DONATO, user: officer.userId },
      `UPDATE "Project" SET summary = summary || '' WHERE id = $1`,
      [project.id],
    );
    const page = await getSubmissionForActor(officer, scope());
    expect(page.submission.status).toBe("IN_PROGRESS");
    expect(page.history.map((h) => h.kind)).toEqual(["STARTED"]);
    expect(page.submission.version).toBe(1);
  });

  it("submit freezes the snapshot in one go; later edits do not change it", async () => {
    const before = await getSubmissionForActor(officer, scope());
    const done = await submitRound(officer, scope(), { version: before.submission.version });
    expect(done).toMatchObject({ status: "SUBMITTED", revision: 1 });
    const page = await getSubmissionForActor(coordinator, scope());
    expect(page.snapshot).toHaveLength(before.projects.length);
    const first = page.snapshot[0];
    const [live] = await ownerQuery<{ progress: number; committed: string }>(
      `SELECT p.progress, (SELECT COALESCE(sum("amountCommitted"), 0)::numeric(16,2)::text FROM "FundingLine" f WHERE f."projectId" = p.id) AS committed FROM "Project" p WHERE id = $1`,
      [first.projectId],
    );
    expect(first.progress).toBe(live.progress);
    expect(first.committed).toBe(live.committed);
    await ownerQuery(`UPDATE "Project" SET progress = $2, title = 'Cambiato dopo' WHERE id = $1`, [
      first.projectId,
      live.progress === 50 ? 51 : 50,
    ]);
    await ownerQuery(
      `UPDATE "FundingLine" SET "amountCommitted" = "amountCommitted" + 1 WHERE "projectId" = $1`,
      [first.projectId],
    );
    const again = await getSubmissionForActor(coordinator, scope());
    const frozen = again.snapshot.find((s) => s.projectId === first.projectId)!;
    expect(frozen.progress).toBe(first.progress);
    expect(frozen.title).toBe(first.title);
    expect(frozen.committed).toBe(first.committed);
    expect(frozen.payload.funding.length).toBeGreaterThanOrEqual(0);
  });

  it("a second submit and a stale decision are refused (409)", async () => {
    const page = await getSubmissionForActor(officer, scope());
    await expect(submitRound(officer, scope(), { version: page.submission.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      decideSubmission(coordinator, scope(), "VALIDATED", { version: page.submission.version - 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: SUBMISSION_CONFLICT });
  });

  it("return with notes → the officer sees them → resubmit → validate; the history keeps every step", async () => {
    const page = await getSubmissionForActor(coordinator, scope());
    const target = page.snapshot[0].projectId;
    await expect(
      decideSubmission(coordinator, scope(), "RETURNED", { version: page.submission.version, note: "" }),
    ).rejects.toMatchObject({ code: "INVALID" });
    const returned = await decideSubmission(coordinator, scope(), "RETURNED", {
      version: page.submission.version,
      note: "Aggiornate gli impegni.",
      projectNotes: [{ projectId: target, note: "Manca l'impegno del 2026." }],
    });
    expect(returned.status).toBe("RETURNED");
    // A submit racing the return, with the version read before it, does not win.
    await expect(submitRound(officer, scope(), { version: page.submission.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const seen = await getSubmissionForActor(officer, scope());
    expect(seen.submission.note).toBe("Aggiornate gli impegni.");
    expect(seen.projects.find((p) => p.id === target)?.note).toBe("Manca l'impegno del 2026.");
    const resubmitted = await submitRound(officer, scope(), { version: seen.submission.version });
    expect(resubmitted).toMatchObject({ status: "SUBMITTED", revision: 2 });
    const [{ count }] = await ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM "RoundSnapshot" s JOIN "RoundSubmission" r ON r.id = s."submissionId" WHERE r."roundId" = $1 AND r."comuneIstat" = $2`,
      [roundId, SAN_DONATO],
    );
    expect(count).toBe(seen.projects.length * 2); // both revisions kept
    const review = await getSubmissionForActor(coordinator, scope());
    expect(review.snapshot.find((s) => s.projectId === target)?.title).toBe("Cambiato dopo");
    const validated = await decideSubmission(coordinator, scope(), "VALIDATED", {
      version: review.submission.version,
    });
    expect(validated.status).toBe("VALIDATED");
    const final = await getSubmissionForActor(officer, scope());
    expect(final.history.map((h) => [h.kind, h.revision])).toEqual([
      ["STARTED", 0],
      ["SUBMITTED", 1],
      ["RETURNED", 1],
      ["SUBMITTED", 2],
      ["VALIDATED", 2],
    ]);
    expect(final.notes).toHaveLength(1);
    const audit = await ownerQuery<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE entity = 'RoundSubmission' AND "entityId" = $1 ORDER BY id`,
      [final.submission.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["SUBMIT", "RETURN", "SUBMIT", "VALIDATE"]);
  });

  it("blocking checks refuse the submission with the list; warnings do not", async () => {
    const round = await openRound(
      coordinator,
      roundInput({ title: "Verifiche", items: ["dates", "indicators"] }),
    );
    const [project] = await ownerQuery<{ id: string; title: string }>(
      `SELECT id, title FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL AND "smartLandId" IS NOT NULL ORDER BY id LIMIT 1`,
      [PAULLO],
    );
    await ownerQuery(`UPDATE "Project" SET status = 'EXECUTION', "actualStart" = NULL WHERE id = $1`, [
      project.id,
    ]);
    const s = { roundId: round.id, istat: PAULLO };
    const page = await getSubmissionForActor(paullo, s);
    expect(page.projects.find((p) => p.id === project.id)?.checks).toContainEqual(
      expect.objectContaining({
        item: "dates",
        severity: "error",
        href: `/comuni/${PAULLO}/interventi/${project.id}/modifica`,
      }),
    );
    const refused = await submitRound(paullo, s, { version: page.submission.version }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "INVALID", message: BLOCKING });
    expect((refused as { fieldErrors: Record<string, string[]> }).fieldErrors[project.id][0]).toMatch(
      /data di inizio effettivo/,
    );
    await ownerQuery(`UPDATE "Project" SET "actualStart" = '2026-03-01' WHERE id = $1`, [project.id]);
    await ownerQuery(
      `UPDATE "Project" SET "actualEnd" = '2026-09-01', progress = 100 WHERE "comuneIstat" = $1 AND status = 'COMPLETED' AND "actualEnd" IS NULL`,
      [PAULLO],
    );
    await ownerQuery(
      `UPDATE "Project" SET "actualStart" = COALESCE("actualStart", '2026-01-01') WHERE "comuneIstat" = $1 AND status IN ('EXECUTION', 'COMPLETED')`,
      [PAULLO],
    );
    const ok = await submitRound(paullo, s, { version: page.submission.version });
    expect(ok.status).toBe("SUBMITTED");
    // Closing: no more returns (and no submissions).
    const closed = await closeRound(coordinator, round.id, { version: 1 });
    expect(closed.state).toBe("CLOSED");
    const review = await getSubmissionForActor(coordinator, s);
    await expect(
      decideSubmission(coordinator, s, "RETURNED", { version: review.submission.version, note: "Tardi" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: ROUND_NOT_OPEN });
    await expect(closeRound(coordinator, round.id, { version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("lateness and the board", () => {
  it("counts Rome's days: just after midnight in Rome the due day is past", () => {
    const due = new Date(Date.UTC(2026, 11, 10)); // 10/12/2026
    expect(daysLate("IN_PROGRESS", due, new Date("2026-12-10T22:59:00Z"))).toBe(0); // 23:59 in Rome
    expect(daysLate("IN_PROGRESS", due, new Date("2026-12-10T23:01:00Z"))).toBe(1); // 00:01 on the 11th
    expect(daysLate("RETURNED", due, new Date("2026-12-13T00:00:00Z"))).toBe(3);
    expect(daysLate("SUBMITTED", due, new Date("2026-12-20T00:00:00Z"))).toBe(0);
    expect(daysLate("VALIDATED", due, new Date("2026-12-20T00:00:00Z"))).toBe(0);
    // Summer time: Rome is UTC+2.
    const summer = new Date(Date.UTC(2026, 6, 10));
    expect(daysLate("NOT_STARTED", summer, new Date("2026-07-10T21:59:00Z"))).toBe(0);
    expect(daysLate("NOT_STARTED", summer, new Date("2026-07-10T22:01:00Z"))).toBe(1);
  });

  it("the board: days late on Rome's calendar, filters, counts and pages", async () => {
    const round = await openRound(coordinator, roundInput({ title: "Quadro", dueDate: "10/12/2026" }));
    const s = await getSubmissionForActor(officer, { roundId: round.id, istat: SAN_DONATO });
    await submitRound(officer, { roundId: round.id, istat: SAN_DONATO }, { version: s.submission.version });
    const justAfter = new Date("2026-12-10T23:01:00Z");
    const board = await getRoundBoard(coordinator, round.id, { page: 1, pageSize: 5 }, justAfter);
    expect(board.counts.total).toBe((await members(SLUG)).length);
    expect(board.counts.SUBMITTED).toBe(1);
    expect(board.counts.late).toBe(board.counts.total - 1);
    expect(board.data).toHaveLength(5);
    expect(board.meta.total).toBe(board.counts.total);
    const late = await getRoundBoard(
      coordinator,
      round.id,
      { page: 1, pageSize: 100, late: true },
      justAfter,
    );
    expect(late.data.every((r) => r.daysLate === 1 && r.status !== "SUBMITTED")).toBe(true);
    expect(late.meta.total).toBe(board.counts.total - 1);
    const before = await getRoundBoard(
      coordinator,
      round.id,
      { page: 1, pageSize: 100, late: true },
      new Date("2026-12-10T22:59:00Z"),
    );
    expect(before.data).toEqual([]);
    const submitted = await getRoundBoard(coordinator, round.id, {
      page: 1,
      pageSize: 100,
      status: "SUBMITTED",
    });
    expect(submitted.data.map((r) => r.istat)).toEqual([SAN_DONATO]);
    const byProvince = await getRoundBoard(coordinator, round.id, { page: 1, pageSize: 100, province: "mi" });
    expect(byProvince.meta.total).toBe(board.counts.total);
    const none = await getRoundBoard(coordinator, round.id, { page: 1, pageSize: 100, province: "BG" });
    expect(none.data).toEqual([]);
  });
});

describe("a round's validated figures: phases, OpenCoesione export, validated vs live", () => {
  let roundId: string;
  let project: { id: string; cup: string | null; localCode: string | null };
  const scope = () => ({ roundId, istat: SAN_DONATO });

  beforeAll(async () => {
    roundId = (await openRound(coordinator, roundInput({ title: "Esportazione OpenCoesione" }))).id;
    [project] = await ownerQuery<{ id: string; cup: string | null; localCode: string | null }>(
      `SELECT id, cup, "localCode" FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL AND "smartLandId" = (SELECT id FROM "SmartLand" WHERE slug = $2) ORDER BY id LIMIT 1`,
      [SAN_DONATO, SLUG],
    );
    await ownerQuery(`DELETE FROM "ProjectPhase" WHERE "projectId" = $1`, [project.id]);
    await ownerQuery(
      `INSERT INTO "ProjectPhase" ("projectId", "comuneIstat", kind, "plannedStart", "plannedEnd", "actualStart", "actualEnd")
       VALUES ($1, $2, 'EXECUTION', '2026-03-01', '2026-12-31', '2026-03-15', NULL),
              ($1, $2, 'AWARD', '2025-10-01', '2025-12-31', '2025-10-05', '2026-01-20')`,
      [project.id, SAN_DONATO],
    );
    await ownerQuery(
      `UPDATE "Project" SET title = '=SOMMA(1;2) Piazza', status = 'EXECUTION', progress = 40, "localCode" = 'SDM-OC-1', "totalCost" = 5000,
         "plannedStart" = '2025-09-01', "plannedEnd" = '2027-06-30', "actualStart" = '2025-09-10', "actualEnd" = NULL
       WHERE id = $1`,
      [project.id],
    );
    await ownerQuery(`DELETE FROM "FundingLine" WHERE "projectId" = $1`, [project.id]);
    await ownerQuery(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountCommitted", "amountPaid")
       VALUES ($1, $2, 'EU_FESR', 2026, 1000.50, 500, 250.25), ($1, $2, 'REGION', 2026, 2000, 1500, 0),
              ($1, $2, 'PNRR', 2025, 300, 300, 300), ($1, $2, 'COMUNE', 2026, 99.99, 0, 0)`,
      [project.id, SAN_DONATO],
    );
    const page = await getSubmissionForActor(officer, scope());
    await submitRound(officer, scope(), { version: page.submission.version });
    const review = await getSubmissionForActor(coordinator, scope());
    await decideSubmission(coordinator, scope(), "VALIDATED", { version: review.submission.version });
    // Paullo transmits and is not validated: only in the «trasmessi» export.
    const paulloPage = await getSubmissionForActor(paullo, { roundId, istat: PAULLO });
    await submitRound(paullo, { roundId, istat: PAULLO }, { version: paulloPage.submission.version });
  });

  it("the snapshot freezes the phases' planned and actual dates in procedural order", async () => {
    const page = await getSubmissionForActor(coordinator, scope());
    const frozen = page.snapshot.find((s) => s.projectId === project.id)!;
    expect(frozen.payload.phases).toEqual([
      {
        kind: "AWARD",
        plannedStart: "2025-10-01",
        plannedEnd: "2025-12-31",
        actualStart: "2025-10-05",
        actualEnd: "2026-01-20",
      },
      {
        kind: "EXECUTION",
        plannedStart: "2026-03-01",
        plannedEnd: "2026-12-31",
        actualStart: "2026-03-15",
        actualEnd: null,
      },
    ]);
    await ownerQuery(
      `UPDATE "ProjectPhase" SET "actualEnd" = '2026-04-01' WHERE "projectId" = $1 AND kind = 'EXECUTION'`,
      [project.id],
    );
    const again = await getSubmissionForActor(coordinator, scope());
    expect(again.snapshot.find((s) => s.projectId === project.id)!.payload.phases?.[1].actualEnd).toBeNull();
    const other = page.snapshot.find((s) => s.projectId !== project.id);
    if (other) expect(Array.isArray(other.payload.phases)).toBe(true);
  });

  it("exports the validated snapshots in OpenCoesione's layout: header and values exactly, formulas neutralised", async () => {
    const response = await exportRound(coordinator, roundId, "csv", "validati");
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n").filter(Boolean);
    const phases = [
      "STUDIO_FATT",
      "PROG_PREL",
      "PROG_DEF",
      "PROG_ESEC",
      "AGG_BANDO",
      "STIP_ATTRIB",
      "ESECUZIONE",
      "COLLAUDO",
    ];
    expect(lines[0]).toBe(
      [
        "COD_LOCALE_PROGETTO",
        "CUP",
        "OC_TITOLO_PROGETTO",
        "COD_COMUNE",
        "DEN_COMUNE",
        "SL_COD_FILONE",
        "SL_FILONE",
        "OC_STATO_PROCEDURALE",
        "SL_AVANZAMENTO",
        "SL_COSTO_TOTALE",
        "FINANZ_UE",
        "FINANZ_UE_FESR",
        "FINANZ_UE_FSE",
        "FINANZ_STATO_FSC",
        "FINANZ_STATO_ALTRI_PROVVEDIMENTI",
        "FINANZ_REGIONE",
        "FINANZ_PROVINCIA",
        "FINANZ_COMUNE",
        "FINANZ_ALTRO_PUBBLICO",
        "FINANZ_PRIVATO",
        "FINANZ_TOTALE_PUBBLICO",
        "FINANZ_DA_REPERIRE",
        "IMPEGNI",
        "TOT_PAGAMENTI",
        "SL_DATA_INIZIO_PROGETTO_PREVISTA",
        "OC_DATA_INIZIO_PROGETTO",
        "OC_DATA_FINE_PROGETTO_PREVISTA",
        "OC_DATA_FINE_PROGETTO_EFFETTIVA",
        ...phases.flatMap((c) => [
          `DATA_INIZIO_PREV_${c}`,
          `DATA_FINE_PREV_${c}`,
          `DATA_INIZIO_EFF_${c}`,
          `DATA_FINE_EFF_${c}`,
        ]),
        "SL_RILEVAZIONE",
        "SL_PERIODO_INIZIO",
        "SL_PERIODO_FINE",
        "SL_STATO_INVIO",
        "DATA_AGGIORNAMENTO",
        "SL_DATA_VALIDAZIONE",
      ].join(";"),
    );
    const [live] = await ownerQuery<{
      cup: string | null;
      stream: string;
      streamName: string;
      comune: string;
      submitted: string;
      validated: string;
    }>(
      `SELECT p.cup, st.code AS stream, st.name AS "streamName", c.name AS comune,
         to_char(sub."submittedAt" AT TIME ZONE 'Europe/Rome', 'YYYYMMDD') AS submitted,
         to_char(sub."validatedAt" AT TIME ZONE 'Europe/Rome', 'YYYYMMDD') AS validated
       FROM "Project" p JOIN "Stream" st ON st.id = p."streamId" JOIN "Comune" c ON c.istat = p."comuneIstat"
       JOIN "RoundSubmission" sub ON sub."roundId" = $2 AND sub."comuneIstat" = p."comuneIstat" WHERE p.id = $1`,
      [project.id, roundId],
    );
    const row = lines.find((l) => l.startsWith("SDM-OC-1;"));
    const empty = (n: number) => Array<string>(n).fill("");
    const csvText = (t: string) => (/[;,"]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
    expect(row).toBe(
      [
        "SDM-OC-1",
        live.cup ?? "",
        `"'=SOMMA(1;2) Piazza"`,
        SAN_DONATO,
        csvText(live.comune),
        live.stream,
        csvText(live.streamName),
        "In esecuzione",
        "40",
        `"5000,00"`,
        `"1300,50"`,
        `"1000,50"`,
        `"0,00"`,
        `"0,00"`,
        `"0,00"`,
        `"2000,00"`,
        `"0,00"`,
        `"99,99"`,
        `"0,00"`,
        `"0,00"`,
        `"3400,49"`,
        `"1599,51"`,
        `"2300,00"`,
        `"550,25"`,
        "20250901",
        "20250910",
        "20270630",
        "",
        ...empty(16),
        "20251001",
        "20251231",
        "20251005",
        "20260120",
        ...empty(4),
        "20260301",
        "20261231",
        "20260315",
        "",
        ...empty(4),
        "Esportazione OpenCoesione",
        "20260701",
        "20261231",
        "Validato",
        live.submitted,
        live.validated,
      ].join(";"),
    );
    const [{ count }] = await ownerQuery<{ count: number }>(
      `SELECT count(*)::int AS count FROM "RoundSnapshot" s JOIN "RoundSubmission" sub ON sub.id = s."submissionId" AND s.revision = sub.revision
       WHERE sub."roundId" = $1 AND sub.status = 'VALIDATED'`,
      [roundId],
    );
    expect(lines).toHaveLength(count + 1);
    expect(lines.slice(1).every((l) => l.split(";")[3] === SAN_DONATO || l.includes('"'))).toBe(true);
    const all = (await (await exportRound(admin, roundId, "csv", "trasmessi")).text())
      .split("\r\n")
      .filter(Boolean);
    expect(all.length).toBeGreaterThan(lines.length);
    expect(all.some((l) => l.includes(`;${PAULLO};`))).toBe(true);
    expect(lines.some((l) => l.includes(`;${PAULLO};`))).toBe(false);
    const xlsx = await exportRound(coordinator, roundId, "xlsx", "validati");
    expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("the export is the region's: an officer (of this or another comune) and an unknown round get 404", async () => {
    await expect(exportRound(officer, roundId, "csv", "validati")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(exportRound(paullo, roundId, "xlsx", "trasmessi")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      exportRound(coordinator, "00000000-0000-0000-0000-000000000000", "csv", "validati"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a round with nothing validated compares to zeros", async () => {
    const empty = await openRound(coordinator, roundInput({ title: "Niente validato" }));
    const c = await getRoundComparison(coordinator, empty.id);
    expect(c.comuni).toBe(0);
    expect(c.byStream).toEqual([]);
    expect(c.total.validated).toEqual({ projects: 0, planned: "0.00", committed: "0.00", paid: "0.00" });
    expect(c.total.difference.paid).toBe("0.00");
  });

  it("the validated figures beside the live ones: exact sums by stream, comune and total; a live change shows as the difference", async () => {
    const [expected] = await ownerQuery<{ v: string; vc: string; l: string; n: number }>(
      `SELECT (SELECT (sum(s."plannedCents") / 100)::numeric(16,2)::text FROM "RoundSnapshot" s JOIN "RoundSubmission" sub ON sub.id = s."submissionId" AND s.revision = sub.revision WHERE sub."roundId" = $1 AND sub.status = 'VALIDATED') AS v,
              (SELECT (sum(s."committedCents") / 100)::numeric(16,2)::text FROM "RoundSnapshot" s JOIN "RoundSubmission" sub ON sub.id = s."submissionId" AND s.revision = sub.revision WHERE sub."roundId" = $1 AND sub.status = 'VALIDATED') AS vc,
              (SELECT COALESCE(sum(f."amountPlanned"), 0)::numeric(16,2)::text FROM "FundingLine" f JOIN "Project" p ON p.id = f."projectId" WHERE p."comuneIstat" = $2 AND p."deletedAt" IS NULL AND p."smartLandId" = (SELECT id FROM "SmartLand" WHERE slug = $3)) AS l,
              (SELECT count(*)::int FROM "Project" p WHERE p."comuneIstat" = $2 AND p."deletedAt" IS NULL AND p."smartLandId" = (SELECT id FROM "SmartLand" WHERE slug = $3)) AS n`,
      [roundId, SAN_DONATO, SLUG],
    );
    const before = await getRoundComparison(coordinator, roundId);
    expect(before.comuni).toBe(1);
    expect(before.byComune.map((r) => r.key)).toEqual([SAN_DONATO]);
    expect(before.total.validated.planned).toBe(expected.v);
    expect(before.total.validated.committed).toBe(expected.vc);
    expect(before.total.live.planned).toBe(expected.l);
    expect(before.total.live.projects).toBe(expected.n);
    expect(before.byStream.reduce((n, r) => n + r.validated.projects, 0)).toBe(
      before.total.validated.projects,
    );
    const [{ code }] = await ownerQuery<{ code: string }>(
      `SELECT st.code FROM "Project" p JOIN "Stream" st ON st.id = p."streamId" WHERE p.id = $1`,
      [project.id],
    );
    const streamBefore = before.byStream.find((r) => r.key === code)!;
    await ownerQuery(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountCommitted", "amountPaid")
       VALUES ($1, $2, 'STATE', 2027, 100, 10.05, 0)`,
      [project.id, SAN_DONATO],
    );
    const after = await getRoundComparison(admin, roundId);
    const streamAfter = after.byStream.find((r) => r.key === code)!;
    expect(streamAfter.validated).toEqual(streamBefore.validated);
    expect(sumMoney([streamAfter.difference.planned, `-${streamBefore.difference.planned}`])).toBe("100.00");
    expect(sumMoney([streamAfter.difference.committed, `-${streamBefore.difference.committed}`])).toBe(
      "10.05",
    );
    expect(after.total.live.planned).toBe(sumMoney([expected.l, "100"]));
    await expect(getRoundComparison(officer, roundId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
