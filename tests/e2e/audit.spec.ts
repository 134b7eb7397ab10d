import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login, projectOf } from "./helpers";

const SAN_DONATO = "015192";

async function activeStreamId() {
  const [s] = await db<{ id: string }>(`SELECT id FROM "Stream" WHERE NOT archived ORDER BY code LIMIT 1`);
  return s.id;
}

/** An officer of San Donato creates a project and renames it through the API; returns its id and titles. */
async function projectWithUpdate(page: Page) {
  await login(page, ACCOUNTS.sanDonato);
  const streamId = await activeStreamId();
  const stamp = Date.now().toString(36);
  const before = `Registro e2e ${stamp}`;
  const after = `Registro e2e ${stamp} – rinominato`;
  const created = await page.request.post("/api/v1/projects", {
    data: { streamId, title: before, totalCost: "1.000,00" },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).data.id as string;
  const patched = await page.request.patch(`/api/v1/projects/${id}`, {
    data: { streamId, title: after, totalCost: "1.500,00", version: 1 },
  });
  expect(patched.status()).toBe(200);
  await page.context().clearCookies();
  return { id, before, after };
}

test("the administrator filters the audit log by entity and action and reads a diff", async ({ page }) => {
  const p = await projectWithUpdate(page);
  await login(page, ACCOUNTS.admin);
  await page.goto("/admin/registro");
  await expect(page.getByRole("heading", { name: "Registro attività", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Oggetto", { exact: true }).selectOption({ label: "Intervento" });
  await page.getByLabel("Azione", { exact: true }).selectOption({ label: "Modifica" });
  await page.getByLabel("Utente", { exact: true }).fill(ACCOUNTS.sanDonato.email);
  await page.getByLabel("Dal").fill(
    new Date().toLocaleDateString("it-IT", {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      timeZone: "Europe/Rome",
    }),
  );
  await page.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(/oggetto=Project/);
  await expect(page).toHaveURL(/azione=UPDATE/);

  // The log names the project by its title (issue #16 item 8), no longer by its UUID.
  const row = page
    .getByRole("table", { name: /Eventi del registro/ })
    .locator(":scope > tbody > tr")
    .filter({ hasText: p.after });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Referente comunale");
  await expect(row).toContainText("San Donato Milanese");
  await expect(row).toContainText("Modifica");
  await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  const diff = row.getByRole("table");
  await expect(diff.getByRole("row", { name: /Titolo/ })).toContainText(p.before);
  await expect(diff.getByRole("row", { name: /Titolo/ })).toContainText(p.after);
  await expect(diff.getByRole("row", { name: /Costo totale/ })).toContainText(/1\.000,00\s€.*1\.500,00\s€/);
  await expect(row.getByRole("link", { name: new RegExp(p.after) })).toHaveAttribute(
    "href",
    `/comuni/${SAN_DONATO}/interventi/${p.id}`,
  );
  // Every row on the page matches the filters.
  const rows = page.getByRole("table", { name: /Eventi del registro/ }).locator(":scope > tbody > tr");
  for (const text of await rows.allTextContents()) expect(text).toContain("Modifica");
  await expectAccessible(page);

  // The filters survive a reload (they live in the URL).
  await page.reload();
  await expect(page.getByLabel("Utente", { exact: true })).toHaveValue(ACCOUNTS.sanDonato.email);
  await expect(page.getByLabel("Oggetto", { exact: true })).toHaveValue("Project");
});

test("the CSV export downloads the current filter, with BOM, ';' and the diff", async ({ page }) => {
  const p = await projectWithUpdate(page);
  await login(page, ACCOUNTS.admin);
  await page.goto(`/admin/registro?oggetto=Project&utente=${encodeURIComponent(ACCOUNTS.sanDonato.email)}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Scarica CSV (filtri correnti)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^registro-attivita-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toContain("Data e ora;Utente;Ruolo;Comune;");
  expect(lines.some((l) => l.includes(`;${p.id};Modifica;Titolo;${p.before};${p.after};`))).toBe(true);
  for (const l of lines.slice(1)) expect(l).toContain(";Intervento;");
});

test("invalid filter dates get an Italian message next to the field", async ({ page }) => {
  await login(page, ACCOUNTS.admin);
  await page.goto("/admin/registro?dal=31/02/2026");
  const field = page.getByLabel("Dal", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Data non valida: usa il formato gg\/mm\/aaaa\./);
  await expect(page.locator('main [role="alert"]')).toContainText("Alcuni filtri non sono validi");
  await expectAccessible(page);
});

/**
 * A Paullo officer of this test's own (the demo officer's password): refusals are aggregated per actor and
 * minute (lib/audit/repeated.ts), so another worker's refusals by the demo officer would share the rows.
 */
async function ownPaulloOfficer(tag: string) {
  const email = `e2e-${tag}-${Date.now()}@example.com`;
  const [user] = await db<{ id: string }>(
    `INSERT INTO "User" (email, name, role, "comuneIstat", "passwordHash")
     SELECT $1, 'Referente di prova', 'OFFICER', '015169', "passwordHash" FROM "User" WHERE email = $2
     RETURNING id`,
    [email, ACCOUNTS.paullo.email],
  );
  return { id: user.id, email, password: ACCOUNTS.paullo.password };
}

test("refusals are audited as ACCESS_DENIED (API and page) and logout as LOGOUT", async ({ page }) => {
  const paullo = await ownPaulloOfficer("denied");
  await login(page, paullo);
  const foreign = await projectOf("015140", "015169");
  const since = new Date();
  // Each refusal carries its own request id, stored on its audit event.
  const requestIds = [`e2e-denied-api-${Date.now()}`, `e2e-denied-page-${Date.now()}`];

  const api = await page.request.get(`/api/v1/projects/${foreign.id}?token=segreto`, {
    headers: { "x-request-id": requestIds[0] },
  });
  expect(api.status()).toBe(404);
  const view = await withRequestId(page, requestIds[1], () =>
    page.goto(`/comuni/015140/interventi/${foreign.id}`),
  );
  expect(view?.status()).toBe(404);

  const denied = await db<{
    entityId: string;
    after: Record<string, string>;
    comuneIstat: string;
    actorRole: string;
  }>(
    `SELECT "entityId", after, "comuneIstat", "actorRole" FROM "AuditEvent"
      WHERE action = 'ACCESS_DENIED' AND "actorId" = $1 AND "createdAt" >= $2 AND "requestId" = ANY($3)
      ORDER BY id`,
    [paullo.id, new Date(since.getTime() - 2_000), requestIds],
  );
  expect(denied).toEqual([
    {
      entityId: `/api/v1/projects/${foreign.id}`,
      after: { via: "api", method: "GET", path: `/api/v1/projects/${foreign.id}` },
      comuneIstat: "015169",
      actorRole: "OFFICER",
    },
    {
      entityId: `/comuni/015140/interventi/${foreign.id}`,
      after: { via: "page", method: "GET", path: `/comuni/015140/interventi/${foreign.id}` },
      comuneIstat: "015169",
      actorRole: "OFFICER",
    },
  ]);
  expect(JSON.stringify(denied)).not.toContain("segreto");

  await page.goto("/comuni/015169");
  const logoutId = `e2e-logout-${Date.now()}`;
  await withRequestId(page, logoutId, async () => {
    await page.getByRole("button", { name: "Esci" }).click();
    await expect(page).toHaveURL(/\/login/);
  });
  await expect
    .poll(
      async () =>
        (
          await db<{ n: number }>(
            `SELECT count(*)::int AS n FROM "AuditEvent"
              WHERE action = 'LOGOUT' AND "actorId" = $1 AND "createdAt" >= $2 AND "requestId" = $3`,
            [paullo.id, new Date(since.getTime() - 2_000), logoutId],
          )
        )[0].n,
    )
    .toBe(1);
});

test("a server action refused by the tenant wall is audited with its own page, not a forged Referer", async ({
  page,
}) => {
  const own = await projectOf("015169");
  const foreign = await projectOf("015140", "015169");
  const paullo = await ownPaulloOfficer("action");
  await login(page, paullo);
  const since = new Date(Date.now() - 2_000);
  await page.goto(`/comuni/015169/interventi/${own.id}/modifica?token=segreto`);
  await page
    .locator('input[name="id"]')
    .evaluate((el, id) => ((el as HTMLInputElement).value = id), foreign.id);
  await page.getByLabel("Titolo", { exact: true }).fill("Intrusione");
  // The action's POST claims to come from another page: the audit log must not believe it. (Chromium
  // ignores a Referer set by route.continue, so the request is sent by route.fetch with the forged one.)
  await page.route(`**/comuni/015169/interventi/${own.id}/modifica**`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const headers = { ...route.request().headers(), referer: "http://127.0.0.1/admin/utenti/finto-percorso" };
    await route.fulfill({ response: await route.fetch({ headers }) });
  });
  const requestId = `e2e-denied-action-${Date.now()}`;
  await withRequestId(page, requestId, async () => {
    await page.getByRole("button", { name: "Salva le modifiche" }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText("Non trovato.");
  });
  const rows = await db<{ entityId: string; after: Record<string, string> }>(
    `SELECT "entityId", after FROM "AuditEvent"
      WHERE action = 'ACCESS_DENIED' AND "actorId" = $1 AND "createdAt" >= $2 AND "requestId" = $3
      ORDER BY id`,
    [paullo.id, since, requestId],
  );
  const path = `/comuni/015169/interventi/${own.id}/modifica`;
  expect(rows).toEqual([
    { entityId: path, after: { via: "action", method: "POST", path, requestedId: foreign.id } },
  ]);
});

/** Runs `act` with every request the page sends carrying `x-request-id: id` (stored on its audit events). */
async function withRequestId<T>(page: Page, id: string, act: () => Promise<T>): Promise<T> {
  await page.setExtraHTTPHeaders({ "x-request-id": id });
  try {
    return await act();
  } finally {
    await page.setExtraHTTPHeaders({});
  }
}
