import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, confirmDialog, db, expectAccessible, login, projectOf } from "./helpers";

const SAN_DONATO = "015192";

/** "1.234,56 €" → 123456 (cents), exact. */
function cents(text: string): number {
  const clean = text.replace(/[^\d,-]/g, "");
  const [int, frac = "0"] = clean.split(",");
  return Number(int) * 100 + Number(frac.padEnd(2, "0").slice(0, 2));
}

async function kpi(page: Page, label: string) {
  const card = page.locator("div.rounded-lg", { has: page.getByText(label, { exact: true }) }).first();
  return (await card.locator("p.text-2xl").textContent()) ?? "";
}

async function dashboardFigures(page: Page) {
  await page.goto(`/comuni/${SAN_DONATO}`);
  return {
    projects: Number(await kpi(page, "Interventi")),
    cost: cents(await kpi(page, "Costo totale")),
    planned: cents(await kpi(page, "Risorse previste")),
    overdue: Number(await kpi(page, "Azioni in ritardo")),
  };
}

async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
}

async function addChild(
  page: Page,
  link: string,
  fields: Record<string, string>,
  selects: Record<string, string> = {},
) {
  await page.getByRole("link", { name: link }).click();
  await fill(page, fields);
  for (const [label, value] of Object.entries(selects)) {
    await page.getByLabel(label, { exact: true }).selectOption({ label: value });
  }
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.getByText("Modifiche salvate.")).toBeVisible();
}

test("an officer registers a project with resources, actions and an indicator; the dashboard follows", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.sanDonato);
  const before = await dashboardFigures(page);

  await page.goto(`/comuni/${SAN_DONATO}/interventi/nuovo`);
  await expectAccessible(page);
  await fill(page, {
    Titolo: "Hub della mobilità condivisa – stazione di San Donato",
    "Costo totale": "250.000,50",
    "Inizio previsto": "01/02/2026",
    "Fine prevista": "30/06/2027",
    CUP: "J71B24000120004",
  });
  // A seeded stream by name: taxonomy.spec creates and archives its own stream concurrently, and it
  // sorts first ("E2E-…" < "SL-01"), so picking by index raced with it.
  await page
    .getByLabel("Filone di intervento")
    .selectOption({ label: "SL-01 · Mobilità sostenibile e intermodale" });
  await page.getByRole("button", { name: "Crea l'intervento" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Hub della mobilità condivisa – stazione di San Donato",
  );
  await expectAccessible(page);

  await addChild(
    page,
    "Aggiungi una risorsa",
    { Anno: "2026", Previsto: "100.000,25", Impegnato: "50.000", Pagato: "10.000" },
    {
      "Fonte di finanziamento": "PNRR",
    },
  );
  await addChild(
    page,
    "Aggiungi una risorsa",
    { Anno: "2027", Previsto: "40.000,00" },
    {
      "Fonte di finanziamento": "Regione Lombardia",
    },
  );
  await expect(page.getByTestId("total-planned")).toHaveText(/140\.000,25/);
  await expect(page.getByTestId("funding-gap")).toHaveText(/110\.000,25/);
  await addChild(
    page,
    "Aggiungi un'azione",
    { Azione: "Progetto di fattibilità", Scadenza: "15/01/2025" },
    {
      Tipo: "Progettazione",
    },
  );
  await addChild(
    page,
    "Aggiungi un'azione",
    { Azione: "Gara per i lavori", Scadenza: "30/09/2030", CIG: "8874674CA7" },
    {
      Tipo: "Affidamento (gara)",
    },
  );
  await addChild(
    page,
    "Aggiungi un'azione",
    { Azione: "Inaugurazione", Scadenza: "30/06/2031" },
    {
      Tipo: "Comunicazione",
    },
  );
  await expect(page.getByText("In ritardo")).toHaveCount(1);
  await addChild(
    page,
    "Aggiungi un indicatore",
    {
      Indicatore: "Spostamenti in sharing al mese",
      "Unità di misura": "spostamenti",
      "Valore di partenza": "0",
      Obiettivo: "5.000",
      "Valore attuale": "1.250",
    },
    { "Tema CITYkeys": "Pianeta" },
  );
  await expect(page.getByRole("table", { name: "Indicatori: obiettivo e valore attuale" })).toContainText(
    "25%",
  );
  await expect(page.getByText("Risorsa: creazione")).toHaveCount(2);

  const after = await dashboardFigures(page);
  expect(after.projects - before.projects).toBe(1);
  expect(after.cost - before.cost).toBe(25_000_050);
  expect(after.planned - before.planned).toBe(14_000_025);
  expect(after.overdue - before.overdue).toBe(1);

  // Edit, then delete and restore.
  await page.goto(`/comuni/${SAN_DONATO}/interventi?q=Hub della mobilità`);
  await page.getByRole("link", { name: "Hub della mobilità condivisa – stazione di San Donato" }).click();
  await page.getByRole("link", { name: "Modifica", exact: true }).click();
  await expectAccessible(page);
  await fill(page, { "Costo totale": "260.000,50" });
  await page.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page.getByText("Modifiche salvate.")).toBeVisible();
  await expect(page.getByText(/Costo totale: 250\.000,50\s€ → 260\.000,50\s€/)).toBeVisible();

  await page.getByRole("button", { name: "Elimina", exact: true }).click();
  await confirmDialog(page);
  await expect(page.getByText("Intervento eliminato.")).toBeVisible();
  const deleted = await dashboardFigures(page);
  expect(deleted.projects).toBe(before.projects);
  expect(deleted.cost).toBe(before.cost);

  await page.goto(`/comuni/${SAN_DONATO}/interventi?eliminati=1`);
  await expectAccessible(page);
  await page
    .getByRole("button", { name: "Ripristina Hub della mobilità condivisa – stazione di San Donato" })
    .click();
  await expect(page.getByText("Intervento ripristinato.")).toBeVisible();
  const restored = await dashboardFigures(page);
  expect(restored.projects - before.projects).toBe(1);
  expect(restored.cost - before.cost).toBe(26_000_050);
});

test("validation errors appear next to the fields, in Italian, and the typed values stay", async ({
  page,
}) => {
  await login(page, ACCOUNTS.paullo);
  await page.goto("/comuni/015169/interventi/nuovo");
  await fill(page, {
    Titolo: "Biblioteca digitale",
    CUP: "ABC",
    "Costo totale": "-5",
    "Inizio previsto": "01/06/2026",
    "Fine prevista": "01/01/2026",
    Descrizione: "Testo che non deve andare perso",
  });
  await page.getByRole("button", { name: "Crea l'intervento" }).click();
  await expect(page.locator('main [role="alert"]')).toContainText("Alcuni campi non sono validi");
  const error = async (label: string) => {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const ids = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = ids.split(" ").find((id) => id.endsWith("-error"));
    return page.locator(`#${errorId}`).textContent();
  };
  expect(await error("CUP")).toContain("CUP non valido: deve avere 15 caratteri");
  expect(await error("Fine prevista")).toBe("La data di fine non può precedere la data di inizio.");
  expect(await error("Costo totale")).toBe("L'importo non può essere negativo.");
  expect(await error("Filone di intervento")).toBeTruthy();
  await expect(page.getByLabel("Titolo", { exact: true })).toHaveValue("Biblioteca digitale");
  await expect(page.getByLabel("Descrizione", { exact: true })).toHaveValue(
    "Testo che non deve andare perso",
  );
  await expect(page.getByLabel("Fine prevista", { exact: true })).toHaveValue("01/01/2026");
  await expectAccessible(page);
  const [{ n }] = await db<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Project" WHERE title = 'Biblioteca digitale'`,
  );
  expect(n).toBe(0);
});

test("two officers edit the same project: the second save is refused and the first survives", async ({
  browser,
}) => {
  const target = await projectOf("015140");
  const url = `/comuni/015140/interventi/${target.id}/modifica`;
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await login(a, ACCOUNTS.melegnano);
  await login(b, ACCOUNTS.melegnano);
  await a.goto(url);
  await b.goto(url);
  await a.getByLabel("Titolo", { exact: true }).fill("Versione di A");
  await a.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(a.getByText("Modifiche salvate.")).toBeVisible();
  await b.getByLabel("Titolo", { exact: true }).fill("Versione di B");
  await b.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(b.locator('main [role="alert"]')).toContainText(
    "Qualcun altro ha modificato questo intervento",
  );
  await expect(b.getByRole("link", { name: "Ricarica la pagina" })).toBeVisible();
  await expect(b.getByLabel("Titolo", { exact: true })).toHaveValue("Versione di B");
  const [row] = await db<{ title: string }>(`SELECT title FROM "Project" WHERE id = $1`, [target.id]);
  expect(row.title).toBe("Versione di A");
  await first.close();
  await second.close();
});

test.describe("cross-comune writes through server actions", () => {
  test("an officer who rewrites the form's ids to another comune's project gets 'Non trovato.' and nothing changes", async ({
    page,
  }) => {
    const own = await projectOf("015169");
    const foreign = await projectOf("015140", "015169");
    const [beforeRow] = await db<{ title: string; version: number }>(
      `SELECT title, version FROM "Project" WHERE id = $1`,
      [foreign.id],
    );
    await login(page, ACCOUNTS.paullo);
    await page.goto(`/comuni/015169/interventi/${own.id}/modifica`);
    await page
      .locator('input[name="id"]')
      .evaluate((el, id) => ((el as HTMLInputElement).value = id), foreign.id);
    await page
      .locator('input[name="version"]')
      .evaluate((el, v) => ((el as HTMLInputElement).value = String(v)), beforeRow.version);
    await page.getByLabel("Titolo", { exact: true }).fill("Intrusione");
    await page.getByRole("button", { name: "Salva le modifiche" }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText("Non trovato.");
    // Children: add a funding line to the foreign project through the child form.
    await page.goto(`/comuni/015169/interventi/${own.id}/risorse/nuovo`);
    await page
      .locator('input[name="projectId"]')
      .evaluate((el, id) => ((el as HTMLInputElement).value = id), foreign.id);
    await page.getByLabel("Fonte di finanziamento").selectOption("COMUNE");
    await fill(page, { Previsto: "1,00", Anno: "2026" });
    await page.getByRole("button", { name: "Salva" }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText("Non trovato.");
    const [afterRow] = await db<{ title: string; version: number; lines: number }>(
      `SELECT title, version, (SELECT count(*)::int FROM "FundingLine" WHERE "projectId" = $1) AS lines FROM "Project" WHERE id = $1`,
      [foreign.id],
    );
    expect(afterRow.title).toBe(beforeRow.title);
    expect(afterRow.version).toBe(beforeRow.version);
    const [{ lines }] = await db<{ lines: number }>(
      `SELECT count(*)::int AS lines FROM "FundingLine" WHERE "projectId" = $1 AND "amountPlanned" = 1`,
      [foreign.id],
    );
    expect(lines).toBe(0);
  });

  test("a partner comune and a coordinator read a project but cannot edit it", async ({ page }) => {
    const [shared] = await db<{ id: string; title: string }>(
      `SELECT p.id, p.title FROM "Project" p JOIN "ProjectPartner" x ON x."projectId" = p.id
        WHERE p."comuneIstat" = '015192' AND x."partnerIstat" = '015169' AND p."deletedAt" IS NULL LIMIT 1`,
    );
    await login(page, ACCOUNTS.paullo);
    await page.goto(`/comuni/015169/interventi/${shared.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(shared.title);
    await expect(page.getByText("sola lettura")).toBeVisible();
    await expect(page.getByRole("link", { name: "Modifica", exact: true })).toHaveCount(0);
    await expectAccessible(page);
    expect((await page.goto(`/comuni/015192/interventi/${shared.id}/modifica`))?.status()).toBe(404);
    expect((await page.goto(`/comuni/015169/interventi/${shared.id}/modifica`))?.status()).toBe(404);
    const patch = await page.request.patch(`/api/v1/projects/${shared.id}`, {
      data: { title: "x", version: 1 },
    });
    expect(patch.status()).toBe(404);

    await page.context().clearCookies();
    await login(page, ACCOUNTS.coordinator);
    await page.goto(`/comuni/015192/interventi/${shared.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(shared.title);
    await expect(page.getByRole("link", { name: "Modifica", exact: true })).toHaveCount(0);
    expect((await page.goto(`/comuni/015192/interventi/nuovo`))?.status()).toBe(404);
    const post = await page.request.post(`/api/v1/projects`, {
      data: { title: "Progetto del coordinatore" },
    });
    expect([404, 422]).toContain(post.status());
    const [{ n }] = await db<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Project" WHERE title = 'Progetto del coordinatore'`,
    );
    expect(n).toBe(0);
  });
});

test("the workspace pages have no serious accessibility violation", async ({ page }) => {
  await login(page, ACCOUNTS.sanDonato);
  const own = await projectOf(SAN_DONATO);
  for (const path of [
    `/comuni/${SAN_DONATO}`,
    `/comuni/${SAN_DONATO}/interventi`,
    `/comuni/${SAN_DONATO}/interventi/${own.id}`,
    `/comuni/${SAN_DONATO}/interventi/${own.id}/risorse/nuovo`,
    `/comuni/${SAN_DONATO}/interventi/${own.id}/azioni/nuovo`,
    `/comuni/${SAN_DONATO}/interventi/${own.id}/indicatori/nuovo`,
  ]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});
