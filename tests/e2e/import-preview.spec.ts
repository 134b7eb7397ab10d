import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, expectAccessible, login } from "./helpers";

// Issue 16 item 2: the import preview says what will change, row by row, on a desk and on a phone.

const SAN_DONATO = "015192";
const IMPORT_PAGE = `/comuni/${SAN_DONATO}/interventi/importa`;

/** RFC 4180 rows of a ";"-separated CSV (quoted cells may hold separators, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ";") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const toCsv = (rows: string[][]) =>
  `\uFEFF${rows.map((r) => r.map((c) => (/[";\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(";")).join("\r\n")}\r\n`;

async function noDocumentOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("the preview lists the changed title old → new, new and unchanged rows, at 1366 and 390 px", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, ACCOUNTS.sanDonato);

  // The comune's own export: one project's title and cost changed, one kept, one new.
  const exported = await page.request.get(`/api/v1/comuni/${SAN_DONATO}/export?formato=csv`);
  expect(exported.status()).toBe(200);
  const [header, ...rows] = parseCsv((await exported.text()).replace(/^\uFEFF/, ""));
  const col = (name: string) => header!.indexOf(name);
  const projects = rows.filter((r) => r[col("Tipo riga")] === "INTERVENTO" && r[col("Codice locale")]);
  const [changed, kept] = [[...projects[0]!], [...projects[1]!]];
  const oldTitle = changed[col("Titolo")]!;
  const newTitle = `${oldTitle.slice(0, 60)} (rinominato)`;
  changed[col("Titolo")] = newTitle;
  changed[col("Costo totale")] = "987.654,32";
  const created = [...kept];
  created[col("CUP")] = "";
  created[col("Codice locale")] = `E2E-NEW-${Date.now().toString(36).toUpperCase()}`;
  created[col("Titolo")] = "Intervento nuovo dall'anteprima";
  const file = Buffer.from(toCsv([header!, changed, kept, created]), "utf8");

  await page.goto(IMPORT_PAGE);
  await page
    .getByLabel("File CSV o XLSX")
    .setInputFiles({ name: "modifiche.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Carica e controlla" }).click();

  await expect(
    page.getByRole("heading", { name: "Interventi: 1 nuovo, 1 modificato, 1 invariato" }),
  ).toBeVisible();
  const table = page.getByRole("table", { name: "Interventi" });
  await expect(table).toBeVisible();
  const updated = table.getByRole("row").filter({ hasText: "Modificato" });
  await expect(updated).toHaveCount(1);
  await expect(updated).toContainText(`Titolo: ${oldTitle} → ${newTitle}`);
  await expect(updated).toContainText("→ 987.654,32\u00a0€");
  await expect(table.getByRole("row").filter({ hasText: "Nuovo" })).toContainText(
    "Intervento nuovo dall'anteprima",
  );
  await expect(page.getByText("1 riga invariata non è elencata.")).toBeVisible();
  await expect(page.getByText(/Codifica: UTF-8/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Modifiche: Interventi" })).toHaveAttribute("tabindex", "0");
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toBeVisible();

  await expectAccessible(page);
  await noDocumentOverflow(page);
  await page.screenshot({ path: "test-results/import-preview-1366.png", fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(updated).toContainText(`Titolo: ${oldTitle} → ${newTitle}`);
  await expectAccessible(page);
  await noDocumentOverflow(page);
  await page.screenshot({ path: "test-results/import-preview-390.png", fullPage: true });
});

test("an error quotes the offending cell in the Valore column", async ({ page }) => {
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(IMPORT_PAGE);
  const template = await page.request.get(`/api/v1/comuni/${SAN_DONATO}/export?formato=csv&modello=1`);
  const [header] = parseCsv((await template.text()).replace(/^\uFEFF/, ""));
  const row = header!.map(
    (h) =>
      ({
        "Tipo riga": "INTERVENTO",
        "Codice locale": "E2E-ERR-1",
        Titolo: "Intervento con un importo sbagliato",
        "Codice filone": "SL-01",
        "Costo totale": "mille euro",
      })[h] ?? "",
  );
  const file = Buffer.from(toCsv([header!, row]), "utf8");
  await page
    .getByLabel("File CSV o XLSX")
    .setInputFiles({ name: "errore.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Carica e controlla" }).click();
  await expect(page.locator('main [role="alert"]')).toContainText("Il file contiene 1 errore in 1 riga");
  const errors = page.getByRole("table", { name: "Errori per riga" });
  await expect(errors.getByRole("columnheader", { name: "Valore" })).toBeVisible();
  await expect(errors.getByRole("row").nth(1)).toContainText("«mille euro»");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await noDocumentOverflow(page);
});
