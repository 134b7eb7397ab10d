import { beforeAll, describe, expect, it } from "vitest";
import {
  createAction,
  createFundingLine,
  createIndicator,
  deleteAction,
  deleteFundingLine,
  deleteIndicator,
  updateAction,
  updateFundingLine,
  updateIndicator,
} from "@/lib/api/child-records";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getProjectForActor } from "@/lib/projects/get-project";
import { createProject, deleteProject, restoreProject, updateProject } from "@/lib/projects/save-project";
import {
  actorFor,
  ADMIN,
  COORDINATOR,
  MELEGNANO,
  OFFICER_MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

// The write wall: every write function of the workspace, called by someone who may read the target (or not)
// but may not write it, answers NOT_FOUND and changes nothing — not the project, not its children, not the
// audit log. Each function × actor pair below is one listed case.

// ---------------------------------------------------------------------------------------------------------
// Fixtures

type ChildTable = "FundingLine" | "Action" | "Indicator";

/** A target: a live project, one existing child of each kind, and a soft-deleted project of the same owner. */
type Target = { owner: string; projectId: string; deletedProjectId: string };

async function activeStreamId(): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`,
  );
  return row.id;
}

/** The first child of a project, with its current version (read when the case runs). */
async function childOf(table: ChildTable, projectId: string): Promise<{ id: string; version: number }> {
  const [row] = await ownerQuery<{ id: string; version: number }>(
    `SELECT id, version FROM "${table}" WHERE "projectId" = $1 ORDER BY id LIMIT 1`,
    [projectId],
  );
  if (!row) throw new Error(`no ${table} under project ${projectId}`);
  return row;
}

/** A complete, valid update body for a project, built from its stored row (so only the guard can refuse it). */
async function projectBody(projectId: string, changes: Record<string, unknown> = {}) {
  const [p] = await ownerQuery<Record<string, unknown>>(
    `SELECT "streamId", title, summary, cup, "localCode", "totalCost"::text AS "totalCost",
            "plannedStart"::text AS "plannedStart", "plannedEnd"::text AS "plannedEnd",
            "actualStart"::text AS "actualStart", "actualEnd"::text AS "actualEnd",
            status::text AS status, health::text AS health, progress, "smartLandId", version,
            ARRAY(SELECT "partnerIstat" FROM "ProjectPartner" x WHERE x."projectId" = p.id ORDER BY 1) AS "partnerIstat"
       FROM "Project" p WHERE id = $1`,
    [projectId],
  );
  return { ...p, ...changes };
}

const FUNDING = { source: "OTHER", programme: "Intrusione", year: 2026, amountPlanned: "999.99" };
const ACTION = { title: "Intrusione", kind: "MONITORING", status: "TODO", dueDate: "2026-10-01" };
const INDICATOR = { name: "Intrusione", theme: "GOVERNANCE", unit: "n.", target: "1" };

/** A snapshot of everything a write could have touched, read as the owner (bypassing RLS). */
async function snapshot(projectIds: string[]) {
  const [s] = await ownerQuery(
    `SELECT
       (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.id) FROM "Project" p WHERE p.id = ANY($1::uuid[])) AS projects,
       (SELECT jsonb_agg(to_jsonb(x) ORDER BY x."projectId", x."partnerIstat") FROM "ProjectPartner" x
         WHERE x."projectId" = ANY($1::uuid[])) AS partners,
       (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM "FundingLine" x WHERE x."projectId" = ANY($1::uuid[])) AS funding,
       (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM "Action" x WHERE x."projectId" = ANY($1::uuid[])) AS actions,
       (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM "Indicator" x WHERE x."projectId" = ANY($1::uuid[])) AS indicators,
       (SELECT count(*)::int FROM "AuditEvent") AS "auditCount",
       (SELECT count(*)::int FROM "Project") AS "projectCount",
       (SELECT count(*)::int FROM "ProjectPartner") AS "partnerCount",
       (SELECT count(*)::int FROM "FundingLine") AS "fundingCount",
       (SELECT count(*)::int FROM "Action") AS "actionCount",
       (SELECT count(*)::int FROM "Indicator") AS "indicatorCount"`,
    [projectIds],
  );
  return s;
}

/** Asserts that `call` rejects with AppError NOT_FOUND and that nothing in `projectIds` (or any count) changed. */
async function expectNotFoundAndUnchanged(projectIds: string[], call: () => Promise<unknown>) {
  const before = await snapshot(projectIds);
  expect(before.projects).toHaveLength(projectIds.length);
  const outcome = await call().then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  expect(outcome.resolved, `expected NOT_FOUND, resolved with ${JSON.stringify(outcome)}`).toBe(false);
  const error = (outcome as { error: unknown }).error;
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "NOT_FOUND", message: "Non trovato." });
  expect(await snapshot(projectIds)).toEqual(before);
}

// ---------------------------------------------------------------------------------------------------------
// The table: every write function, as one operation on a target.

type Operation = {
  fn: string;
  /** createProject is scoped by the actor (no target): listed only for actors with no comune. */
  actorScoped?: boolean;
  run: (actor: Actor, t: Target) => Promise<unknown>;
};

const operations: Operation[] = [
  {
    fn: "createProject",
    actorScoped: true,
    run: async (actor) =>
      createProject(actor, {
        streamId: await activeStreamId(),
        title: "Intervento creato senza comune",
        totalCost: "1.000,00",
      }),
  },
  {
    fn: "updateProject",
    run: async (actor, t) =>
      updateProject(
        actor,
        t.projectId,
        await projectBody(t.projectId, { title: "Titolo riscritto da fuori" }),
      ),
  },
  { fn: "createFundingLine", run: (actor, t) => createFundingLine(actor, t.projectId, FUNDING) },
  {
    fn: "updateFundingLine",
    run: async (actor, t) => {
      const c = await childOf("FundingLine", t.projectId);
      return updateFundingLine(actor, t.projectId, c.id, { ...FUNDING, version: c.version });
    },
  },
  { fn: "createAction", run: (actor, t) => createAction(actor, t.projectId, ACTION) },
  {
    fn: "updateAction",
    run: async (actor, t) => {
      const c = await childOf("Action", t.projectId);
      return updateAction(actor, t.projectId, c.id, { ...ACTION, version: c.version });
    },
  },
  { fn: "createIndicator", run: (actor, t) => createIndicator(actor, t.projectId, INDICATOR) },
  {
    fn: "updateIndicator",
    run: async (actor, t) => {
      const c = await childOf("Indicator", t.projectId);
      return updateIndicator(actor, t.projectId, c.id, { ...INDICATOR, version: c.version });
    },
  },
  {
    fn: "deleteFundingLine",
    run: async (actor, t) =>
      deleteFundingLine(actor, t.projectId, (await childOf("FundingLine", t.projectId)).id),
  },
  {
    fn: "deleteAction",
    run: async (actor, t) => deleteAction(actor, t.projectId, (await childOf("Action", t.projectId)).id),
  },
  {
    fn: "deleteIndicator",
    run: async (actor, t) =>
      deleteIndicator(actor, t.projectId, (await childOf("Indicator", t.projectId)).id),
  },
  { fn: "restoreProject", run: (actor, t) => restoreProject(actor, t.deletedProjectId) },
  {
    fn: "deleteProject",
    run: async (actor, t) =>
      deleteProject(actor, t.projectId, (await projectBody(t.projectId)).version as number),
  },
  // deleteProject without a version must be guarded just the same.
  { fn: "deleteProject (no version)", run: (actor, t) => deleteProject(actor, t.projectId) },
];

type Scenario = { who: string; email: string; target: "foreign" | "shared"; hasComune: boolean };

const scenarios: Scenario[] = [
  {
    who: "(a) officer of another comune: Paullo on a Melegnano project without Paullo as partner",
    email: OFFICER_PAULLO,
    target: "foreign",
    hasComune: true,
  },
  {
    who: "(b) partner officer: Paullo on a San Donato project with Paullo as partner",
    email: OFFICER_PAULLO,
    target: "shared",
    hasComune: true,
  },
  { who: "(c) coordinator on a San Donato project", email: COORDINATOR, target: "shared", hasComune: false },
  { who: "(d) admin on a San Donato project", email: ADMIN, target: "shared", hasComune: false },
  { who: "(c) coordinator on a Melegnano project", email: COORDINATOR, target: "foreign", hasComune: false },
  { who: "(d) admin on a Melegnano project", email: ADMIN, target: "foreign", hasComune: false },
];

const cases = scenarios.flatMap((s) =>
  operations
    .filter((op) => !op.actorScoped || !s.hasComune)
    .map((op) => ({ name: `${op.fn} by ${s.who}`, scenario: s, op })),
);

// ---------------------------------------------------------------------------------------------------------

const targets = {} as Record<"foreign" | "shared", Target>;
const owners = {} as Record<"foreign" | "shared", Actor>;

beforeAll(async () => {
  const stream = await activeStreamId();
  const foreign = await projectOf(MELEGNANO, { notPartner: PAULLO });
  const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
  owners.foreign = await actorFor(OFFICER_MELEGNANO);
  owners.shared = await actorFor(OFFICER_SAN_DONATO);

  // A soft-deleted project per owner (the shared one with Paullo as partner), the target of restoreProject.
  const deleted = async (owner: Actor, partnerIstat: string[]) => {
    const p = await createProject(owner, {
      streamId: stream,
      title: `Intervento eliminato ${owner.comuneIstat}`,
      totalCost: "1000",
      partnerIstat,
    });
    await deleteProject(owner, p.id);
    return p.id;
  };
  targets.foreign = {
    owner: MELEGNANO,
    projectId: foreign.id,
    deletedProjectId: await deleted(owners.foreign, []),
  };
  targets.shared = {
    owner: SAN_DONATO,
    projectId: shared.id,
    deletedProjectId: await deleted(owners.shared, [PAULLO]),
  };

  // The fixtures are what the cases assume: children exist, the partnership is (or is not) there.
  for (const t of Object.values(targets)) {
    for (const table of ["FundingLine", "Action", "Indicator"] as const) await childOf(table, t.projectId);
  }
  const partnerships = await ownerQuery<{ projectId: string }>(
    `SELECT "projectId" FROM "ProjectPartner" WHERE "partnerIstat" = $1 AND "projectId" = ANY($2::uuid[])`,
    [PAULLO, [targets.foreign.projectId, targets.shared.projectId, targets.shared.deletedProjectId]],
  );
  expect(partnerships.map((p) => p.projectId).sort()).toEqual(
    [targets.shared.projectId, targets.shared.deletedProjectId].sort(),
  );
});

describe("every write function refuses actors who may not write the target (NOT_FOUND, nothing changed)", () => {
  it("lists every function for every actor", () => {
    expect(cases.filter((c) => c.scenario.hasComune)).toHaveLength(2 * (operations.length - 1));
    expect(cases.filter((c) => !c.scenario.hasComune)).toHaveLength(4 * operations.length);
  });

  it.each(cases)("$name", async ({ scenario, op }) => {
    const actor = await actorFor(scenario.email);
    const t = targets[scenario.target];
    await expectNotFoundAndUnchanged([t.projectId, t.deletedProjectId], () => op.run(actor, t));
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("a child id must belong to the project named in the call", () => {
  let sd: Actor;
  let projectA: string;
  let projectB: string;
  let foreignProject: string;

  beforeAll(async () => {
    sd = await actorFor(OFFICER_SAN_DONATO);
    const rows = await ownerQuery<{ id: string }>(
      `SELECT p.id FROM "Project" p WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "FundingLine" f WHERE f."projectId" = p.id)
          AND EXISTS (SELECT 1 FROM "Action" a WHERE a."projectId" = p.id)
          AND EXISTS (SELECT 1 FROM "Indicator" i WHERE i."projectId" = p.id)
        ORDER BY p.id DESC LIMIT 2`,
      [SAN_DONATO],
    );
    [projectA, projectB] = rows.map((r) => r.id);
    foreignProject = (await projectOf(MELEGNANO, { notPartner: SAN_DONATO })).id;
    expect(new Set([projectA, projectB, foreignProject]).size).toBe(3);
  });

  const childCases = [
    {
      fn: "updateFundingLine",
      table: "FundingLine" as const,
      run: (actor: Actor, projectId: string, child: { id: string; version: number }) =>
        updateFundingLine(actor, projectId, child.id, { ...FUNDING, version: child.version }),
    },
    {
      fn: "deleteFundingLine",
      table: "FundingLine" as const,
      run: (actor: Actor, projectId: string, child: { id: string }) =>
        deleteFundingLine(actor, projectId, child.id),
    },
    {
      fn: "updateAction",
      table: "Action" as const,
      run: (actor: Actor, projectId: string, child: { id: string; version: number }) =>
        updateAction(actor, projectId, child.id, { ...ACTION, version: child.version }),
    },
    {
      fn: "deleteAction",
      table: "Action" as const,
      run: (actor: Actor, projectId: string, child: { id: string }) =>
        deleteAction(actor, projectId, child.id),
    },
    {
      fn: "updateIndicator",
      table: "Indicator" as const,
      run: (actor: Actor, projectId: string, child: { id: string; version: number }) =>
        updateIndicator(actor, projectId, child.id, { ...INDICATOR, version: child.version }),
    },
    {
      fn: "deleteIndicator",
      table: "Indicator" as const,
      run: (actor: Actor, projectId: string, child: { id: string }) =>
        deleteIndicator(actor, projectId, child.id),
    },
  ];

  it.each(childCases)("$fn: own project A, child of project B of the same comune → NOT_FOUND", async (c) => {
    const child = await childOf(c.table, projectB);
    await expectNotFoundAndUnchanged([projectA, projectB], () => c.run(sd, projectA, child));
  });

  it.each(childCases)("$fn: own project A, child of another comune's project → NOT_FOUND", async (c) => {
    const child = await childOf(c.table, foreignProject);
    await expectNotFoundAndUnchanged([projectA, foreignProject], () => c.run(sd, projectA, child));
  });

  it("ids smuggled in the body cannot move a new child or project elsewhere", async () => {
    const line = await createFundingLine(sd, projectA, {
      ...FUNDING,
      projectId: foreignProject,
      comuneIstat: MELEGNANO,
      id: "00000000-0000-4000-8000-000000000001",
    });
    expect(line).toMatchObject({ projectId: projectA, comuneIstat: SAN_DONATO });
    expect(line.id).not.toBe("00000000-0000-4000-8000-000000000001");

    const paullo = await actorFor(OFFICER_PAULLO);
    const project = await createProject(paullo, {
      streamId: await activeStreamId(),
      title: "Intervento con comune nel corpo",
      totalCost: "1",
      comuneIstat: SAN_DONATO,
    });
    expect(project.comuneIstat).toBe(PAULLO);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("reads across comuni", () => {
  it("a partner officer reads the shared project, read-only", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    const shared = await projectOf(SAN_DONATO, { partner: PAULLO });
    const p = await getProjectForActor(paullo, shared.id);
    expect(p.id).toBe(shared.id);
    expect(p.comuneIstat).toBe(SAN_DONATO);
    expect(p.access).toEqual({ canWrite: false, isPartner: true });
  });

  it("an officer of another comune does not read a project without partnership", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    const foreign = await projectOf(MELEGNANO, { notPartner: PAULLO });
    await expect(getProjectForActor(paullo, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["coordinator", COORDINATOR],
    ["admin", ADMIN],
  ])("the %s reads any comune's project, never with write access", async (_who, email) => {
    const actor = await actorFor(email);
    for (const comune of [SAN_DONATO, MELEGNANO, PAULLO]) {
      const { id } = await projectOf(comune);
      const p = await getProjectForActor(actor, id);
      expect(p.id).toBe(id);
      expect(p.comuneIstat).toBe(comune);
      expect(p.access).toEqual({ canWrite: false, isPartner: false });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Last, because it changes the targets (it ends by deleting them).

describe("control: the owning officer succeeds with the very same calls", () => {
  // Proves the NOT_FOUNDs above come from the write guard, not from a malformed input or a missing row.
  it.each(["foreign", "shared"] as const)("the owner of the %s project", async (which) => {
    const t = targets[which];
    const owner = owners[which];
    for (const op of operations) {
      if (op.fn === "deleteProject (no version)") continue; // the project is already deleted by then
      const result = await op.run(owner, t).then(
        () => "ok",
        (e: unknown) => `${op.fn}: ${(e as Error).message}`,
      );
      expect(result).toBe("ok");
    }
    const [row] = await ownerQuery<{ deleted: boolean }>(
      `SELECT "deletedAt" IS NOT NULL AS deleted FROM "Project" WHERE id = $1`,
      [t.projectId],
    );
    expect(row.deleted).toBe(true);
    const [created] = await ownerQuery<{ comuneIstat: string }>(
      `SELECT "comuneIstat" FROM "Project" WHERE title = 'Intervento creato senza comune' ORDER BY "createdAt" DESC LIMIT 1`,
    );
    expect(created.comuneIstat).toBe(owner.comuneIstat);
  });
});
