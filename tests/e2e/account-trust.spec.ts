import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

const romeDay = (ms: number) =>
  new Intl.DateTimeFormat("it-IT", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "Europe/Rome",
  }).format(new Date(ms));

/** Creates a token on /profilo with the chosen duration and returns its secret (shown once). */
async function createToken(page: Page, name: string, duration: string): Promise<string> {
  await page.goto("/profilo");
  await expect(async () => {
    await page.getByLabel("Nome del token").fill(name);
    await page.getByLabel("Durata").selectOption({ label: duration });
    await page.getByRole("button", { name: "Crea token" }).click();
    await expect(page.getByLabel("Il tuo nuovo token")).toHaveValue(/^slt_/, { timeout: 3_000 });
  }).toPass();
  return page.getByLabel("Il tuo nuovo token").inputValue();
}

test("the administrator sees a user's API tokens with their expiry and revokes one", async ({
  browser,
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const officer = await browser.newContext();
  const officerPage = await officer.newPage();
  await login(officerPage, ACCOUNTS.sanDonato);
  const kept = await createToken(officerPage, `Tenuto ${tag}`, "180 giorni");
  const revoked = await createToken(officerPage, `Da revocare ${tag}`, "30 giorni");
  await officerPage.reload();
  await expect(officerPage.getByRole("row", { name: new RegExp(`Da revocare ${tag}`) })).toContainText(
    `Scade il ${romeDay(Date.now() + 30 * 86_400_000)}`,
  );
  await officer.close();

  const api = (token: string) =>
    playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const [keptApi, revokedApi] = await Promise.all([api(kept), api(revoked)]);
  try {
    expect((await revokedApi.get("/api/v1/projects")).status()).toBe(200);

    const [user] = await db<{ id: string }>(`SELECT id::text AS id FROM "User" WHERE email = $1`, [
      ACCOUNTS.sanDonato.email,
    ]);
    await login(page, ACCOUNTS.admin);
    await page.goto(`/admin/utenti/${user.id}`);
    await expect(page.getByRole("heading", { name: "Token API" })).toBeVisible();
    const keptRow = page.getByRole("row", { name: new RegExp(`Tenuto ${tag}`) });
    await expect(keptRow).toContainText(`Scade il ${romeDay(Date.now() + 180 * 86_400_000)}`);
    await expect(keptRow).toContainText(`slt_${kept.slice(4, 12)}_…`);
    await expect(page.getByText(kept)).toHaveCount(0); // never the secret
    await expectAccessible(page);

    const row = page.getByRole("row", { name: new RegExp(`Da revocare ${tag}`) });
    await page.waitForFunction(() =>
      [...document.querySelectorAll("main form")].some((f) =>
        Object.keys(f).some((k) => k.startsWith("__reactProps")),
      ),
    );
    await row.getByRole("button", { name: "Revoca" }).click();
    await confirmDialog(page);
    await expect(row).toContainText("Revocato il");
    await expect(row).toContainText("da un amministratore");
    await expect(row.getByRole("button", { name: "Revoca" })).toHaveCount(0);
    expect((await revokedApi.get("/api/v1/projects")).status()).toBe(401);
    expect((await keptApi.get("/api/v1/projects")).status()).toBe(200);
  } finally {
    await Promise.all([keptApi.dispose(), revokedApi.dispose()]);
  }
});

test("coordinators and officers get 404 on a user's page, so never see nor revoke tokens", async ({
  page,
}) => {
  const [user] = await db<{ id: string }>(`SELECT id::text AS id FROM "User" WHERE email = $1`, [
    ACCOUNTS.sanDonato.email,
  ]);
  for (const account of [ACCOUNTS.coordinator, ACCOUNTS.sanDonato]) {
    await page.context().clearCookies();
    await login(page, account);
    expect((await page.goto(`/admin/utenti/${user.id}`))?.status(), account.email).toBe(404);
  }
});

test("«Nuova Smart Land» is shown exactly to those who may create one: coordinators", async ({ page }) => {
  await login(page, ACCOUNTS.coordinator);
  await page.goto("/regione/smart-land");
  await expect(page.getByRole("link", { name: "Nuova Smart Land" })).toBeVisible();
  await page.goto("/regione/smart-land/sud-est-milano");
  await expect(page.getByRole("link", { name: "Modifica", exact: true })).toBeVisible();

  await page.context().clearCookies();
  await login(page, ACCOUNTS.admin);
  await page.goto("/regione/smart-land");
  await expect(page.getByRole("heading", { level: 1, name: "Smart Land" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nuova Smart Land" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/regione/smart-land/sud-est-milano");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Modifica", exact: true })).toHaveCount(0);
  for (const path of ["/regione/smart-land/nuova", "/regione/smart-land/sud-est-milano/modifica"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
