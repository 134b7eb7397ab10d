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
import { getProjectHistory } from "@/lib/audit/project-history";
import { AppError } from "@/lib/errors";
import { getComuneDashboard, type ComuneDashboard } from "@/lib/projects/comune-dashboard";
import { getProjectForActor } from "@/lib/projects/get-project";
import { listProjects } from "@/lib/projects/list-projects";
import { createProject, deleteProject, restoreProject, updateProject } from "@/lib/projects/save-project";
import {
  actorFor,
  MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  projectOf,
  SAN_DONATO,
} from "./helpers";

// Messages of the glossary (lib/validation/schemas.ts), written out so a changed text is noticed.
const END_BEFORE_START = "La data di fine non può precedere la data di inizio.";
const CUP_MESSAGE =
  "CUP non valido: deve avere 15 caratteri (lettere maiuscole e cifre), ad esempio J71B19000120004.";
const CIG_MESSAGE =
  "CIG non valido: controlla le 10 cifre e lettere (il carattere di controllo non corrisponde).";

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

/** An exact decimal string ("1234.5", "-3", "0.10") as integer cents; refuses more than 2 decimals. */
function cents(value: string | null | undefined): bigint {
  const m = /^(-?)([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(String(value));
  if (!m) throw new Error(`not a money amount: ${value}`);
  const abs = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -abs : abs;
}

async function activeStreamId(offset = 0): Promise<string> {
  const rows = await ownerQuery<{ id: string }>(
    `SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1 OFFSET $1`,
    [offset],
  );
  if (!rows[0]) throw new Error("no active stream in the seed");
  return rows[0].id;
}

let seq = 0;
/** Project input exactly as a browser form posts it: every value a string, Italian formats. */
function formProject(streamId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    streamId,
    title: `Intervento di prova ${seq} ${Date.now().toString(36)}`,
    summary: "Riqualificazione di prova.",
    cup: "",
    localCode: "",
    totalCost: "10.000,00",
    plannedStart: "01/03/2026",
    plannedEnd: "31/12/2027",
    actualStart: "",
    actualEnd: "",
    status: "DESIGN",
    health: "ON_TRACK",
    progress: "10",
    smartLandId: "",
    partnerIstat: [],
    ...overrides,
  };
}

type AuditRow = {
  id: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  comuneIstat: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

async function auditOf(entity: string, entityId: string): Promise<AuditRow[]> {
  return ownerQuery<AuditRow>(
    // Order by the bigint id (an `id::text` output column would sort "1000" before "999").
    `SELECT id::text, action, "actorId", "actorRole", "comuneIstat", before, after
       FROM "AuditEvent" WHERE entity = $1 AND "entityId" = $2 ORDER BY "AuditEvent".id`,
    [entity, entityId],
  );
}

async function countOf(table: "Project" | "AuditEvent" | "FundingLine" | "Action" | "Indicator") {
  const [{ n }] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return n;
}

type ProjectRow = {
  id: string;
  comuneIstat: string;
  title: string;
  summary: string;
  cup: string | null;
  localCode: string | null;
  totalCost: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: string;
  health: string;
  progress: number;
  version: number;
  deletedAt: string | null;
};

async function projectRow(id: string): Promise<ProjectRow | undefined> {
  const [row] = await ownerQuery<ProjectRow>(
    `SELECT id, "comuneIstat", title, summary, cup, "localCode", "totalCost"::text AS "totalCost",
            "plannedStart"::text AS "plannedStart", "plannedEnd"::text AS "plannedEnd", status::text AS status,
            health::text AS health, progress, version, "deletedAt"::text AS "deletedAt"
       FROM "Project" WHERE id = $1`,
    [id],
  );
  return row;
}

let sd: Actor;
let streamId: string;

beforeAll(async () => {
  sd = await actorFor(OFFICER_SAN_DONATO);
  streamId = await activeStreamId();
});

// ---------------------------------------------------------------------------------------------------------

describe("createProject / updateProject", () => {
  let projectId: string;
  let createInput: Record<string, unknown>;

  it("an officer creates a project from form strings, in their own comune, with partner and audit", async () => {
    const projectsBefore = await countOf("Project");
    createInput = formProject(streamId, {
      title: "  Ciclabile Metanopoli – via Emilia  ",
      cup: " j71b19000990001 ",
      localCode: "SD-TEST-001",
      totalCost: "1.234.567,89",
      plannedStart: "01/03/2026",
      plannedEnd: "30/06/2028",
      status: "PROCUREMENT",
      health: "AT_RISK",
      progress: "15",
      partnerIstat: ["015169"],
      // Not a field of the form: the comune comes from the actor, never from the input.
      comuneIstat: MELEGNANO,
    });
    const created = await createProject(sd, createInput);
    projectId = created.id;
    expect(created.comuneIstat).toBe(SAN_DONATO);
    expect(await countOf("Project")).toBe(projectsBefore + 1);

    expect(await projectRow(projectId)).toEqual({
      id: projectId,
      comuneIstat: SAN_DONATO,
      title: "Ciclabile Metanopoli – via Emilia",
      summary: "Riqualificazione di prova.",
      cup: "J71B19000990001",
      localCode: "SD-TEST-001",
      totalCost: "1234567.89",
      plannedStart: "2026-03-01",
      plannedEnd: "2028-06-30",
      status: "PROCUREMENT",
      health: "AT_RISK",
      progress: 15,
      version: 1,
      deletedAt: null,
    });
    const partners = await ownerQuery(
      `SELECT "comuneIstat", "partnerIstat" FROM "ProjectPartner" WHERE "projectId" = $1`,
      [projectId],
    );
    expect(partners).toEqual([{ comuneIstat: SAN_DONATO, partnerIstat: PAULLO }]);

    const events = await auditOf("Project", projectId);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      action: "CREATE",
      actorId: sd.userId,
      actorRole: "OFFICER",
      comuneIstat: SAN_DONATO,
      before: null,
    });
    expect(event.after).toMatchObject({
      id: projectId,
      title: "Ciclabile Metanopoli – via Emilia",
      totalCost: "1234567.89",
      comuneIstat: SAN_DONATO,
      plannedStart: "2026-03-01",
      cup: "J71B19000990001",
      partnerIstat: [PAULLO],
    });
  });

  it("the new project is readable by its partner, read-only, and writable by its owner", async () => {
    const owner = await getProjectForActor(sd, projectId);
    expect(owner.access).toEqual({ canWrite: true, isPartner: false });
    const paullo = await actorFor(OFFICER_PAULLO);
    const shared = await getProjectForActor(paullo, projectId);
    expect(shared.access).toEqual({ canWrite: false, isPartner: true });
    expect(shared.partners.map((p) => p.partnerIstat)).toEqual([PAULLO]);
  });

  it("updateProject with the current version saves, bumps the version and audits only the changed fields", async () => {
    const updated = await updateProject(sd, projectId, {
      ...createInput,
      title: "Ciclabile Metanopoli – secondo lotto",
      totalCost: "2.500.000,25",
      version: "1",
    });
    expect(updated.version).toBe(2);
    const row = await projectRow(projectId);
    expect(row).toMatchObject({
      title: "Ciclabile Metanopoli – secondo lotto",
      totalCost: "2500000.25",
      version: 2,
      // untouched fields stay as they were
      cup: "J71B19000990001",
      plannedStart: "2026-03-01",
      status: "PROCUREMENT",
      progress: 15,
    });

    const events = await auditOf("Project", projectId);
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE"]);
    const update = events[1];
    expect(update).toMatchObject({ actorId: sd.userId, comuneIstat: SAN_DONATO });
    expect(update.before).toEqual({
      title: "Ciclabile Metanopoli – via Emilia",
      totalCost: "1234567.89",
    });
    expect(update.after).toEqual({
      title: "Ciclabile Metanopoli – secondo lotto",
      totalCost: "2500000.25",
    });
  });

  it("a second update with the stale version is a CONFLICT and overwrites nothing", async () => {
    const auditBefore = await countOf("AuditEvent");
    const error = await rejection(
      updateProject(sd, projectId, {
        ...createInput,
        title: "Modifica concorrente",
        totalCost: "1,00",
        progress: "99",
        version: "1",
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(await projectRow(projectId)).toMatchObject({
      title: "Ciclabile Metanopoli – secondo lotto",
      totalCost: "2500000.25",
      progress: 15,
      version: 2,
    });
    expect(await countOf("AuditEvent")).toBe(auditBefore);
    expect((await auditOf("Project", projectId)).map((e) => e.action)).toEqual(["CREATE", "UPDATE"]);
  });

  it("changing the partners is audited as partnerIstat and rewrites the partner rows", async () => {
    await updateProject(sd, projectId, {
      ...createInput,
      title: "Ciclabile Metanopoli – secondo lotto",
      totalCost: "2.500.000,25",
      partnerIstat: "015169, 015140",
      version: 2,
    });
    const partners = await ownerQuery<{ partnerIstat: string }>(
      `SELECT "partnerIstat" FROM "ProjectPartner" WHERE "projectId" = $1 ORDER BY 1`,
      [projectId],
    );
    expect(partners.map((p) => p.partnerIstat)).toEqual([MELEGNANO, PAULLO]);
    const last = (await auditOf("Project", projectId)).at(-1)!;
    expect(last.action).toBe("UPDATE");
    expect(last.before).toEqual({ partnerIstat: [PAULLO] });
    expect(last.after).toEqual({ partnerIstat: [MELEGNANO, PAULLO] });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("validation: nothing is written", () => {
  it("an end before the start is INVALID on plannedEnd", async () => {
    const [projects, audit] = [await countOf("Project"), await countOf("AuditEvent")];
    const error = await rejection(
      createProject(sd, formProject(streamId, { plannedStart: "01/03/2026", plannedEnd: "28/02/2026" })),
    );
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.plannedEnd).toEqual([END_BEFORE_START]);
    expect(Object.keys(error.fieldErrors)).toEqual(["plannedEnd"]);
    expect(await countOf("Project")).toBe(projects);
    expect(await countOf("AuditEvent")).toBe(audit);
  });

  it("a malformed CUP is INVALID on cup", async () => {
    const [projects, audit] = [await countOf("Project"), await countOf("AuditEvent")];
    const error = await rejection(createProject(sd, formProject(streamId, { cup: "J71B1900012000" })));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.cup).toEqual([CUP_MESSAGE]);
    expect(await countOf("Project")).toBe(projects);
    expect(await countOf("AuditEvent")).toBe(audit);
  });

  it("every problem is reported at once (missing title, bad money, bad date)", async () => {
    const projects = await countOf("Project");
    const error = await rejection(
      createProject(
        sd,
        formProject(streamId, { title: " ", totalCost: "dieci euro", plannedStart: "31/02/2026" }),
      ),
    );
    expect(error.code).toBe("INVALID");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["plannedStart", "title", "totalCost"]);
    expect(error.fieldErrors.title).toEqual(["Campo obbligatorio."]);
    expect(await countOf("Project")).toBe(projects);
  });

  it("an invalid update leaves the row untouched", async () => {
    const input = formProject(streamId);
    const created = await createProject(sd, input);
    const before = await projectRow(created.id);
    const audit = await countOf("AuditEvent");
    const error = await rejection(
      updateProject(sd, created.id, {
        ...input,
        title: "Titolo che non deve arrivare",
        plannedEnd: "01/01/2020",
        version: 1,
      }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.plannedEnd).toEqual([END_BEFORE_START]);
    expect(await projectRow(created.id)).toEqual(before);
    expect(await countOf("AuditEvent")).toBe(audit);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("deleteProject / restoreProject", () => {
  let projectId: string;
  let title: string;

  beforeAll(async () => {
    const input = formProject(streamId);
    title = input.title as string;
    projectId = (await createProject(sd, input)).id;
  });

  it("a deleted project leaves lists and the project page, and is listed among the deleted", async () => {
    expect((await listProjects(sd, { q: title })).items.map((p) => p.id)).toEqual([projectId]);

    await deleteProject(sd, projectId, 1);

    const row = await projectRow(projectId);
    expect(row?.deletedAt).not.toBeNull();
    expect(row?.version).toBe(2);
    const live = await listProjects(sd, { q: title });
    expect(live.items.map((p) => p.id)).not.toContain(projectId);
    expect(live.total).toBe(0);
    expect((await rejection(getProjectForActor(sd, projectId))).code).toBe("NOT_FOUND");

    const deleted = await listProjects(sd, { q: title, deleted: true });
    expect(deleted.items.map((p) => p.id)).toEqual([projectId]);
    const detail = await getProjectForActor(sd, projectId, { deleted: true });
    expect(detail.id).toBe(projectId);
    expect(detail.deletedAt).not.toBeNull();
  });

  it("a deleted project cannot be edited, nor given children, nor deleted again", async () => {
    const audit = await countOf("AuditEvent");
    const input = { ...formProject(streamId), title: "Non deve essere salvato", version: 2 };
    expect((await rejection(updateProject(sd, projectId, input))).code).toBe("NOT_FOUND");
    expect(
      (
        await rejection(
          createFundingLine(sd, projectId, { source: "PNRR", year: "2026", amountPlanned: "1" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await rejection(deleteProject(sd, projectId))).code).toBe("NOT_FOUND");
    expect((await projectRow(projectId))?.title).toBe(title);
    expect(await countOf("AuditEvent")).toBe(audit);
  });

  it("restoreProject brings it back; DELETE and RESTORE are audited", async () => {
    await restoreProject(sd, projectId);
    const row = await projectRow(projectId);
    expect(row?.deletedAt).toBeNull();
    expect(row?.version).toBe(3);
    expect((await listProjects(sd, { q: title })).items.map((p) => p.id)).toEqual([projectId]);
    expect((await listProjects(sd, { q: title, deleted: true })).total).toBe(0);
    expect((await getProjectForActor(sd, projectId)).id).toBe(projectId);

    const events = await auditOf("Project", projectId);
    expect(events.map((e) => e.action)).toEqual(["CREATE", "DELETE", "RESTORE"]);
    const [, del, restore] = events;
    expect(del).toMatchObject({ actorId: sd.userId, comuneIstat: SAN_DONATO, before: { deletedAt: null } });
    expect(typeof del.after?.deletedAt).toBe("string");
    expect(restore).toMatchObject({
      actorId: sd.userId,
      comuneIstat: SAN_DONATO,
      after: { deletedAt: null },
    });
    expect(typeof restore.before?.deletedAt).toBe("string");
  });

  it("restoring a live project is NOT_FOUND; deleting with a stale version is a CONFLICT", async () => {
    const audit = await countOf("AuditEvent");
    expect((await rejection(restoreProject(sd, projectId))).code).toBe("NOT_FOUND");
    expect((await rejection(deleteProject(sd, projectId, 1))).code).toBe("CONFLICT");
    expect((await projectRow(projectId))?.deletedAt).toBeNull();
    expect(await countOf("AuditEvent")).toBe(audit);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Children: one table, the same life cycle for funding lines, actions and indicators.

type ChildKind = {
  entity: "FundingLine" | "Action" | "Indicator";
  create: (actor: Actor, projectId: string, input: unknown) => Promise<{ id: string; version: number }>;
  update: (
    actor: Actor,
    projectId: string,
    id: string,
    input: unknown,
  ) => Promise<{ id: string; version: number }>;
  remove: (actor: Actor, projectId: string, id: string) => Promise<void>;
  createInput: Record<string, unknown>;
  /** SQL select list returning the stored values as text. */
  columns: string;
  stored: Record<string, unknown>;
  updateInput: Record<string, unknown>;
  storedAfterUpdate: Record<string, unknown>;
  /** Exactly the fields of the UPDATE audit event (besides projectId), compared with `compare`. */
  changed: { before: Record<string, unknown>; after: Record<string, unknown> };
};

/** A decimal string without insignificant zeros ("1500.2500" → "1500.25", "0.00" → "0"); others unchanged. */
function canonicalDecimal(value: unknown): unknown {
  if (typeof value !== "string" || !/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return value;
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
/** Equal as decimals, whatever the number of trailing zeros (the audit log keeps Decimal.toString()). */
const decimalEq = (a: unknown, b: unknown) => canonicalDecimal(a) === canonicalDecimal(b);

const childKinds: ChildKind[] = [
  {
    entity: "FundingLine",
    create: createFundingLine,
    update: updateFundingLine,
    remove: deleteFundingLine,
    createInput: {
      source: "PNRR",
      programme: " M2C4 I2.2 ",
      year: "2026",
      amountPlanned: "1.000,10",
      amountCommitted: "500,05",
      amountPaid: "",
    },
    columns: `source::text AS source, programme, year, "amountPlanned"::text AS "amountPlanned",
              "amountCommitted"::text AS "amountCommitted", "amountPaid"::text AS "amountPaid"`,
    stored: {
      source: "PNRR",
      programme: "M2C4 I2.2",
      year: 2026,
      amountPlanned: "1000.10",
      amountCommitted: "500.05",
      amountPaid: "0.00",
    },
    updateInput: {
      source: "PNRR",
      programme: "M2C4 I2.2",
      year: "2026",
      amountPlanned: "1.000,10",
      amountCommitted: "500,05",
      amountPaid: "250,25",
    },
    storedAfterUpdate: { amountPaid: "250.25", amountCommitted: "500.05" },
    changed: { before: { amountPaid: "0.00" }, after: { amountPaid: "250.25" } },
  },
  {
    entity: "Action",
    create: createAction,
    update: updateAction,
    remove: deleteAction,
    createInput: {
      title: "Affidamento della progettazione",
      kind: "DESIGN",
      owner: "Ufficio tecnico",
      dueDate: "15/06/2026",
      doneDate: "",
      status: "TODO",
      cig: "8874674CA7",
    },
    columns: `title, kind::text AS kind, owner, "dueDate"::text AS "dueDate", "doneDate"::text AS "doneDate",
              status::text AS status, cig`,
    stored: {
      title: "Affidamento della progettazione",
      kind: "DESIGN",
      owner: "Ufficio tecnico",
      dueDate: "2026-06-15",
      doneDate: null,
      status: "TODO",
      cig: "8874674CA7",
    },
    updateInput: {
      title: "Affidamento della progettazione",
      kind: "DESIGN",
      owner: "RUP ing. Rossi",
      dueDate: "15/06/2026",
      doneDate: "",
      status: "IN_PROGRESS",
      cig: "8874674CA7",
    },
    storedAfterUpdate: { owner: "RUP ing. Rossi", status: "IN_PROGRESS", cig: "8874674CA7" },
    changed: {
      before: { owner: "Ufficio tecnico", status: "TODO" },
      after: { owner: "RUP ing. Rossi", status: "IN_PROGRESS" },
    },
  },
  {
    entity: "Indicator",
    create: createIndicator,
    update: updateIndicator,
    remove: deleteIndicator,
    createInput: {
      name: "Emissioni evitate",
      theme: "PLANET",
      unit: "t CO2/anno",
      baseline: "1.234,5",
      target: "2.000",
      actual: "",
      period: "2026",
    },
    columns: `name, theme::text AS theme, unit, baseline::text AS baseline, target::text AS target,
              actual::text AS actual, period`,
    stored: {
      name: "Emissioni evitate",
      theme: "PLANET",
      unit: "t CO2/anno",
      baseline: "1234.5000",
      target: "2000.0000",
      actual: null,
      period: "2026",
    },
    updateInput: {
      name: "Emissioni evitate",
      theme: "PLANET",
      unit: "t CO2/anno",
      baseline: "1.234,5",
      target: "2.000",
      actual: "1.500,25",
      period: "2026",
    },
    storedAfterUpdate: { actual: "1500.2500", baseline: "1234.5000" },
    changed: { before: { actual: null }, after: { actual: "1500.25" } },
  },
];

describe.each(childKinds)("$entity: create, update (optimistic lock), delete, history", (kind) => {
  let projectId: string;
  let childId: string;
  const table = kind.entity;

  const stored = async (id: string) => {
    const [row] = await ownerQuery(
      `SELECT "projectId", "comuneIstat", version, ${kind.columns} FROM "${table}" WHERE id = $1`,
      [id],
    );
    return row;
  };

  beforeAll(async () => {
    projectId = (await createProject(sd, formProject(streamId))).id;
  });

  it("creates from form strings, in the project's comune, with an audit event carrying projectId", async () => {
    const created = await kind.create(sd, projectId, kind.createInput);
    childId = created.id;
    expect(created.version).toBe(1);
    expect(await stored(childId)).toEqual({
      projectId,
      comuneIstat: SAN_DONATO,
      version: 1,
      ...kind.stored,
    });
    const events = await auditOf(kind.entity, childId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "CREATE", actorId: sd.userId, comuneIstat: SAN_DONATO });
    expect(events[0].after).toMatchObject({ id: childId, projectId, comuneIstat: SAN_DONATO });
  });

  it("updates with the right version: version + 1, audit with exactly the changed fields", async () => {
    const updated = await kind.update(sd, projectId, childId, { ...kind.updateInput, version: "1" });
    expect(updated.version).toBe(2);
    expect(await stored(childId)).toMatchObject({ version: 2, ...kind.storedAfterUpdate });
    const events = await auditOf(kind.entity, childId);
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE"]);
    const { before, after } = events[1];
    expect(Object.keys(before ?? {}).sort()).toEqual(
      ["projectId", ...Object.keys(kind.changed.before)].sort(),
    );
    expect(Object.keys(after ?? {}).sort()).toEqual(["projectId", ...Object.keys(kind.changed.after)].sort());
    expect(before?.projectId).toBe(projectId);
    expect(after?.projectId).toBe(projectId);
    for (const [key, value] of Object.entries(kind.changed.before)) {
      expect(decimalEq(before?.[key], value), `before.${key}: ${before?.[key]} vs ${value}`).toBe(true);
    }
    for (const [key, value] of Object.entries(kind.changed.after)) {
      expect(decimalEq(after?.[key], value), `after.${key}: ${after?.[key]} vs ${value}`).toBe(true);
    }
  });

  it("an update with the stale version is a CONFLICT: the first update's values stay, no audit", async () => {
    const rowBefore = await stored(childId);
    const audit = await countOf("AuditEvent");
    const error = await rejection(kind.update(sd, projectId, childId, { ...kind.createInput, version: 1 }));
    expect(error.code).toBe("CONFLICT");
    expect(await stored(childId)).toEqual(rowBefore);
    expect(await countOf("AuditEvent")).toBe(audit);
  });

  it("an unknown or malformed child id is NOT_FOUND", async () => {
    const input = { ...kind.updateInput, version: 2 };
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await rejection(kind.update(sd, projectId, missing, input))).code).toBe("NOT_FOUND");
    expect((await rejection(kind.update(sd, projectId, "not-a-uuid", input))).code).toBe("NOT_FOUND");
    expect((await rejection(kind.remove(sd, projectId, missing))).code).toBe("NOT_FOUND");
  });

  it("deletes: the row is gone and a DELETE event carries projectId", async () => {
    const count = await countOf(table);
    await kind.remove(sd, projectId, childId);
    expect(await stored(childId)).toBeUndefined();
    expect(await countOf(table)).toBe(count - 1);
    const events = await auditOf(kind.entity, childId);
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
    expect(events[2].before).toMatchObject({ id: childId, projectId });
    expect((await rejection(kind.remove(sd, projectId, childId))).code).toBe("NOT_FOUND");
  });

  it("getProjectHistory lists the child's events, newest first, and only under its project", async () => {
    const history = await getProjectHistory(sd, { id: projectId, comuneIstat: SAN_DONATO });
    const mine = history.filter((e) => e.entity === kind.entity && e.entityId === childId);
    expect(mine.map((e) => e.action)).toEqual(["DELETE", "UPDATE", "CREATE"]);
    expect(history.filter((e) => e.entity === "Project").map((e) => e.action)).toEqual(["CREATE"]);

    const other = await projectOf(SAN_DONATO);
    const otherHistory = await getProjectHistory(sd, { id: other.id, comuneIstat: SAN_DONATO });
    expect(otherHistory.some((e) => e.entityId === childId)).toBe(false);
  });
});

describe("action-specific validation", () => {
  let projectId: string;
  const base = { title: "Gara lavori", kind: "WORKS", status: "TODO", dueDate: "30/09/2026" };

  beforeAll(async () => {
    projectId = (await createProject(sd, formProject(streamId))).id;
  });

  it("a CIG with a wrong check character is INVALID on cig, nothing written", async () => {
    const [actions, audit] = [await countOf("Action"), await countOf("AuditEvent")];
    const error = await rejection(createAction(sd, projectId, { ...base, cig: "8874674CA8" }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors).toEqual({ cig: [CIG_MESSAGE] });
    expect(await countOf("Action")).toBe(actions);
    expect(await countOf("AuditEvent")).toBe(audit);
  });

  it("a valid CIG typed in lower case with spaces is accepted and stored normalized", async () => {
    const created = await createAction(sd, projectId, { ...base, cig: " 8874674ca7 " });
    const [row] = await ownerQuery<{ cig: string }>(`SELECT cig FROM "Action" WHERE id = $1`, [created.id]);
    expect(row.cig).toBe("8874674CA7");
  });

  it("an update to an invalid CIG is refused and keeps the stored one", async () => {
    const created = await createAction(sd, projectId, { ...base, cig: "8874674CA7" });
    const error = await rejection(
      updateAction(sd, projectId, created.id, { ...base, cig: "8874674C", version: 1 }),
    );
    expect(error.fieldErrors.cig).toEqual([CIG_MESSAGE]);
    const [row] = await ownerQuery<{ cig: string; version: number }>(
      `SELECT cig, version FROM "Action" WHERE id = $1`,
      [created.id],
    );
    expect(row).toEqual({ cig: "8874674CA7", version: 1 });
  });

  it("DONE without a completion date is INVALID on doneDate", async () => {
    const error = await rejection(createAction(sd, projectId, { ...base, status: "DONE", doneDate: "" }));
    expect(error.fieldErrors).toEqual({ doneDate: ["Indica la data di completamento."] });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe("comune dashboard totals move by exactly what was added", () => {
  const byYear = (d: ComuneDashboard, year: number) => d.byYear.find((r) => r.year === year);
  const byStreamOf = (d: ComuneDashboard, id: string) => d.byStream.find((r) => r.streamId === id);

  it("a project with 2 funding lines and 3 actions (1 overdue) adds exactly its amounts", async () => {
    const before = await getComuneDashboard(sd, SAN_DONATO);

    const project = await createProject(
      sd,
      formProject(streamId, { totalCost: "7.654.321,09", status: "EXECUTION" }),
    );
    await createFundingLine(sd, project.id, {
      source: "PNRR",
      year: "2026",
      amountPlanned: "1.000,10",
      amountCommitted: "800,08",
      amountPaid: "300,03",
    });
    await createFundingLine(sd, project.id, {
      source: "REGION",
      year: "2027",
      amountPlanned: "2.000,20",
      amountCommitted: "1.200,12",
      amountPaid: "",
    });
    // Overdue: due in the past, not done.
    await createAction(sd, project.id, {
      title: "In ritardo",
      kind: "WORKS",
      dueDate: "01/01/2020",
      status: "TODO",
    });
    // Not overdue: due in the future.
    await createAction(sd, project.id, {
      title: "Futura",
      kind: "SERVICE",
      dueDate: "31/12/2099",
      status: "TODO",
    });
    // Not overdue: due in the past but done.
    await createAction(sd, project.id, {
      title: "Completata",
      kind: "DESIGN",
      dueDate: "01/01/2020",
      doneDate: "15/01/2020",
      status: "DONE",
    });

    const after = await getComuneDashboard(sd, SAN_DONATO);

    expect(after.projectCount).toBe(before.projectCount + 1);
    expect(cents(after.totalCost) - cents(before.totalCost)).toBe(765432109n);
    expect(cents(after.funding.planned) - cents(before.funding.planned)).toBe(300030n);
    expect(cents(after.funding.committed) - cents(before.funding.committed)).toBe(200020n);
    expect(cents(after.funding.paid) - cents(before.funding.paid)).toBe(30003n);
    expect(after.overdueCount).toBe(before.overdueCount + 1);
    expect(after.partnerProjectCount).toBe(before.partnerProjectCount);

    const execBefore = before.projectsByStatus.find((r) => r.status === "EXECUTION");
    const execAfter = after.projectsByStatus.find((r) => r.status === "EXECUTION");
    expect(execAfter?.count).toBe((execBefore?.count ?? 0) + 1);
    expect(cents(execAfter?.totalCost) - cents(execBefore?.totalCost ?? "0")).toBe(765432109n);

    const streamBefore = byStreamOf(before, streamId);
    const streamAfter = byStreamOf(after, streamId);
    expect(streamAfter?.count).toBe((streamBefore?.count ?? 0) + 1);
    expect(cents(streamAfter?.planned) - cents(streamBefore?.planned ?? "0")).toBe(300030n);

    expect(cents(byYear(after, 2026)?.planned) - cents(byYear(before, 2026)?.planned ?? "0")).toBe(100010n);
    expect(cents(byYear(after, 2027)?.planned) - cents(byYear(before, 2027)?.planned ?? "0")).toBe(200020n);

    const sumActions = (d: ComuneDashboard) => d.actionsByStatus.reduce((n, r) => n + r.count, 0);
    expect(sumActions(after)).toBe(sumActions(before) + 3);

    // Deleting the project takes all of it out of the totals again.
    await deleteProject(sd, project.id);
    const again = await getComuneDashboard(sd, SAN_DONATO);
    expect({
      projectCount: again.projectCount,
      totalCost: cents(again.totalCost),
      planned: cents(again.funding.planned),
      committed: cents(again.funding.committed),
      paid: cents(again.funding.paid),
      overdue: again.overdueCount,
    }).toEqual({
      projectCount: before.projectCount,
      totalCost: cents(before.totalCost),
      planned: cents(before.funding.planned),
      committed: cents(before.funding.committed),
      paid: cents(before.funding.paid),
      overdue: before.overdueCount,
    });
  });
});
