import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ACCOUNTS, db, login, projectOf } from "./helpers";

// The JSON API (/api/v1/projects…) with a real session cookie: officers write only in their own comune,
// everything outside the actor's scope is 404 problem+json, invalid input is 422 with Italian field
// messages, stale versions are 409 and nothing is written when a request is refused.

const SAN_DONATO = "015192";
const PAULLO = "015169";
const MELEGNANO = "015140";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

// lib/validation/schemas.ts MESSAGES (copied, so a changed message fails here).
const MSG = {
  required: "Campo obbligatorio.",
  cup: "CUP non valido: deve avere 15 caratteri (lettere maiuscole e cifre), ad esempio J71B19000120004.",
  endBeforeStart: "La data di fine non può precedere la data di inizio.",
  date: "Data non valida: usa il formato gg/mm/aaaa, ad esempio 25/11/2026.",
  money: "Importo non valido: scrivi ad esempio 1.234,56.",
  status: "Scegli uno stato valido.",
  version: "Versione non valida: ricarica la pagina.",
};

let seq = 0;
/** A title no other test (or run) uses, so "nothing was created" can be checked by title. */
function uniqueTitle(label: string) {
  seq += 1;
  return `API e2e ${label} ${Date.now().toString(36)}-${process.pid}-${seq}`;
}

/** A CUP no other live project has (CUPs are unique among live projects): year 19, random tail. */
function uniqueCup() {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let tail = "";
  for (let i = 0; i < 9; i++) tail += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `J71B19${tail}`;
}

/** A valid ordinary CIG (7 digits + 3 check characters), as lib/validation/identifiers.ts defines it. */
function ordinaryCig(n: number) {
  return String(n).padStart(7, "0") + ((n * 211) % 4091).toString(16).toUpperCase().padStart(3, "0");
}

async function activeStreamId() {
  const [row] = await db<{ id: string }>(`SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`);
  expect(row, "an active stream in the seed").toBeTruthy();
  return row.id;
}

function projectBody(streamId: string, overrides: Record<string, unknown> = {}) {
  return {
    streamId,
    title: uniqueTitle("intervento"),
    summary: "Intervento creato dai test dell'API.",
    cup: uniqueCup(),
    localCode: `API-${Date.now().toString(36)}-${++seq}`,
    totalCost: "1.234,56",
    plannedStart: "01/03/2026",
    plannedEnd: "2026-12-31",
    status: "DESIGN",
    health: "ON_TRACK",
    progress: 10,
    ...overrides,
  };
}

const fundingLineBody = (overrides: Record<string, unknown> = {}) => ({
  source: "PNRR",
  programme: "M2C2 – Mobilità sostenibile",
  year: 2026,
  amountPlanned: "1.000,00",
  amountCommitted: 500,
  amountPaid: "0",
  ...overrides,
});

const actionBody = (overrides: Record<string, unknown> = {}) => ({
  title: "Affidamento della progettazione",
  kind: "PROCUREMENT",
  owner: "Ufficio tecnico",
  dueDate: "30/06/2026",
  status: "TODO",
  cig: ordinaryCig(1234567),
  ...overrides,
});

const indicatorBody = (overrides: Record<string, unknown> = {}) => ({
  name: "Utenti serviti",
  theme: "PEOPLE",
  unit: "n.",
  baseline: "0",
  target: "1.500",
  actual: 12.5,
  period: "2026",
  ...overrides,
});

/** Status, problem+json content type, and `code` of an error answer; returns the body. */
async function expectProblem(res: APIResponse, status: number, code: string, what = "") {
  const label = `${what} ${res.url()}`.trim();
  expect(res.status(), `${label}: ${await res.text()}`).toBe(status);
  expect(res.headers()["content-type"], label).toContain("application/problem+json");
  const body = await res.json();
  expect(body, label).toMatchObject({ status, code });
  return body as {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: Record<string, string[]>;
  };
}

async function expectJson(res: APIResponse, status: number, what = "") {
  expect(res.status(), `${what} ${res.url()}: ${await res.text()}`.trim()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["content-type"]).not.toContain("problem");
  return res.json();
}

/** Creates a project through the API as the logged-in officer; returns its serialized data. */
async function createProject(api: APIRequestContext, body: Record<string, unknown>) {
  const res = await api.post("/api/v1/projects", { data: body });
  return (await expectJson(res, 201, "create project")).data;
}

/** Everything a write could touch of a project, straight from the database (owner connection). */
async function projectSnapshot(id: string) {
  const [project] = await db(`SELECT row_to_json(p)::text AS row FROM "Project" p WHERE id = $1`, [id]);
  const children = await db(
    `SELECT 'F' AS t, row_to_json(f)::text AS row FROM "FundingLine" f WHERE "projectId" = $1
     UNION ALL SELECT 'A', row_to_json(a)::text FROM "Action" a WHERE "projectId" = $1
     UNION ALL SELECT 'I', row_to_json(i)::text FROM "Indicator" i WHERE "projectId" = $1
     UNION ALL SELECT 'P', row_to_json(x)::text FROM "ProjectPartner" x WHERE "projectId" = $1
     ORDER BY 1, 2`,
    [id],
  );
  const [audit] = await db<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE "entityId" = $1
       OR "entityId" IN (SELECT id::text FROM "FundingLine" WHERE "projectId" = $1::uuid
                         UNION SELECT id::text FROM "Action" WHERE "projectId" = $1::uuid
                         UNION SELECT id::text FROM "Indicator" WHERE "projectId" = $1::uuid)
       OR "after"->>'projectId' = $1 OR "before"->>'projectId' = $1`,
    [id],
  );
  const snapshot = { project: project?.row, children, audit: audit.n };
  // Not vacuous: the project exists and has children to compare.
  expect(snapshot.project, `project ${id} in the database`).toBeTruthy();
  return snapshot;
}

async function projectsTitled(title: string) {
  const rows = await db<{ n: number }>(`SELECT count(*)::int AS n FROM "Project" WHERE title = $1`, [title]);
  return rows[0].n;
}

/** A Melegnano project without Paullo as partner that has at least one action. */
async function melegnanoProjectWithAction() {
  const [row] = await db<{ id: string; version: number; actionId: string; actionVersion: number }>(
    `SELECT p.id, p.version, a.id AS "actionId", a.version AS "actionVersion"
       FROM "Project" p JOIN "Action" a ON a."projectId" = p.id
      WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "ProjectPartner" x WHERE x."projectId" = p.id AND x."partnerIstat" = $2)
      ORDER BY p.title, a."createdAt" LIMIT 1`,
    [MELEGNANO, PAULLO],
  );
  expect(row, "a Melegnano project with an action and no Paullo partner in the seed").toBeTruthy();
  return row;
}

test.describe("projects API: an officer's lifecycle", () => {
  test("create, read, update with optimistic locking, delete and restore", async ({ page }) => {
    const streamId = await activeStreamId();
    await login(page, ACCOUNTS.sanDonato);
    const api = page.request;

    // The comune comes from the session, never from the body.
    const body = projectBody(streamId, { comuneIstat: MELEGNANO });
    const created = await createProject(api, body);
    expect(created).toMatchObject({
      comuneIstat: SAN_DONATO,
      title: body.title,
      cup: body.cup,
      localCode: body.localCode,
      totalCost: "1234.56",
      plannedStart: "2026-03-01",
      plannedEnd: "2026-12-31",
      actualStart: null,
      actualEnd: null,
      status: "DESIGN",
      health: "ON_TRACK",
      progress: 10,
      version: 1,
      stream: { id: streamId },
      partners: [],
      fundingLines: [],
      actions: [],
      indicators: [],
      access: { canWrite: true, isPartner: false },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await db<{ comuneIstat: string; totalCost: string }>(
      `SELECT "comuneIstat", "totalCost"::text AS "totalCost" FROM "Project" WHERE id = $1`,
      [created.id],
    );
    expect(row).toEqual({ comuneIstat: SAN_DONATO, totalCost: "1234.56" });

    const url = `/api/v1/projects/${created.id}`;
    expect((await expectJson(await api.get(url), 200, "read back")).data).toEqual(created);

    // Full update with the version read → 200, version + 1.
    const update = { ...body, title: uniqueTitle("modificato"), totalCost: 2000.5, plannedEnd: "31/01/2027" };
    const patched = (
      await expectJson(await api.patch(url, { data: { ...update, version: 1 } }), 200, "patch")
    ).data;
    expect(patched).toMatchObject({
      id: created.id,
      comuneIstat: SAN_DONATO,
      title: update.title,
      totalCost: "2000.50",
      plannedEnd: "2027-01-31",
      version: 2,
    });

    // Same update from a stale copy (version 1) → 409, nothing written.
    const stale = await api.patch(url, {
      data: { ...update, title: uniqueTitle("stale"), totalCost: "9,99", version: 1 },
    });
    const conflict = await expectProblem(stale, 409, "CONFLICT", "stale patch");
    expect(conflict.detail).toContain("Qualcun altro ha modificato questo intervento");
    expect((await expectJson(await api.get(url), 200, "after conflict")).data).toEqual(patched);

    // Children.
    const fl = await expectJson(
      await api.post(`${url}/funding-lines`, { data: fundingLineBody() }),
      201,
      "funding line",
    );
    expect(fl.data).toMatchObject({
      source: "PNRR",
      year: 2026,
      amountPlanned: "1000.00",
      amountCommitted: "500.00",
      amountPaid: "0.00",
      version: 1,
    });
    const action = await expectJson(await api.post(`${url}/actions`, { data: actionBody() }), 201, "action");
    expect(action.data).toMatchObject({
      title: "Affidamento della progettazione",
      kind: "PROCUREMENT",
      dueDate: "2026-06-30",
      doneDate: null,
      status: "TODO",
      cig: ordinaryCig(1234567),
      version: 1,
    });
    const indicator = await expectJson(
      await api.post(`${url}/indicators`, { data: indicatorBody() }),
      201,
      "indicator",
    );
    expect(indicator.data).toMatchObject({
      name: "Utenti serviti",
      theme: "PEOPLE",
      baseline: "0",
      target: "1500",
      actual: "12.5",
      version: 1,
    });

    // Update a child with its version → 200, version + 1; a stale copy → 409, unchanged.
    const actionUrl = `${url}/actions/${action.data.id}`;
    const done = await expectJson(
      await api.patch(actionUrl, {
        data: actionBody({ status: "DONE", doneDate: "2026-05-15", version: 1 }),
      }),
      200,
      "patch action",
    );
    expect(done.data).toMatchObject({
      id: action.data.id,
      status: "DONE",
      doneDate: "2026-05-15",
      version: 2,
    });
    await expectProblem(
      await api.patch(actionUrl, { data: actionBody({ title: "Copia vecchia", version: 1 }) }),
      409,
      "CONFLICT",
      "stale action patch",
    );
    expect((await expectJson(await api.get(actionUrl), 200, "action after conflict")).data).toEqual(
      done.data,
    );

    // Delete a child → 204, then it is gone.
    const flUrl = `${url}/funding-lines/${fl.data.id}`;
    const del = await api.delete(flUrl);
    expect(del.status()).toBe(204);
    expect(await del.text()).toBe("");
    await expectProblem(await api.get(flUrl), 404, "NOT_FOUND", "deleted funding line");
    expect((await expectJson(await api.get(`${url}/funding-lines`), 200)).data).toEqual([]);
    const indicators = (await expectJson(await api.get(`${url}/indicators`), 200)).data;
    expect(indicators).toEqual([indicator.data]);

    // Soft delete the project (with a stale version first: 409), then restore it.
    const current = (await expectJson(await api.get(url), 200)).data;
    await expectProblem(
      await api.delete(`${url}?version=${current.version - 1}`),
      409,
      "CONFLICT",
      "stale delete",
    );
    const gone = await api.delete(`${url}?version=${current.version}`);
    expect(gone.status()).toBe(204);
    await expectProblem(await api.get(url), 404, "NOT_FOUND", "deleted project");
    const [deleted] = await db<{ deleted: boolean }>(
      `SELECT "deletedAt" IS NOT NULL AS deleted FROM "Project" WHERE id = $1`,
      [created.id],
    );
    expect(deleted.deleted).toBe(true);
    // A deleted project takes no writes.
    await expectProblem(
      await api.patch(url, { data: { ...update, version: current.version + 1 } }),
      404,
      "NOT_FOUND",
      "patch deleted",
    );
    await expectProblem(
      await api.post(`${url}/actions`, { data: actionBody() }),
      404,
      "NOT_FOUND",
      "child of deleted",
    );

    const restored = (await expectJson(await api.post(`${url}/restore`), 200, "restore")).data;
    expect(restored).toMatchObject({ id: created.id, title: update.title, version: current.version + 2 });
    expect(restored.actions).toEqual([done.data]);
    expect((await expectJson(await api.get(url), 200, "after restore")).data).toEqual(restored);
    // Restoring a project that is not deleted finds nothing to restore.
    await expectProblem(await api.post(`${url}/restore`), 404, "NOT_FOUND", "restore twice");
  });

  test("a CUP taken by a live project is a 409 conflict, on create and on restore", async ({ page }) => {
    const streamId = await activeStreamId();
    await login(page, ACCOUNTS.sanDonato);
    const api = page.request;
    const first = await createProject(api, projectBody(streamId));

    // Same CUP typed in lower case with spaces: normalized, then refused.
    const second = projectBody(streamId, { cup: ` ${first.cup.toLowerCase()} ` });
    await expectProblem(
      await api.post("/api/v1/projects", { data: second }),
      409,
      "CONFLICT",
      "duplicate CUP",
    );
    expect(await projectsTitled(second.title)).toBe(0);

    // A deleted project frees its CUP…
    expect((await api.delete(`/api/v1/projects/${first.id}`)).status()).toBe(204);
    const replacement = await createProject(api, second);
    expect(replacement.cup).toBe(first.cup);

    // …so restoring it would duplicate the CUP: refused, and it stays deleted.
    await expectProblem(
      await api.post(`/api/v1/projects/${first.id}/restore`),
      409,
      "CONFLICT",
      "restore onto a taken CUP",
    );
    const [row] = await db<{ deleted: boolean }>(
      `SELECT "deletedAt" IS NOT NULL AS deleted FROM "Project" WHERE id = $1`,
      [first.id],
    );
    expect(row.deleted).toBe(true);
  });

  test("an unknown child collection is 404, also for names inherited from Object", async ({ page }) => {
    const streamId = await activeStreamId();
    await login(page, ACCOUNTS.sanDonato);
    const api = page.request;
    const project = await createProject(api, projectBody(streamId));
    const url = `/api/v1/projects/${project.id}`;
    const before = await projectSnapshot(project.id);

    for (const child of ["constructor", "toString", "__proto__", "hasOwnProperty", "fundingLines"]) {
      await expectProblem(await api.get(`${url}/${child}`), 404, "NOT_FOUND", `GET ${child}`);
      await expectProblem(
        await api.post(`${url}/${child}`, { data: actionBody() }),
        404,
        "NOT_FOUND",
        `POST ${child}`,
      );
      await expectProblem(
        await api.get(`${url}/${child}/${MISSING_ID}`),
        404,
        "NOT_FOUND",
        `GET ${child}/id`,
      );
      await expectProblem(
        await api.patch(`${url}/${child}/${MISSING_ID}`, { data: actionBody({ version: 1 }) }),
        404,
        "NOT_FOUND",
        `PATCH ${child}/id`,
      );
      await expectProblem(
        await api.delete(`${url}/${child}/${MISSING_ID}`),
        404,
        "NOT_FOUND",
        `DELETE ${child}/id`,
      );
    }
    // Unknown ids under a known collection, and ids that are not UUIDs.
    for (const path of [
      `${url}/actions/${MISSING_ID}`,
      `${url}/actions/not-a-uuid`,
      `/api/v1/projects/nope`,
    ]) {
      await expectProblem(await api.get(path), 404, "NOT_FOUND", path);
      await expectProblem(await api.delete(path), 404, "NOT_FOUND", path);
    }
    expect(await projectSnapshot(project.id)).toEqual(before);
  });
});

test.describe("projects API: invalid input", () => {
  test("an invalid body is 422 with Italian field messages and creates nothing", async ({ page }) => {
    const streamId = await activeStreamId();
    await login(page, ACCOUNTS.sanDonato);
    const api = page.request;

    const invalid = projectBody(streamId, {
      title: uniqueTitle("invalido"),
      cup: "ABC123",
      plannedStart: "01/06/2026",
      plannedEnd: "01/01/2026",
    });
    const problem = await expectProblem(
      await api.post("/api/v1/projects", { data: invalid }),
      422,
      "INVALID",
      "invalid create",
    );
    expect(problem.errors?.cup).toEqual([MSG.cup]);
    expect(problem.errors?.plannedEnd).toEqual([MSG.endBeforeStart]);
    expect(Object.keys(problem.errors ?? {}).sort()).toEqual(["cup", "plannedEnd"]);
    expect(await projectsTitled(invalid.title)).toBe(0);

    // Every problem at once: missing title, unreadable amount and date, unknown status.
    const many = projectBody(streamId, {
      title: "",
      totalCost: "mille euro",
      plannedEnd: "31/02/2026",
      status: "FINITO",
      localCode: uniqueTitle("codice").slice(-40),
    });
    const manyProblem = await expectProblem(
      await api.post("/api/v1/projects", { data: many }),
      422,
      "INVALID",
      "many errors",
    );
    expect(manyProblem.errors).toMatchObject({
      title: [MSG.required],
      totalCost: [MSG.money],
      plannedEnd: [MSG.date],
      status: [MSG.status],
    });
    const [leaked] = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE "localCode" = $1`,
      [many.localCode],
    );
    expect(leaked.n).toBe(0);
  });

  test("malformed JSON and non-object bodies are 422, never 500, and write nothing", async ({ page }) => {
    const streamId = await activeStreamId();
    await login(page, ACCOUNTS.sanDonato);
    const api = page.request;
    const project = await createProject(api, projectBody(streamId));
    const url = `/api/v1/projects/${project.id}`;
    const before = await projectSnapshot(project.id);
    const [{ n: countBefore }] = await db<{ n: number }>(
      // The only title these bodies carry is in the truncated JSON ("senza fine"). A count of all the
      // comune's projects would race with the other spec files creating projects in parallel.
      `SELECT count(*)::int AS n FROM "Project" WHERE "comuneIstat" = $1 AND title ILIKE '%senza fine%'`,
      [SAN_DONATO],
    );

    const headers = { "content-type": "application/json" };
    const writes: [string, (data: string) => Promise<APIResponse>][] = [
      ["POST project", (data) => api.post("/api/v1/projects", { data, headers })],
      ["PATCH project", (data) => api.patch(url, { data, headers })],
      ["POST action", (data) => api.post(`${url}/actions`, { data, headers })],
      ["POST funding line", (data) => api.post(`${url}/funding-lines`, { data, headers })],
    ];
    for (const [what, send] of writes) {
      for (const raw of ['{"title": "senza fine', "", "null", "[]", '"testo"', "42"]) {
        const res = await send(raw);
        const p = await expectProblem(res, 422, "INVALID", `${what} with body ${JSON.stringify(raw)}`);
        expect(p.title).toBeTruthy();
      }
    }
    // An object with the wrong version type is a field error, not a crash.
    const badVersion = await expectProblem(
      await api.patch(url, { data: { ...projectBody(streamId), version: "ieri" } }),
      422,
      "INVALID",
      "bad version",
    );
    expect(badVersion.errors?.version).toEqual([MSG.version]);

    expect(await projectSnapshot(project.id)).toEqual(before);
    const [{ n: countAfter }] = await db<{ n: number }>(
      // The only title these bodies carry is in the truncated JSON ("senza fine"). A count of all the
      // comune's projects would race with the other spec files creating projects in parallel.
      `SELECT count(*)::int AS n FROM "Project" WHERE "comuneIstat" = $1 AND title ILIKE '%senza fine%'`,
      [SAN_DONATO],
    );
    expect(countAfter).toBe(countBefore);
  });
});

test.describe("projects API: tenant wall on writes", () => {
  test("Paullo's officer gets 404 for every write on a Melegnano project, and nothing changes", async ({
    page,
  }) => {
    const streamId = await activeStreamId();
    const foreign = await melegnanoProjectWithAction();
    const before = await projectSnapshot(foreign.id);
    expect(before.children.some((c) => c.t === "A")).toBe(true);
    const [{ n: fundingBefore }] = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM "FundingLine" WHERE "comuneIstat" = $1`,
      [MELEGNANO],
    );

    await login(page, ACCOUNTS.paullo);
    const api = page.request;
    const url = `/api/v1/projects/${foreign.id}`;
    const actionUrl = `${url}/actions/${foreign.actionId}`;

    // What "absent" looks like: the answer for a project that does not exist.
    const absent = await expectProblem(
      await api.patch(`/api/v1/projects/${MISSING_ID}`, { data: { ...projectBody(streamId), version: 1 } }),
      404,
      "NOT_FOUND",
      "missing project",
    );

    const attempts: [string, () => Promise<APIResponse>][] = [
      ["GET project", () => api.get(url)],
      [
        "PATCH project",
        () => api.patch(url, { data: { ...projectBody(streamId), version: foreign.version } }),
      ],
      [
        "PATCH project, invalid body",
        () => api.patch(url, { data: { title: "", version: foreign.version } }),
      ],
      ["DELETE project", () => api.delete(url)],
      ["DELETE project with version", () => api.delete(`${url}?version=${foreign.version}`)],
      ["POST restore", () => api.post(`${url}/restore`)],
      ["POST funding line", () => api.post(`${url}/funding-lines`, { data: fundingLineBody() })],
      ["POST action", () => api.post(`${url}/actions`, { data: actionBody() })],
      ["POST indicator", () => api.post(`${url}/indicators`, { data: indicatorBody() })],
      ["GET action", () => api.get(actionUrl)],
      [
        "PATCH action",
        () => api.patch(actionUrl, { data: actionBody({ title: "Presa", version: foreign.actionVersion }) }),
      ],
      ["DELETE action", () => api.delete(actionUrl)],
    ];
    for (const [what, attempt] of attempts) {
      const body = await expectProblem(await attempt(), 404, "NOT_FOUND", what);
      // Indistinguishable from a project that does not exist, down to the body.
      expect(body, what).toEqual(absent);
    }

    // The foreign action through one of Paullo's own projects: still not found.
    const own = await projectOf(PAULLO);
    const ownBefore = await projectSnapshot(own.id);
    const viaOwn = `/api/v1/projects/${own.id}/actions/${foreign.actionId}`;
    await expectProblem(
      await api.patch(viaOwn, { data: actionBody({ title: "Presa", version: foreign.actionVersion }) }),
      404,
      "NOT_FOUND",
      "PATCH foreign action via own project",
    );
    await expectProblem(await api.delete(viaOwn), 404, "NOT_FOUND", "DELETE foreign action via own project");

    expect(await projectSnapshot(foreign.id)).toEqual(before);
    expect(await projectSnapshot(own.id)).toEqual(ownBefore);
    const [{ n: fundingAfter }] = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM "FundingLine" WHERE "comuneIstat" = $1`,
      [MELEGNANO],
    );
    expect(fundingAfter).toBe(fundingBefore);
  });

  test("a partner comune reads the project but every write is 404", async ({ page }) => {
    const streamId = await activeStreamId();
    // San Donato's inter-municipal project with Paullo as partner (seed: FLAGSHIPS).
    const [shared] = await db<{ id: string; version: number }>(
      `SELECT p.id, p.version FROM "Project" p JOIN "ProjectPartner" x ON x."projectId" = p.id
        WHERE p."comuneIstat" = $1 AND x."partnerIstat" = $2 AND p."deletedAt" IS NULL
        ORDER BY p.title LIMIT 1`,
      [SAN_DONATO, PAULLO],
    );
    expect(shared, "a San Donato project with Paullo as partner in the seed").toBeTruthy();
    const before = await projectSnapshot(shared.id);

    await login(page, ACCOUNTS.paullo);
    const api = page.request;
    const url = `/api/v1/projects/${shared.id}`;
    const read = (await expectJson(await api.get(url), 200, "partner read")).data;
    expect(read).toMatchObject({ comuneIstat: SAN_DONATO, access: { canWrite: false, isPartner: true } });

    const attempts: [string, () => Promise<APIResponse>][] = [
      ["PATCH", () => api.patch(url, { data: { ...projectBody(streamId), version: shared.version } })],
      ["DELETE", () => api.delete(url)],
      ["POST funding line", () => api.post(`${url}/funding-lines`, { data: fundingLineBody() })],
      ["POST action", () => api.post(`${url}/actions`, { data: actionBody() })],
    ];
    const firstAction = read.actions[0] as { id: string; version: number } | undefined;
    if (firstAction) {
      const actionUrl = `${url}/actions/${firstAction.id}`;
      attempts.push(
        ["PATCH action", () => api.patch(actionUrl, { data: actionBody({ version: firstAction.version }) })],
        ["DELETE action", () => api.delete(actionUrl)],
      );
    }
    for (const [what, attempt] of attempts) await expectProblem(await attempt(), 404, "NOT_FOUND", what);
    expect(await projectSnapshot(shared.id)).toEqual(before);
  });

  for (const role of ["coordinator", "admin"] as const) {
    test(`the ${role} reads every comune but gets 404 on every write`, async ({ page }) => {
      const streamId = await activeStreamId();
      const target = await melegnanoProjectWithAction();
      const before = await projectSnapshot(target.id);
      const title = uniqueTitle(role);

      await login(page, ACCOUNTS[role]);
      const api = page.request;
      const url = `/api/v1/projects/${target.id}`;
      const actionUrl = `${url}/actions/${target.actionId}`;
      expect((await expectJson(await api.get(url), 200, `${role} read`)).data).toMatchObject({
        id: target.id,
        comuneIstat: MELEGNANO,
        access: { canWrite: false },
      });

      const attempts: [string, () => Promise<APIResponse>][] = [
        ["POST project", () => api.post("/api/v1/projects", { data: projectBody(streamId, { title }) })],
        [
          "POST project with comuneIstat",
          () =>
            api.post("/api/v1/projects", { data: projectBody(streamId, { title, comuneIstat: MELEGNANO }) }),
        ],
        [
          "PATCH project",
          () => api.patch(url, { data: { ...projectBody(streamId), version: target.version } }),
        ],
        ["DELETE project", () => api.delete(url)],
        ["POST restore", () => api.post(`${url}/restore`)],
        ["POST funding line", () => api.post(`${url}/funding-lines`, { data: fundingLineBody() })],
        ["POST action", () => api.post(`${url}/actions`, { data: actionBody() })],
        ["POST indicator", () => api.post(`${url}/indicators`, { data: indicatorBody() })],
        ["PATCH action", () => api.patch(actionUrl, { data: actionBody({ version: target.actionVersion }) })],
        ["DELETE action", () => api.delete(actionUrl)],
      ];
      for (const [what, attempt] of attempts) await expectProblem(await attempt(), 404, "NOT_FOUND", what);

      expect(await projectSnapshot(target.id)).toEqual(before);
      expect(await projectsTitled(title)).toBe(0);
    });
  }

  test("writes without a session are 401 and change nothing", async ({ request }) => {
    const streamId = await activeStreamId();
    const target = await melegnanoProjectWithAction();
    const before = await projectSnapshot(target.id);
    const title = uniqueTitle("anonimo");
    const url = `/api/v1/projects/${target.id}`;
    const actionUrl = `${url}/actions/${target.actionId}`;

    const attempts: [string, () => Promise<APIResponse>][] = [
      ["POST project", () => request.post("/api/v1/projects", { data: projectBody(streamId, { title }) })],
      [
        "PATCH project",
        () => request.patch(url, { data: { ...projectBody(streamId), version: target.version } }),
      ],
      ["DELETE project", () => request.delete(url)],
      ["POST restore", () => request.post(`${url}/restore`)],
      ["POST funding line", () => request.post(`${url}/funding-lines`, { data: fundingLineBody() })],
      ["POST action", () => request.post(`${url}/actions`, { data: actionBody() })],
      [
        "PATCH action",
        () => request.patch(actionUrl, { data: actionBody({ version: target.actionVersion }) }),
      ],
      ["DELETE action", () => request.delete(actionUrl)],
      ["GET action", () => request.get(actionUrl)],
      ["GET unknown collection", () => request.get(`${url}/constructor`)],
      [
        "POST malformed JSON",
        () =>
          request.post("/api/v1/projects", { data: "{", headers: { "content-type": "application/json" } }),
      ],
    ];
    for (const [what, attempt] of attempts)
      await expectProblem(await attempt(), 401, "UNAUTHENTICATED", what);

    expect(await projectSnapshot(target.id)).toEqual(before);
    expect(await projectsTitled(title)).toBe(0);
  });
});
