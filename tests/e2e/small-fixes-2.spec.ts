import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login } from "./helpers";

// Issue #16 item 10, the second half: accessible confirmations, the error summary, all the overdue
// actions, no chart announced where none is drawn, no hydration error.

const SAN_DONATO = "015192";
const PAULLO = "015169";

/** Client forms need React to have hydrated before they are used. */
async function settled(page: Page, selector = "main form") {
  await page.waitForFunction((sel) => {
    const node = document.querySelector(sel);
    return !!node && Object.keys(node).some((k) => k.startsWith("__reactProps"));
  }, selector);
}

async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

test("deleting a project asks in an accessible dialog: Esc cancels, «Conferma» deletes", async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Da eliminare ${Date.now().toString(36)}`;
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}/interventi/nuovo`);
  await settled(page);
  await fill(page, {
    Titolo: title,
    "Costo totale": "10.000",
    "Inizio previsto": "01/02/2026",
    "Fine prevista": "30/06/2027",
  });
  await page.getByLabel("Filone di intervento").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Crea l'intervento" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const [row] = await db<{ id: string }>(`SELECT id::text AS id FROM "Project" WHERE title = $1`, [title]);
  await settled(page, "main form:has(button)");

  let nativeDialogs = 0;
  page.on("dialog", (d) => {
    nativeDialogs += 1;
    void d.dismiss();
  });
  const trigger = page.getByRole("button", { name: "Elimina", exact: true });
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "Conferma richiesta" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/Eliminare l'intervento\?/);
  await expect(dialog.getByRole("button", { name: "Annulla" })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  const [still] = await db<{ deleted: boolean }>(
    `SELECT "deletedAt" IS NOT NULL AS deleted FROM "Project" WHERE id = $1`,
    [row.id],
  );
  expect(still.deleted).toBe(false);

  await trigger.click();
  await confirmDialog(page);
  await expect(page.getByText("Intervento eliminato.")).toBeVisible();
  const [gone] = await db<{ deleted: boolean }>(
    `SELECT "deletedAt" IS NOT NULL AS deleted FROM "Project" WHERE id = $1`,
    [row.id],
  );
  expect(gone.deleted).toBe(true);
  expect(nativeDialogs).toBe(0);
});

test("after a refused submit the focus is on the error summary, whose links lead to the fields", async ({
  page,
}) => {
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}/interventi/nuovo`);
  await settled(page);
  await fill(page, { Titolo: "Intervento incompleto", CUP: "ABC", "Costo totale": "-5" });
  await page.getByRole("button", { name: "Crea l'intervento" }).click();
  const summary = page.locator("main [data-error-summary]");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Alcuni campi non sono validi");
  await summary.getByRole("link", { name: /CUP non valido/ }).click();
  await expect(page.getByLabel("CUP", { exact: true })).toBeFocused();
  await summary.getByRole("link", { name: "L'importo non può essere negativo." }).click();
  await expect(page.getByLabel("Costo totale", { exact: true })).toBeFocused();
  await expectAccessible(page);
});

test("«Azioni in ritardo» on the dashboard leads to all of them; another comune's list is a 404", async ({
  page,
}) => {
  // Enough overdue actions on one of Paullo's projects that the dashboard cannot list them all.
  const [project] = await db<{ id: string }>(
    `SELECT id::text AS id FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY title LIMIT 1`,
    [PAULLO],
  );
  const tag = `Ritardo e2e ${Date.now().toString(36)}`;
  await db(
    `INSERT INTO "Action" ("projectId", "comuneIstat", title, kind, "dueDate", status)
       SELECT $1::uuid, $2, $3 || ' ' || lpad(n::text, 2, '0'), 'DESIGN', DATE '2020-01-01' + n, 'TODO'
         FROM generate_series(1, 12) n`,
    [project.id, PAULLO, tag],
  );
  const count = async () =>
    Number(
      (
        await db<{ n: string }>(
          `SELECT count(*) AS n FROM "Action" a JOIN "Project" p ON p.id = a."projectId"
            WHERE a."comuneIstat" = $1 AND a.status <> 'DONE' AND a."doneDate" IS NULL
              AND a."dueDate" < (now() AT TIME ZONE 'Europe/Rome')::date AND p."deletedAt" IS NULL`,
          [PAULLO],
        )
      )[0].n,
    );
  await login(page, ACCOUNTS.paullo);
  await page.goto(`/comuni/${PAULLO}`);
  const section = page.locator("#azioni-in-ritardo");
  await expect(section.getByRole("table").locator("tbody tr")).toHaveCount(10);
  const link = section.getByRole("link", { name: /^Vedi tutte le \d+ azioni in ritardo$/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/comuni/${PAULLO}/ritardi$`));
  const total = await count();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Azioni in ritardo (${total})`);
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(Math.min(total, 50));
  for (const n of ["01", "12"]) await expect(page.getByText(`${tag} ${n}`)).toBeVisible();
  await expectAccessible(page);

  const other = await page.goto(`/comuni/${SAN_DONATO}/ritardi`);
  expect(other?.status()).toBe(404);
});

test("the dashboard announces a chart only where one is drawn", async ({ page }) => {
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(`/comuni/${SAN_DONATO}`);
  const states = page.locator('section[aria-labelledby="stati-titolo"]');
  await expect(states.getByRole("table")).toBeVisible();
  await expect(states).not.toContainText(/grafico/i);
  await expect(states.getByRole("img")).toHaveCount(0);
  // Every announced chart is drawn (recharts renders an svg inside it).
  const charts = page.getByRole("img", { name: /^Grafico/ });
  await expect(charts.first()).toBeVisible();
  for (const chart of await charts.all()) await expect(chart.locator("svg").first()).toBeVisible();
});

test("no hydration error on a project page with actions, a dashboard or the roll-up", async ({ browser }) => {
  test.setTimeout(90_000);
  const [project] = await db<{ id: string }>(
    `SELECT p.id::text AS id FROM "Project" p WHERE p."comuneIstat" = $1 AND p."deletedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Action" a WHERE a."projectId" = p.id)
      ORDER BY p.title LIMIT 1`,
    [SAN_DONATO],
  );
  const visits: [keyof typeof ACCOUNTS, string[]][] = [
    ["sanDonato", [`/comuni/${SAN_DONATO}/interventi/${project.id}`, `/comuni/${SAN_DONATO}`]],
    ["coordinator", ["/regione", `/comuni/${SAN_DONATO}/interventi/${project.id}`]],
  ];
  for (const [account, urls] of visits) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await login(page, ACCOUNTS[account]);
    for (const url of urls) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    expect(errors, account).toEqual([]);
    await context.close();
  }
});

test("without SMTP «Password dimenticata?» says to ask the administrator; no form is offered", async ({
  page,
}) => {
  test.skip(!!process.env.SMTP_URL, "the e2e server sends no mail");
  await page.goto("/login");
  await expect(page.getByText("Password dimenticata? Contatta l'amministratore del portale.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Password dimenticata?" })).toHaveCount(0);
  await page.goto("/password-dimenticata");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Password dimenticata");
  await expect(page.getByText(/contatta l'amministratore del portale/)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveCount(0);
  await expectAccessible(page);
});
