// Phases and a timeline (issue #18, item 5): a project's cronoprogramma is written by its comune's officers
// only (lib and API), with Italian messages, a version per phase (stale → 409), an audit event per change;
// a partner comune reads it; another comune gets 404; RLS repeats the wall; the coordinator's milestones
// classify late / due on Rome's day, also just after midnight.
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { listMilestones } from "@/lib/phases/milestones";
import { getProjectPhases, PHASES_CONFLICT, saveProjectPhases } from "@/lib/phases/phases";
import { getComuneTimeline } from "@/lib/phases/timeline";
import { publishProject } from "@/lib/projects/publish-project";
import { getPublicProjectPage } from "@/lib/public/public-project";
import { createApiToken } from "@/lib/users/api-tokens";
import { call } from "./api-harness";
import {
  actorFor,
  appQuery,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

let sanDonato: Actor;
let paullo: Actor;
let melegnano: Actor;
let coordinator: Actor;
let streamId = "";
let slug = "";
const tokens: Record<string, string> = {};

beforeAll(async () => {
  [sanDonato, paullo, melegnano, coordinator] = await Promise.all([
    actorFor(OFFICER_SAN_DONATO),
    actorFor(OFFICER_PAULLO),
    actorFor(OFFICER_MELEGNANO),
    actorFor(COORDINATOR),
  ]);
  [{ id: streamId }] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" WHERE NOT archived LIMIT 1`);
  [{ slug }] = await ownerQuery<{ slug: string }>(
    `SELECT s.slug FROM "SmartLand" s JOIN "SmartLandMember" m ON m."smartLandId" = s.id
      WHERE m."comuneIstat" = $1 ORDER BY s.slug LIMIT 1`,
    [SAN_DONATO],
  );
  tokens.sanDonato = (await createApiToken(sanDonato, { name: "fasi" })).token;
  tokens.melegnano = (await createApiToken(melegnano, { name: "fasi" })).token;
  tokens.paullo = (await createApiToken(paullo, { name: "fasi" })).token;
  tokens.coordinator = (await createApiToken(coordinator, { name: "fasi" })).token;
});

afterEach(() => {
  vi.useRealTimers();
});

let seq = 0;
/** A fresh project of San Donato with Paullo as partner (no smart land: it belongs to its members' SL). */
async function newProject(): Promise<string> {
  const [{ id }] = await ownerQuery<{ id: string }>(
    `INSERT INTO "Project" ("comuneIstat", "streamId", title, "plannedStart", "plannedEnd")
     VALUES ($1, $2, $3, '2026-01-01', '2027-12-31') RETURNING id`,
    [SAN_DONATO, streamId, `Cronoprogramma ${++seq} ${Date.now().toString(36)}`],
  );
  await ownerQuery(
    `INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat") VALUES ($1, $2, $3)`,
    [id, SAN_DONATO, PAULLO],
  );
  return id;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const NOW = new Date("2026-12-06T10:00:00Z");

describe("writing and reading a project's phases", () => {
  it("records phases, reads them back in procedural order, audits each one", async () => {
    const id = await newProject();
    const saved = await saveProjectPhases(
      sanDonato,
      id,
      {
        phases: [
          {
            kind: "EXECUTION",
            plannedStart: "01/09/2026",
            plannedEnd: "31/08/2027",
            actualStart: "15/09/2026",
            version: 0,
          },
          {
            kind: "FEASIBILITY",
            plannedStart: "2026-01-10",
            plannedEnd: "2026-03-31",
            actualStart: "2026-01-12",
            actualEnd: "2026-04-20",
            version: 0,
          },
        ],
      },
      NOW,
    );
    expect(saved.phases.map((p) => p.kind)).toEqual([
      "FEASIBILITY",
      "PRELIMINARY_DESIGN",
      "FINAL_DESIGN",
      "EXECUTIVE_DESIGN",
      "AWARD",
      "CONTRACT",
      "EXECUTION",
      "TESTING",
    ]);
    const feas = saved.phases[0]!;
    expect(feas).toMatchObject({
      plannedEnd: "2026-03-31",
      actualEnd: "2026-04-20",
      version: 1,
      state: "DONE_LATE",
    });
    expect(saved.phases[6]).toMatchObject({
      actualStart: "2026-09-15",
      state: "RUNNING",
      ocCode: "ESECUZIONE",
    });
    expect(saved.phases[1]).toMatchObject({ id: null, version: 0, state: "UNPLANNED" });
    const audit = await ownerQuery<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM "AuditEvent" WHERE entity = 'ProjectPhase' AND "entityId" = ANY($1) GROUP BY action`,
      [saved.phases.filter((p) => p.id).map((p) => p.id)],
    );
    expect(audit).toEqual([{ action: "CREATE", n: 2 }]);

    // An update bumps the version; an emptied phase is removed.
    const again = await saveProjectPhases(
      sanDonato,
      id,
      {
        phases: [
          {
            kind: "EXECUTION",
            plannedStart: "01/09/2026",
            plannedEnd: "30/09/2027",
            actualStart: "15/09/2026",
            version: 1,
          },
          { kind: "FEASIBILITY", version: 1 },
        ],
      },
      NOW,
    );
    expect(again.phases[6]).toMatchObject({ plannedEnd: "2027-09-30", version: 2 });
    expect(again.phases[0]).toMatchObject({ id: null, version: 0 });
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ProjectPhase" WHERE "projectId" = $1`,
      [id],
    );
    expect(n).toBe(1);
  });

  it("Italian messages next to each phase's field: end before start, actual date in the future", async () => {
    const id = await newProject();
    const e = await rejection(
      saveProjectPhases(
        sanDonato,
        id,
        {
          phases: [
            { kind: "AWARD", plannedStart: "01/06/2026", plannedEnd: "01/05/2026", version: 0 },
            { kind: "CONTRACT", actualStart: "01/12/2026", actualEnd: "07/12/2026", version: 0 },
            { kind: "TESTING", plannedStart: "31/02/2026", version: 0 },
          ],
        },
        NOW,
      ),
    );
    expect(e.code).toBe("INVALID");
    expect(e.fieldErrors["AWARD.plannedEnd"]).toEqual([
      "La data di fine non può precedere la data di inizio.",
    ]);
    expect(e.fieldErrors["CONTRACT.actualEnd"]).toEqual(["La data effettiva non può essere nel futuro."]);
    expect(e.fieldErrors["TESTING.plannedStart"]?.[0]).toMatch(/^Data non valida/);
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ProjectPhase" WHERE "projectId" = $1`,
      [id],
    );
    expect(n).toBe(0);
  });

  it("overlapping phases are a warning, not an error; the project's dates are checked for consistency", async () => {
    const id = await newProject();
    const saved = await saveProjectPhases(
      sanDonato,
      id,
      {
        phases: [
          { kind: "EXECUTIVE_DESIGN", plannedStart: "01/02/2026", plannedEnd: "30/06/2026", version: 0 },
          { kind: "AWARD", plannedStart: "01/06/2026", plannedEnd: "31/07/2026", version: 0 },
          { kind: "TESTING", plannedStart: "01/01/2028", plannedEnd: "31/03/2028", version: 0 },
        ],
      },
      NOW,
    );
    expect(saved.warnings).toEqual([
      "«Affidamento e aggiudicazione» inizia (01/06/2026) prima della fine prevista di «Progettazione esecutiva» (30/06/2026).",
    ]);
    expect(saved.consistency).toContain(
      "Una fase finisce (31/03/2028) dopo la fine prevista dell'intervento (31/12/2027).",
    );
  });

  it("a stale version is refused (409) and nothing is written", async () => {
    const id = await newProject();
    await saveProjectPhases(
      sanDonato,
      id,
      { phases: [{ kind: "AWARD", plannedEnd: "31/07/2026", version: 0 }] },
      NOW,
    );
    await saveProjectPhases(
      sanDonato,
      id,
      { phases: [{ kind: "AWARD", plannedEnd: "31/08/2026", version: 1 }] },
      NOW,
    );
    const e = await rejection(
      saveProjectPhases(
        sanDonato,
        id,
        {
          phases: [
            { kind: "CONTRACT", plannedEnd: "30/09/2026", version: 0 },
            { kind: "AWARD", plannedEnd: "15/07/2026", version: 1 },
          ],
        },
        NOW,
      ),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe(PHASES_CONFLICT);
    expect(e.message).toContain("modificate da un altro utente");
    const rows = await ownerQuery<{ kind: string; plannedEnd: string }>(
      `SELECT kind, "plannedEnd"::text AS "plannedEnd" FROM "ProjectPhase" WHERE "projectId" = $1`,
      [id],
    );
    expect(rows).toEqual([{ kind: "AWARD", plannedEnd: "2026-08-31" }]);
    // Recording a phase someone else recorded meanwhile (version 0) is the same conflict.
    const e2 = await rejection(
      saveProjectPhases(
        sanDonato,
        id,
        { phases: [{ kind: "AWARD", plannedEnd: "15/07/2026", version: 0 }] },
        NOW,
      ),
    );
    expect(e2.code).toBe("CONFLICT");
  });
});

describe("the wall", () => {
  it("another comune: 404 on read and write; a partner reads but does not write; the coordinator reads", async () => {
    const id = await newProject();
    await saveProjectPhases(
      sanDonato,
      id,
      { phases: [{ kind: "AWARD", plannedEnd: "31/07/2026", version: 0 }] },
      NOW,
    );
    expect((await rejection(getProjectPhases(melegnano, id))).code).toBe("NOT_FOUND");
    expect(
      (await rejection(saveProjectPhases(melegnano, id, { phases: [{ kind: "AWARD", version: 1 }] }))).code,
    ).toBe("NOT_FOUND");
    const partner = await getProjectPhases(paullo, id);
    expect(partner.canWrite).toBe(false);
    expect(partner.phases[4]!.plannedEnd).toBe("2026-07-31");
    expect(
      (await rejection(saveProjectPhases(paullo, id, { phases: [{ kind: "AWARD", version: 1 }] }))).code,
    ).toBe("NOT_FOUND");
    expect((await getProjectPhases(coordinator, id)).canWrite).toBe(false);
    expect(
      (await rejection(saveProjectPhases(coordinator, id, { phases: [{ kind: "AWARD", version: 1 }] }))).code,
    ).toBe("NOT_FOUND");
    // The comune's timeline: another comune's → 404.
    expect((await rejection(getComuneTimeline(melegnano, SAN_DONATO, {}))).code).toBe("NOT_FOUND");
    const timeline = await getComuneTimeline(sanDonato, SAN_DONATO, {});
    expect(timeline.total).toBeGreaterThan(0);
    expect(timeline.rows.every((r) => r.phases.length === 8)).toBe(true);
  });

  it("API: GET/PUT with problem+json, 409 on a stale version, 404 for another comune, 404 for a partner's PUT", async () => {
    const id = await newProject();
    const put = await call("put", `projects/${id}/phases`, {
      token: tokens.sanDonato,
      json: {
        phases: [{ kind: "EXECUTION", plannedStart: "2026-09-01", plannedEnd: "2027-08-31", version: 0 }],
      },
    });
    expect(put.status).toBe(200);
    const stale = await call("put", `projects/${id}/phases`, {
      token: tokens.sanDonato,
      json: { phases: [{ kind: "EXECUTION", plannedEnd: "2027-09-30", version: 0 }] },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    const bad = await call("put", `projects/${id}/phases`, {
      token: tokens.sanDonato,
      json: {
        phases: [{ kind: "EXECUTION", plannedStart: "2027-09-30", plannedEnd: "2027-08-31", version: 1 }],
      },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("La data di fine non può precedere la data di inizio.");
    expect((await call("get", `projects/${id}/phases`, { token: tokens.melegnano })).status).toBe(404);
    expect(
      (
        await call("put", `projects/${id}/phases`, {
          token: tokens.melegnano,
          json: { phases: [{ kind: "EXECUTION", version: 1 }] },
        })
      ).status,
    ).toBe(404);
    const partner = await call("get", `projects/${id}/phases`, { token: tokens.paullo });
    expect(partner.status).toBe(200);
    expect(
      (
        await call("put", `projects/${id}/phases`, {
          token: tokens.paullo,
          json: { phases: [{ kind: "EXECUTION", version: 1 }] },
        })
      ).status,
    ).toBe(404);
    // Milestones: officers get 404, the coordinator a page.
    expect((await call("get", `smart-lands/${slug}/milestones`, { token: tokens.sanDonato })).status).toBe(
      404,
    );
    const ms = await call("get", `smart-lands/${slug}/milestones?vista=in_scadenza&giorni=90`, {
      token: tokens.coordinator,
    });
    expect(ms.status).toBe(200);
    expect(
      (await call("get", `smart-lands/${slug}/milestones?giorni=45`, { token: tokens.coordinator })).status,
    ).toBe(422);
  });

  it("RLS: another comune's officer sees no phase and cannot write one; the partner reads; nobody but the owner writes", async () => {
    const id = await newProject();
    await saveProjectPhases(
      sanDonato,
      id,
      { phases: [{ kind: "AWARD", plannedEnd: "31/07/2026", version: 0 }] },
      NOW,
    );
    const officer = (comune: string) => ({ role: "OFFICER", comune });
    expect(
      await appQuery(officer(MELEGNANO), `SELECT id FROM "ProjectPhase" WHERE "projectId" = $1`, [id]),
    ).toEqual([]);
    expect(
      await appQuery(officer(PAULLO), `SELECT id FROM "ProjectPhase" WHERE "projectId" = $1`, [id]),
    ).toHaveLength(1);
    const updated = await appQuery(
      officer(PAULLO),
      `UPDATE "ProjectPhase" SET note = 'x' WHERE "projectId" = $1 RETURNING id`,
      [id],
    );
    expect(updated).toEqual([]);
    await expect(
      appQuery(
        officer(MELEGNANO),
        `INSERT INTO "ProjectPhase" ("projectId", "comuneIstat", kind) VALUES ($1, $2, 'CONTRACT')`,
        [id, SAN_DONATO],
      ),
    ).rejects.toThrow(/row-level security/);
    expect(
      await appQuery(
        { role: "COORDINATOR", comune: null },
        `DELETE FROM "ProjectPhase" WHERE "projectId" = $1 RETURNING id`,
        [id],
      ),
    ).toEqual([]);
    expect(await appQuery({ role: "PUBLIC", comune: null }, `SELECT id FROM "ProjectPhase"`)).toEqual([]);
  });
});

describe("the public project page", () => {
  it("a publication copies the phases (dates, never the note); a later edit waits for the next one", async () => {
    const id = await newProject();
    await saveProjectPhases(
      sanDonato,
      id,
      {
        phases: [
          {
            kind: "EXECUTION",
            plannedStart: "01/09/2026",
            plannedEnd: "31/08/2027",
            actualStart: "15/09/2026",
            note: "Nota interna",
            version: 0,
          },
          { kind: "FEASIBILITY", plannedStart: "10/01/2026", plannedEnd: "31/03/2026", version: 0 },
        ],
      },
      NOW,
    );
    await publishProject(sanDonato, id, 1);
    const page = await getPublicProjectPage(id);
    expect(page.phases).toEqual([
      {
        kind: "FEASIBILITY",
        plannedStart: "2026-01-10",
        plannedEnd: "2026-03-31",
        actualStart: null,
        actualEnd: null,
      },
      {
        kind: "EXECUTION",
        plannedStart: "2026-09-01",
        plannedEnd: "2027-08-31",
        actualStart: "2026-09-15",
        actualEnd: null,
      },
    ]);
    expect(JSON.stringify(page)).not.toContain("Nota interna");
    await saveProjectPhases(sanDonato, id, { phases: [{ kind: "FEASIBILITY", version: 1 }] }, NOW);
    expect((await getPublicProjectPage(id)).phases).toHaveLength(2);
  });
});

describe("the coordinator's milestones", () => {
  it("late vs due just after midnight in Rome (UTC still on the day before)", async () => {
    const id = await newProject();
    // 06/12/2026 00:30 in Rome = 05/12/2026 23:30 UTC.
    const afterMidnight = new Date("2026-12-05T23:30:00Z");
    await ownerQuery(
      `INSERT INTO "ProjectPhase" ("projectId", "comuneIstat", kind, "plannedEnd", "actualEnd") VALUES
        ($1, $2, 'FEASIBILITY', '2026-12-05', NULL),
        ($1, $2, 'PRELIMINARY_DESIGN', '2026-12-06', NULL),
        ($1, $2, 'FINAL_DESIGN', '2027-01-05', NULL),
        ($1, $2, 'EXECUTIVE_DESIGN', '2027-02-10', NULL),
        ($1, $2, 'AWARD', '2026-11-01', '2026-11-15')`,
      [id, SAN_DONATO],
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(afterMidnight);
    const late = await listMilestones(coordinator, {
      view: "late",
      comune: SAN_DONATO,
      smartLand: slug,
      pageSize: 100,
    });
    const due30 = await listMilestones(coordinator, {
      view: "due",
      days: 30,
      comune: SAN_DONATO,
      pageSize: 100,
    });
    const due90 = await listMilestones(coordinator, {
      view: "due",
      days: 90,
      comune: SAN_DONATO,
      pageSize: 100,
    });
    vi.useRealTimers();
    const mine = (page: typeof late) =>
      page.rows.filter((r) => r.projectId === id).map((r) => [r.kind, r.days]);
    expect(late.today).toBe("2026-12-06");
    expect(mine(late)).toEqual([["FEASIBILITY", 1]]);
    expect(mine(due30)).toEqual([
      ["PRELIMINARY_DESIGN", 0],
      ["FINAL_DESIGN", 30],
    ]);
    expect(mine(due90)).toEqual([
      ["PRELIMINARY_DESIGN", 0],
      ["FINAL_DESIGN", 30],
      ["EXECUTIVE_DESIGN", 66],
    ]);
    // Sorted by date across the page.
    const dates = late.rows.map((r) => r.plannedEnd);
    expect([...dates].sort()).toEqual(dates);
    expect((await rejection(listMilestones(sanDonato, { view: "late" }))).code).toBe("NOT_FOUND");
  });

  it("the late range is read from the partial index of open milestones", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      // A small test table would be read sequentially anyway: forbid that to see which index serves the query.
      await client.query("SET enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT ph.id FROM "ProjectPhase" ph WHERE ph."actualEnd" IS NULL AND ph."plannedEnd" IS NOT NULL
           AND ph."plannedEnd" < '2026-12-06'::date ORDER BY ph."plannedEnd", ph."projectId" LIMIT 25`,
      );
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("ProjectPhase_open_plannedEnd_idx");
    } finally {
      await client.end();
    }
  });
});
