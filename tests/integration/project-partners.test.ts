// Partner comuni of a project are member comuni of the programme (the ones the form offers): another
// comune is refused with a field message (form and lib), 422 (API), and by the database itself.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/users/api-tokens";
import { AppError } from "@/lib/errors";
import { createProject, updateProject } from "@/lib/projects/save-project";
import { call } from "./api-harness";
import { actorFor, appQuery, OFFICER_SAN_DONATO, ownerQuery, PAULLO, SAN_DONATO } from "./helpers";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: async () => session.actor,
}));

const NOT_MEMBER = "Scegli come partner solo comuni aderenti al programma.";

let officer: Actor;
let streamId = "";
let outsider = "";
let seq = 0;

beforeAll(async () => {
  officer = await actorFor(OFFICER_SAN_DONATO);
  [{ id: streamId }] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" WHERE NOT archived LIMIT 1`);
  [{ istat: outsider }] = await ownerQuery<{ istat: string }>(
    `SELECT istat FROM "Comune" WHERE NOT member ORDER BY istat LIMIT 1`,
  );
});

const body = (partnerIstat: string[]) => ({
  streamId,
  title: `Intervento con partner ${++seq} ${Date.now().toString(36)}`,
  summary: "Prova dei comuni partner.",
  totalCost: "1.000,00",
  plannedStart: "01/03/2026",
  plannedEnd: "31/12/2027",
  status: "DESIGN",
  progress: "0",
  partnerIstat,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("partner comuni are member comuni", () => {
  it("create and update refuse a comune outside the programme with a field message", async () => {
    const e = await rejection(createProject(officer, body([PAULLO, outsider])));
    expect(e.code).toBe("INVALID");
    expect(e.fieldErrors.partnerIstat).toEqual([NOT_MEMBER]);

    const project = await createProject(officer, body([PAULLO]));
    const [{ version }] = await ownerQuery<{ version: number }>(
      `SELECT version FROM "Project" WHERE id = $1`,
      [project.id],
    );
    const u = await rejection(updateProject(officer, project.id, { ...body([outsider]), version }));
    expect(u.fieldErrors.partnerIstat).toEqual([NOT_MEMBER]);
    const partners = await ownerQuery(`SELECT "partnerIstat" FROM "ProjectPartner" WHERE "projectId" = $1`, [
      project.id,
    ]);
    expect(partners).toEqual([{ partnerIstat: PAULLO }]);
  });

  it("the API answers 422 with the field message", async () => {
    const token = await createApiToken(officer, { name: "partner" });
    const refused = await call("post", "projects", { token: token.token, json: body([outsider]) });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(NOT_MEMBER);
    expect((await call("post", "projects", { token: token.token, json: body([PAULLO]) })).status).toBe(201);
  });

  it("the database refuses it too", async () => {
    const project = await createProject(officer, body([]));
    await expect(
      appQuery(
        { role: "OFFICER", comune: SAN_DONATO, user: officer.userId },
        `INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat") VALUES ($1, $2, $3)`,
        [project.id, SAN_DONATO, outsider],
      ),
    ).rejects.toThrow(/member/);
    await appQuery(
      { role: "OFFICER", comune: SAN_DONATO, user: officer.userId },
      `INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat") VALUES ($1, $2, $3)`,
      [project.id, SAN_DONATO, PAULLO],
    );
  });
});
