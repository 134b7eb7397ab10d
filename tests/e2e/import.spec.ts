import { expect, test } from "@playwright/test";
import { ACCOUNTS, db, expectAccessible, login } from "./helpers";

const SAN_DONATO = "015192";
const IMPORT_PAGE = `/comuni/${SAN_DONATO}/interventi/importa`;

/** The template's header line plus `rows` (each a map header → value), ";"-separated like the template. */
function fileFrom(templateText: string, rows: Record<string, string>[]): Buffer {
  const header = templateText.replace(/^\uFEFF/, "").split("\r\n")[0]!;
  const columns = header.split(";");
  const lines = rows.map((r) => columns.map((c) => r[c] ?? "").join(";"));
  return Buffer.from(`\uFEFF${[header, ...lines].join("\r\n")}\r\n`, "utf8");
}

test("an officer downloads the template, imports a small file after the preview, and finds the projects", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(`/comuni/${SAN_DONATO}/interventi`);
  await page.getByRole("link", { name: "Importa da file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importa interventi da file" })).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Scarica il modello CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`modello-importazione-interventi-${SAN_DONATO}.csv`);
  const template = (await import("node:fs")).readFileSync((await download.path())!, "utf8");
  expect(template.replace(/^\uFEFF/, "").startsWith("Tipo riga;CUP;Codice locale;Titolo;")).toBe(true);

  const stamp = Date.now().toString(36).toUpperCase();
  const titles = [`Casa delle associazioni ${stamp}`, `Wi-Fi pubblico nei parchi ${stamp}`];
  const file = fileFrom(template, [
    {
      "Tipo riga": "INTERVENTO",
      "Codice locale": `E2E-${stamp}-1`,
      Titolo: titles[0]!,
      "Codice filone": "SL-09",
      "Stato procedurale": "In corso di progettazione",
      "Costo totale": "120.000,00",
      "Inizio previsto": "01/02/2026",
      "Fine prevista": "30/06/2027",
    },
    {
      "Tipo riga": "RISORSA",
      "Codice locale": `E2E-${stamp}-1`,
      Fonte: "Regione Lombardia",
      Anno: "2026",
      Previsto: "80.000,00",
    },
    {
      "Tipo riga": "AZIONE",
      "Codice locale": `E2E-${stamp}-1`,
      "Titolo azione": "Progetto di fattibilità",
      "Tipo azione": "Progettazione",
      Scadenza: "31/03/2026",
    },
    {
      "Tipo riga": "INTERVENTO",
      "Codice locale": `E2E-${stamp}-2`,
      Titolo: titles[1]!,
      "Codice filone": "SL-03",
      "Costo totale": "45.500,50",
    },
  ]);

  await page
    .getByLabel("File CSV o XLSX")
    .setInputFiles({ name: "interventi.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Carica e controlla" }).click();
  const summary = page.getByRole("table", { name: /Anteprima: interventi\.csv \(4 righe\)/ });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("row", { name: /Interventi/ })).toContainText("2");
  await expect(summary.getByRole("row", { name: /Risorse/ })).toContainText("1");
  // Nothing is written before the confirmation.
  expect(await db(`SELECT 1 FROM "Project" WHERE "localCode" LIKE $1`, [`E2E-${stamp}-%`])).toHaveLength(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Conferma l'importazione" }).click();
  await expect(page.getByText("Importazione completata: le modifiche sono state salvate.")).toBeVisible();
  expect(await db(`SELECT 1 FROM "Project" WHERE "localCode" LIKE $1`, [`E2E-${stamp}-%`])).toHaveLength(2);

  await page.getByRole("link", { name: "Vai all'elenco degli interventi" }).click();
  await page.getByLabel("Cerca (titolo, CUP, codice locale)").fill(stamp);
  await page.getByRole("button", { name: "Filtra" }).click();
  for (const title of titles) await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a bad file shows the row errors in Italian and nothing is imported", async ({ page }) => {
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(IMPORT_PAGE);
  const templateRes = await page.request.get(`/api/v1/comuni/${SAN_DONATO}/export?formato=csv&modello=1`);
  expect(templateRes.status()).toBe(200);
  const stamp = Date.now().toString(36).toUpperCase();
  const file = fileFrom(await templateRes.text(), [
    {
      "Tipo riga": "INTERVENTO",
      "Codice locale": `BAD-${stamp}`,
      CUP: "J71B1900012",
      Titolo: "Intervento con errori",
      "Codice filone": "SL-01",
      "Costo totale": "1000",
    },
    {
      "Tipo riga": "RISORSA",
      "Codice locale": `BAD-${stamp}`,
      Fonte: "PNRR",
      Anno: "2026",
      Previsto: "-500,00",
    },
    {
      "Tipo riga": "INTERVENTO",
      "Codice locale": `OK-${stamp}`,
      Titolo: "Intervento corretto",
      "Codice filone": "SL-01",
      "Costo totale": "1000",
    },
  ]);
  await page
    .getByLabel("File CSV o XLSX")
    .setInputFiles({ name: "errori.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Carica e controlla" }).click();

  await expect(page.locator('main [role="alert"]')).toContainText(
    "Il file contiene 2 errori in 2 righe: non verrà importato nulla.",
  );
  const errors = page.getByRole("table", { name: "Errori per riga" });
  await expect(errors.getByRole("row").nth(1)).toContainText(
    "2CUPCUP non valido: deve avere 15 caratteri (lettere maiuscole e cifre), ad esempio J71B19000120004.",
  );
  await expect(errors.getByRole("row").nth(2)).toContainText("3PrevistoL'importo non può essere negativo.");
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toHaveCount(0);
  await expectAccessible(page);

  // Not even the valid row was written, and the API refuses the same file as a whole.
  const api = await page.request.post(`/api/v1/comuni/${SAN_DONATO}/import`, {
    data: file,
    headers: { "content-type": "text/csv", "x-file-name": "errori.csv" },
  });
  expect(api.status()).toBe(422);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
  const problem = (await api.json()) as { report: { errorRows: number } };
  expect(problem.report.errorRows).toBe(2);
  expect(
    await db(`SELECT 1 FROM "Project" WHERE "localCode" IN ($1, $2)`, [`BAD-${stamp}`, `OK-${stamp}`]),
  ).toHaveLength(0);
});

test("another comune's officer gets 404 on the import page and the import API", async ({ page }) => {
  await login(page, ACCOUNTS.paullo);
  const res = await page.goto(IMPORT_PAGE);
  expect(res?.status()).toBe(404);
  const api = await page.request.post(`/api/v1/comuni/${SAN_DONATO}/import?dryRun=1`, {
    data: Buffer.from("Tipo riga;CUP\r\n"),
    headers: { "content-type": "text/csv" },
  });
  expect(api.status()).toBe(404);
  // The officer's own import page works.
  expect((await page.goto("/comuni/015169/interventi/importa"))?.status()).toBe(200);
});
