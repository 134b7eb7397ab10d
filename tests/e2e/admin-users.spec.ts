import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

const PAULLO = "015169";
const SAN_DONATO = "015192";

const unique = (tag: string) =>
  `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@prova.example`;

/** Client forms (confirm dialogs, copy button) need React to have hydrated before they are used. */
async function settled(page: Page, selector = "main form") {
  // React marks the DOM nodes it has hydrated with its own expando properties.
  await page.waitForFunction((sel) => {
    const node = document.querySelector(sel);
    return !!node && Object.keys(node).some((k) => k.startsWith("__reactProps"));
  }, selector);
}

/** The administrator creates a user through the form; returns the activation link shown once. */
async function createThroughForm(
  page: Page,
  user: { name: string; email: string; role: string; comune?: string },
): Promise<string> {
  await page.goto("/admin/utenti/nuovo");
  await settled(page);
  await page.getByLabel("Nome e cognome").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Ruolo").selectOption({ label: user.role });
  if (user.comune) await page.getByLabel("Comune").selectOption({ label: user.comune });
  await page.getByRole("button", { name: "Crea utente" }).click();
  const link = page.getByLabel("Link di attivazione");
  await expect(link).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "non verrà più mostrato" })).toBeVisible();
  return link.inputValue();
}

/** Opens the link in a fresh browser (no session) and sets the password. */
async function activate(browser: Browser, link: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Attiva il tuo account" })).toBeVisible();
  await settled(page);
  return { context, page, password };
}

async function choosePassword(page: Page, password: string, confirm = password) {
  await page.getByLabel("Nuova password", { exact: true }).fill(password);
  await page.getByLabel("Conferma la nuova password").fill(confirm);
}

test("the administrator invites an officer for Paullo, who activates, works, and is cut off on deactivation", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Gestisci gli utenti" }).click();
  await expect(page.getByRole("heading", { name: "Utenti", exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/admin/utenti/nuovo");
  await expectAccessible(page);

  // Field errors first: an officer needs a comune.
  const email = unique("referente.paullo");
  await settled(page);
  await page.getByLabel("Nome e cognome").fill("Chiara Lodi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Ruolo").selectOption({ label: "Referente comunale" });
  await page.getByRole("button", { name: "Crea utente" }).click();
  const comuneField = page.getByLabel("Comune");
  await expect(comuneField).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-comuneIstat-error")).toHaveText("Scegli il comune del referente.");
  await expect(page.getByLabel("Nome e cognome")).toHaveValue("Chiara Lodi"); // typed values kept

  const link = await createThroughForm(page, {
    name: "Chiara Lodi",
    email,
    role: "Referente comunale",
    comune: `Paullo (${PAULLO})`,
  });
  expect(link).toMatch(/\/attiva\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  // The officer, in a browser of their own, opens the link and chooses a password.
  const officer = await activate(browser, link, "Roggia-Vettabbia-2026");
  await expectAccessible(officer.page);
  await choosePassword(officer.page, "corta");
  await officer.page.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(officer.page.locator("#f-password-error")).toHaveText(
    "La password deve avere almeno 12 caratteri.",
  );
  await expect(officer.page.getByLabel("Nuova password", { exact: true })).toHaveAttribute(
    "aria-describedby",
    /f-password-error/,
  );
  await choosePassword(officer.page, officer.password);
  await officer.page.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(officer.page).toHaveURL(/\/login\?avviso=attivato/);
  await expect(officer.page.getByText("Account attivato: accedi con la nuova password.")).toBeVisible();

  // The link works once.
  await officer.page.goto(link);
  await expect(officer.page.getByRole("heading", { name: "Link non valido" })).toBeVisible();
  await expectAccessible(officer.page);

  // The officer logs in and lands on Paullo; another comune answers 404.
  await login(officer.page, { email, password: officer.password });
  await expect(officer.page).toHaveURL(new RegExp(`/comuni/${PAULLO}$`));
  expect((await officer.page.goto(`/comuni/${SAN_DONATO}`))?.status()).toBe(404);
  await officer.page.goto(`/comuni/${PAULLO}`);
  await settled(officer.page, "header nav a");

  // The administrator finds the officer, sees the last login, and deactivates them.
  await page.goto(`/admin/utenti?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("row", { name: /Chiara Lodi/ });
  await expect(row).toContainText("Attivo");
  await row.getByRole("link", { name: "Chiara Lodi" }).click();
  await expect(page.getByRole("heading", { name: "Chiara Lodi" })).toBeVisible();
  await expect(
    page
      .locator("dd")
      .filter({ hasText: / alle \d\d:\d\d/ })
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await settled(page);
  await page.getByRole("button", { name: "Disattiva utente" }).click();
  await confirmDialog(page);
  await expect(page.getByText("Utente disattivato")).toBeVisible();
  await expect(page.getByRole("button", { name: "Riattiva utente" })).toBeVisible();

  // The officer's open session is refused at the next click.
  await officer.page
    .getByRole("navigation", { name: "Navigazione principale" })
    .getByRole("link", { name: "Interventi" })
    .click();
  await expect(officer.page).toHaveURL(/\/login\?sessione=account-disattivato$/);
  // The login page says why (issue #16 item 10).
  await expect(
    officer.page.getByText("La sessione è stata chiusa: l'account è stato disattivato."),
  ).toBeVisible();
  await expectAccessible(officer.page);
  await officer.context.close();
});

test("coordinators and officers get 404 on every users page", async ({ page }) => {
  const [admin] = await db<{ id: string }>(`SELECT id::text AS id FROM "User" WHERE email = $1`, [
    ACCOUNTS.admin.email,
  ]);
  for (const account of [ACCOUNTS.coordinator, ACCOUNTS.melegnano]) {
    await page.context().clearCookies();
    await login(page, account);
    for (const path of ["/admin/utenti", "/admin/utenti/nuovo", `/admin/utenti/${admin.id}`]) {
      expect((await page.goto(path))?.status(), `${account.email} ${path}`).toBe(404);
    }
  }
});

test("a user changes their own password from the profile page", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.admin);
  // A fresh account: the demo accounts keep their passwords for the other tests.
  const email = unique("coordinatore");
  const link = await createThroughForm(page, { name: "Marco Adda", email, role: "Coordinatore regionale" });
  const first = "Naviglio-Martesana-2026";
  const user = await activate(browser, link, first);
  await choosePassword(user.page, first);
  await user.page.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(user.page).toHaveURL(/\/login\?avviso=attivato/);
  await login(user.page, { email, password: first });

  await user.page.getByRole("link", { name: "Marco Adda" }).click();
  await expect(user.page.getByRole("heading", { name: "Il mio profilo" })).toBeVisible();
  await expect(user.page.getByText(email)).toBeVisible();
  await expect(user.page.getByText("Coordinatore regionale").first()).toBeVisible();
  await expectAccessible(user.page);
  await settled(user.page);

  const next = "Canale-Muzza-Lodigiano-27";
  await user.page.getByLabel("Password attuale").fill("non-e-la-mia-password");
  await choosePassword(user.page, next);
  await user.page.getByRole("button", { name: "Cambia password" }).click();
  await expect(user.page.locator("#f-currentPassword-error")).toHaveText(
    "La password attuale non è corretta.",
  );
  await expect(user.page.getByLabel("Password attuale")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(user.page);

  await user.page.getByLabel("Password attuale").fill(first);
  await choosePassword(user.page, next);
  await user.page.getByRole("button", { name: "Cambia password" }).click();
  await expect(user.page).toHaveURL(/\/login\?avviso=password-cambiata/);
  await expect(user.page.getByText("Password cambiata: accedi con la nuova password")).toBeVisible();

  // The old password no longer works; the new one does.
  await user.page.getByLabel("Email").fill(email);
  await user.page.getByLabel("Password").fill(first);
  await user.page.getByRole("button", { name: "Accedi" }).click();
  await expect(user.page.locator("#login-error")).toHaveText("Email o password non corretti.");
  await login(user.page, { email, password: next });
  await expect(user.page).toHaveURL(/\/regione$/);
  await user.context.close();
});

test("a forced reset: the administrator's link lets the user choose a new password", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.admin);
  const email = unique("reset");
  const link = await createThroughForm(page, {
    name: "Sara Lambro",
    email,
    role: "Referente comunale",
    comune: `Paullo (${PAULLO})`,
  });
  const user = await activate(browser, link, "Fontanile-Lombardo-2026");
  await choosePassword(user.page, user.password);
  await user.page.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(user.page).toHaveURL(/\/login/);

  const [row] = await db<{ id: string }>(`SELECT id::text AS id FROM "User" WHERE email = $1`, [email]);
  await page.goto(`/admin/utenti/${row.id}`);
  await settled(page);
  await page.getByRole("button", { name: "Forza il cambio password" }).click();
  await confirmDialog(page);
  const resetLink = await page.getByLabel("Link di reimpostazione della password").inputValue();
  expect(resetLink).toMatch(/\/reimposta\/[A-Za-z0-9_-]{43}$/);

  await user.page.goto(resetLink);
  await expect(user.page.getByRole("heading", { name: "Reimposta la password" })).toBeVisible();
  await expectAccessible(user.page);
  await settled(user.page);
  await choosePassword(user.page, "Sorgente-Adda-Nuova-2027");
  await user.page.getByRole("button", { name: "Salva la nuova password" }).click();
  await expect(user.page.getByText("Password reimpostata: accedi con la nuova password.")).toBeVisible();
  await login(user.page, { email, password: "Sorgente-Adda-Nuova-2027" });
  await expect(user.page).toHaveURL(new RegExp(`/comuni/${PAULLO}$`));
  await user.context.close();
});
