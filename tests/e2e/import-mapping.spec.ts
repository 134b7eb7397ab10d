import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectAccessible, login } from "./helpers";

// Issue 16 item 3: a spreadsheet as an office keeps it. Headers the portal does not know are mapped in the
// preview (a labelled select per header), the choice is remembered for the comune's next upload, and an
// office XLSX (synonym headers, percent and formula cells, filone by label) is read as Excel shows it.

const SAN_DONATO = "015192";
const IMPORT_PAGE = `/comuni/${SAN_DONATO}/interventi/importa`;

async function upload(page: import("@playwright/test").Page, name: string, buffer: Buffer, mimeType: string) {
  await page.getByLabel("File CSV o XLSX").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "Carica e controlla" }).click();
}

test("an unknown header is mapped in the preview and remembered for the next upload", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(IMPORT_PAGE);

  // Headers unique to this run, so that no other run's remembered mapping applies.
  const run = Date.now().toString(36);
  const cost = `Spesa stimata ${run}`;
  const note = `Note ufficio ${run}`;
  const code = `E2E-MAP-${run.toUpperCase()}`;
  const csv = Buffer.from(
    `\uFEFFCod. locale;Titolo intervento;Filone;${cost};${note}\r\n${code};Parcheggio di interscambio;SL-01 · Mobilità sostenibile e intermodale;45.000,00;da verificare\r\n`,
    "utf8",
  );
  await upload(page, "ufficio.csv", csv, "text/csv");

  await expect(page.getByRole("heading", { name: "Corrispondenza delle colonne" })).toBeVisible();
  await expect(page.getByText("Alcune colonne del file non corrispondono")).toBeVisible();
  const costSelect = page.getByLabel(`Colonna del portale per «${cost}»`);
  const noteSelect = page.getByLabel(`Colonna del portale per «${note}»`);
  await expect(page.getByLabel("Colonna del portale per «Titolo intervento»")).toHaveValue("Titolo");
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toHaveCount(0);
  await expectAccessible(page);

  // Applying with a column left unchosen is refused next to the button.
  await page.getByRole("button", { name: "Applica la corrispondenza e ricalcola l'anteprima" }).click();
  await expect(page.getByText("Scegli una colonna del portale (o «Ignora colonna»)")).toBeVisible();

  await costSelect.selectOption("Costo totale");
  await noteSelect.selectOption({ label: "Ignora colonna" });
  await page.getByRole("button", { name: "Applica la corrispondenza e ricalcola l'anteprima" }).click();
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: cost })).toContainText("Scelta da te");
  await expect(page.getByRole("heading", { name: /Interventi: 1 nuovo/ })).toBeVisible();
  await page.screenshot({ path: "test-results/import-mapping-1366.png", fullPage: true });

  // The next upload of the same headers: mapped from memory, and the officer can still change it.
  await page.reload();
  await upload(page, "ufficio.csv", csv, "text/csv");
  await expect(
    page.getByText(`Dalle importazioni precedenti del comune: «${cost}» → «Costo totale»`),
  ).toBeVisible();
  await expect(page.getByLabel(`Colonna del portale per «${cost}»`)).toHaveValue("Costo totale");
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toBeVisible();
  await page.getByRole("button", { name: "Conferma l'importazione" }).click();
  await expect(page.getByText("Importazione completata: le modifiche sono state salvate.")).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
});

test("an office XLSX: synonyms, percent and formula cells, filone by its label", async ({ page }) => {
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(IMPORT_PAGE);
  const xlsx = readFileSync(path.resolve("tests/fixtures/excel/intestazioni-ufficio.xlsx"));
  await upload(
    page,
    "intestazioni-ufficio.xlsx",
    xlsx,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  // The fixture's "Assessore di riferimento" may be remembered by an earlier run: map it if asked.
  const assessore = page.getByLabel("Colonna del portale per «Assessore di riferimento»");
  await expect(assessore).toBeVisible();
  if ((await assessore.inputValue()) !== "__ignora__") {
    await assessore.selectOption({ label: "Ignora colonna" });
    await page.getByRole("button", { name: "Applica la corrispondenza e ricalcola l'anteprima" }).click();
  }
  await expect(page.getByRole("heading", { name: /Interventi: / })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Errori per riga");
  await expect(
    page
      .getByRole("button", { name: "Conferma l'importazione" })
      .or(page.getByText("Il file non contiene modifiche")),
  ).toBeVisible();
  await expectAccessible(page);
});
