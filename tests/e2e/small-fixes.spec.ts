import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, login } from "./helpers";

// Issue #16 item 10: the small defects found in review, each seen in the browser.

const PAULLO = "015169";
const SAN_DONATO = "015192";

/** Client forms need React to have hydrated before they are used. */
async function settled(page: Page, selector = "main form") {
  await page.waitForFunction((sel) => {
    const node = document.querySelector(sel);
    return !!node && Object.keys(node).some((k) => k.startsWith("__reactProps"));
  }, selector);
}

test("the administrator's confirmation names the user just created", async ({ page }) => {
  await login(page, ACCOUNTS.admin);
  await page.goto("/admin/utenti/nuovo");
  await settled(page);
  await page.getByLabel("Nome e cognome").fill("Giulia Bianchi");
  await page.getByLabel("Email").fill(`giulia.${Date.now().toString(36)}@prova.example`);
  await page.getByLabel("Ruolo").selectOption({ label: "Coordinatore regionale" });
  await page.getByRole("button", { name: "Crea utente" }).click();
  await expect(page.getByText("Link di attivazione per Giulia Bianchi creato.")).toBeVisible();
});

test("in a partner comune's list the lead comune is marked «capofila», not «partner»", async ({ page }) => {
  const [shared] = await db<{ name: string }>(
    `SELECT c.name FROM "Project" p JOIN "ProjectPartner" x ON x."projectId" = p.id JOIN "Comune" c ON c.istat = p."comuneIstat"
      WHERE p."comuneIstat" = $1 AND x."partnerIstat" = $2 AND p."deletedAt" IS NULL LIMIT 1`,
    [SAN_DONATO, PAULLO],
  );
  expect(shared, "a San Donato project with Paullo as partner in the seed").toBeTruthy();
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}/interventi?ambito=partner`);
  const table = page.getByRole("table");
  await expect(table.getByText(`${shared.name} (capofila)`).first()).toBeVisible();
  await expect(table.getByText("(partner)")).toHaveCount(0);
});

test("a 404 has a single main landmark, inside the portal and outside it", async ({ page }) => {
  const missing = await page.goto("/pagina-che-non-esiste");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Non trovato." })).toBeVisible();
  await expect(page.locator("main")).toHaveCount(1);
  await login(page, ACCOUNTS.paullo);
  const inPortal = await page.goto(`/comuni/${PAULLO}/interventi/00000000-0000-4000-8000-000000000000`);
  expect(inPortal?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Non trovato." })).toBeVisible();
  await expect(page.locator("main")).toHaveCount(1);
});

test("one project found is «1 intervento trovato»", async ({ page }) => {
  const [own] = await db<{ title: string }>(
    `SELECT title FROM "Project" p WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL
        AND (SELECT count(*) FROM "Project" o WHERE o."comuneIstat" = $1 AND o.title ILIKE '%' || p.title || '%') = 1
      ORDER BY title LIMIT 1`,
    [PAULLO],
  );
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}/interventi?q=${encodeURIComponent(own.title)}`);
  await expect(page.locator("caption", { hasText: "1 intervento trovato" })).toHaveCount(1);
  await expect(page.locator("caption", { hasText: "interventi trovati" })).toHaveCount(0);
});

test("over-financing: the gap is 0 and the page warns by how much the resources exceed the cost", async ({
  page,
}) => {
  const [p] = await db<{ id: string }>(
    `SELECT p.id FROM "Project" p WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND (SELECT sum(f."amountPlanned") FROM "FundingLine" f WHERE f."projectId" = p.id) > 1000
      ORDER BY p.id LIMIT 1`,
    [PAULLO],
  );
  await db(`UPDATE "Project" SET "totalCost" = 1000 WHERE id = $1`, [p.id]);
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}/interventi/${p.id}`);
  await expect(page.getByTestId("funding-gap")).toHaveText(/^0,00\s€$/);
  await expect(
    page.getByText(/^Attenzione: Le risorse previste superano il costo totale di [\d.]+,\d{2}\s€\.$/),
  ).toBeVisible();
});

test("a reversed year range on the roll-up is ignored with a message beside the filter", async ({ page }) => {
  await login(page, ACCOUNTS.coordinator);
  await page.goto("/regione?anno_da=2027&anno_a=2025");
  const form = page
    .getByRole("search")
    .or(page.locator("form").filter({ has: page.getByLabel("Dall'anno") }));
  await expect(form.first().getByRole("alert")).toHaveText(/L'anno iniziale è successivo a quello finale/);
  await page.goto("/regione?anno_da=abc");
  await expect(
    page.getByRole("alert").filter({ hasText: "Inserisci un anno tra il 1990 e il 2100" }),
  ).toBeVisible();
});
