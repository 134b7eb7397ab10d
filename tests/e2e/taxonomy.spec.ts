import { expect, test, type Browser } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

// Unique per run, so the spec also passes on a database an earlier run has used.
const RUN = Date.now().toString(36).toUpperCase().slice(-6);
const STREAM_CODE = `E2E-${RUN}`;
const SMART_LAND = `Smart Land di prova ${RUN}`;
const SMART_LAND_SLUG = `smart-land-di-prova-${RUN.toLowerCase()}`;

async function signedIn(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, account);
  return { context, page };
}

test("an admin onboards a comune, suspends it (its officer is refused, same message as a wrong password) and reinstates it", async ({
  browser,
}) => {
  test.setTimeout(120_000); // three sessions and five round trips through the admin pages
  const [comune] = await db<{ istat: string; name: string }>(
    `SELECT istat, name FROM "Comune" WHERE NOT member AND "provinceIstat" = '097' ORDER BY istat LIMIT 1`,
  );
  const admin = await signedIn(browser, ACCOUNTS.admin);
  await admin.page.goto(`/admin/comuni?stato=non-aderente&provincia=097`);
  await expectAccessible(admin.page);
  await admin.page.getByRole("link", { name: comune.name, exact: true }).click();
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText(`Comune di ${comune.name}`);
  await expectAccessible(admin.page);
  await admin.page.waitForLoadState("networkidle"); // hydrated: the click goes through the form's action
  await admin.page.getByRole("button", { name: "Rendi aderente al programma" }).click();
  await expect(admin.page.getByRole("status")).toContainText("aderisce", { timeout: 15_000 });

  // An officer for the new member comune (same password hash as the Paullo demo officer).
  const email = `referente.${comune.istat}@e2e.example`;
  await db(
    `INSERT INTO "User" (email, name, role, "comuneIstat", "passwordHash")
     SELECT $1, 'Referente di prova', 'OFFICER', $2, "passwordHash" FROM "User" WHERE email = $3`,
    [email, comune.istat, ACCOUNTS.paullo.email],
  );
  const officerAccount = { email, password: ACCOUNTS.paullo.password };
  const officer = await signedIn(browser, officerAccount);
  await expect(officer.page).toHaveURL(new RegExp(`/comuni/${comune.istat}$`));

  await admin.page.waitForLoadState("networkidle"); // hydrated: the click goes through the form's action
  await admin.page.getByRole("button", { name: "Sospendi il comune" }).click();
  await confirmDialog(admin.page);
  await expect(admin.page.getByRole("status")).toContainText("Comune sospeso", { timeout: 15_000 });

  // The open session ends at the next click; a new login gets the generic message.
  await officer.page.reload();
  await expect(officer.page).toHaveURL(/\/login\?sessione=comune-sospeso$/);
  await expect(officer.page.getByText("l'accesso del tuo comune al portale è stato sospeso")).toBeVisible();
  await officer.page.getByLabel("Email").fill(email);
  await officer.page.getByLabel("Password").fill(officerAccount.password);
  await officer.page.getByRole("button", { name: "Accedi" }).click();
  await expect(officer.page.getByText("Email o password non corretti.")).toBeVisible();

  // The data stay: the roll-up still lists the comune's figures (none here) and the comune page shows it suspended.
  await admin.page.goto("/admin/comuni?stato=sospeso");
  await expect(admin.page.getByRole("link", { name: comune.name, exact: true })).toBeVisible();
  await admin.page.getByRole("link", { name: comune.name, exact: true }).click();
  await admin.page.waitForLoadState("networkidle"); // hydrated: the click goes through the form's action
  await admin.page.getByRole("button", { name: "Riattiva il comune" }).click();
  await expect(admin.page.getByRole("status")).toContainText("riattivato", { timeout: 15_000 });
  await officer.context.close();
  const again = await signedIn(browser, officerAccount);
  await expect(again.page).toHaveURL(new RegExp(`/comuni/${comune.istat}$`));
  await again.context.close();
  await admin.context.close();
});

test("a coordinator creates and archives a stream: officers no longer get it for new projects", async ({
  browser,
}) => {
  test.setTimeout(120_000); // two sessions
  const coordinator = await signedIn(browser, ACCOUNTS.coordinator);
  const page = coordinator.page;
  await page.goto("/regione/filoni");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nuovo filone" }).click();
  await expect(page.getByRole("heading", { name: "Nuovo filone" })).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated before typing
  await page.getByLabel("Codice").fill(STREAM_CODE);
  await page.getByLabel("Nome").fill("Filone di prova e2e");
  await page.getByLabel("Tema OpenCoesione").selectOption({ label: "Energia" });
  await page.getByRole("checkbox", { name: "Innovazione" }).check();
  await page.getByRole("button", { name: "Crea il filone" }).click();
  await expect(page.getByRole("status")).toContainText("Filone creato", { timeout: 15_000 });
  await expectAccessible(page);

  const officer = await signedIn(browser, ACCOUNTS.sanDonato);
  await officer.page.goto("/comuni/015192/interventi/nuovo");
  await expect(
    officer.page.getByLabel("Filone di intervento").locator("option", { hasText: STREAM_CODE }),
  ).toHaveCount(1);

  await page.waitForLoadState("networkidle"); // hydrated: the click goes through the form's action
  await page.getByRole("button", { name: "Archivia il filone" }).click();
  await expect(page.getByRole("status")).toContainText("archiviato", { timeout: 15_000 });
  await officer.page.reload();
  await expect(
    officer.page.getByLabel("Filone di intervento").locator("option", { hasText: STREAM_CODE }),
  ).toHaveCount(0);
  await coordinator.context.close();
  await officer.context.close();
});

test("a coordinator creates a Smart Land with two comuni and a lead", async ({ page }) => {
  await login(page, ACCOUNTS.coordinator);
  await page.goto("/regione/smart-land");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nuova Smart Land" }).click();
  await page.waitForLoadState("networkidle"); // hydrated before typing
  await page.getByLabel("Nome").fill(SMART_LAND);
  await page.getByLabel("Fase", { exact: true }).fill("Fase 1");
  await page.getByRole("checkbox", { name: /^Paullo/ }).check();
  await page.getByRole("checkbox", { name: /^San Donato Milanese/ }).check();
  await page.getByLabel("Comune capofila").selectOption({ label: "Paullo (MI)" });
  await page.getByRole("button", { name: "Crea la Smart Land" }).click();
  await expect(page.getByRole("status")).toContainText("Smart Land creata", { timeout: 15_000 });
  await expect(page).toHaveURL(new RegExp(`/regione/smart-land/${SMART_LAND_SLUG}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SMART_LAND);
  await page.getByRole("link", { name: "Modifica" }).click();
  await expect(page.getByRole("checkbox", { name: /^Paullo/ })).toBeChecked();
  await expect(page.getByLabel("Comune capofila")).toHaveValue("015169");
  await expectAccessible(page);
});

for (const [role, account] of [
  ["officer", ACCOUNTS.paullo],
  ["coordinator", ACCOUNTS.coordinator],
] as const) {
  test(`the ${role} gets 404 on the pages it may not manage`, async ({ page }) => {
    await login(page, account);
    const forbidden =
      role === "officer"
        ? [
            "/admin/comuni",
            "/admin/comuni/015169",
            "/regione/filoni",
            "/regione/filoni/nuovo",
            "/regione/smart-land/nuova",
            "/regione/smart-land/sud-est-milano/modifica",
          ]
        : ["/admin/comuni", "/admin/comuni/015169"];
    for (const path of forbidden) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
  });
}
