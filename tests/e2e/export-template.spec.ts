// Issue #16 item 3 (export side), in the browser: the project list's export carries the list's filters
// (only the filtered projects, with their resources, indicators and partners; "Anno" a plain integer in
// the XLSX), and the import page's XLSX template has drop-down lists, instructions and examples.

import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, db, login } from "./helpers";

const SAN_DONATO = "015192";
const PAULLO = "015169";
const LIST = `/comuni/${SAN_DONATO}/interventi`;

/** Two projects of San Donato named with `stamp`, one in design and one completed, with children. */
async function seedProjects(stamp: string) {
  const rows = await db<{ id: string; status: string }>(
    `INSERT INTO "Project" ("comuneIstat", "streamId", title, "localCode", status, "totalCost", "plannedStart")
     SELECT $1, (SELECT id FROM "Stream" WHERE code = 'SL-01'), v.title, v.code, v.status::"ProjectStatus", 1000, '2026-01-01'
     FROM (VALUES ($2 || ' progettazione', $3 || '-A', 'DESIGN'), ($2 || ' concluso', $3 || '-B', 'COMPLETED'))
       AS v(title, code, status)
     RETURNING id, status::text`,
    [SAN_DONATO, `Export filtrato ${stamp}`, `EXP-${stamp}`],
  );
  for (const r of rows) {
    await db(
      `INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned")
       VALUES ($1, $2, 'PNRR', 2026, 500)`,
      [r.id, SAN_DONATO],
    );
    await db(
      `INSERT INTO "Indicator" ("projectId", "comuneIstat", name, theme, unit, target)
       VALUES ($1, $2, 'Utenti serviti', 'PEOPLE', 'numero', 1200.5)`,
      [r.id, SAN_DONATO],
    );
    await db(
      `INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat") VALUES ($1, $2, $3)`,
      [r.id, SAN_DONATO, PAULLO],
    );
  }
}

async function downloadOf(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  return readFileSync((await download.path())!);
}

test("the export of a filtered project list holds only the filtered projects, with their children", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36).toUpperCase();
  await seedProjects(stamp);
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(LIST);
  const filters = page.getByRole("search", { name: "Filtra gli interventi" });
  await filters.getByLabel("Cerca (titolo, CUP, codice locale)").fill(`Export filtrato ${stamp}`);
  await filters.getByLabel("Stato", { exact: true }).selectOption("DESIGN");
  await filters.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(/stato=DESIGN/);

  const csv = (await downloadOf(page, "Esporta CSV degli interventi filtrati")).toString("utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  const header = lines[0]!.split(";");
  const data = lines.slice(1).map((l) => l.split(";"));
  const local = header.indexOf("Codice locale");
  expect(data.map((l) => l[0])).toEqual(["INTERVENTO", "RISORSA", "INDICATORE", "PARTNER"]);
  expect(new Set(data.map((l) => l[local]))).toEqual(new Set([`EXP-${stamp}-A`]));
  expect(data[3]![header.indexOf("Codice ISTAT partner")]).toBe(PAULLO);

  const xlsx = await downloadOf(page, "Esporta XLSX degli interventi filtrati");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  const sheet = wb.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const projects: string[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    if (row.getCell(1).value === "INTERVENTO") projects.push(String(row.getCell(local + 1).value));
    if (row.getCell(1).value === "RISORSA") {
      const year = row.getCell(headers.indexOf("Anno") + 1);
      expect(year.value).toBe(2026);
      expect(year.numFmt).toBe("0");
    }
  });
  expect(projects).toEqual([`EXP-${stamp}-A`]);
});

test("the XLSX template has drop-down lists, an instructions sheet and examples", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, ACCOUNTS.sanDonato);
  await page.goto(`${LIST}/importa`);
  const bytes = await downloadOf(page, "Scarica il modello XLSX");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Interventi", "Istruzioni", "Elenchi"]);
  const data = wb.worksheets[0]!;
  const headers = (data.getRow(1).values as unknown[]).slice(1);
  const model = (data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
  for (const header of ["Tipo riga", "Codice filone", "Stato procedurale", "Andamento", "Fonte"]) {
    const letter = data.getColumn(headers.indexOf(header) + 1).letter;
    expect(model[`${letter}2`]?.type, header).toBe("list");
    expect(String(model[`${letter}2`]?.formulae[0])).toMatch(/^Elenchi!/);
  }
  const help: string[] = [];
  wb.getWorksheet("Istruzioni")!.eachRow((row) => help.push(String(row.getCell(1).value ?? "")));
  expect(help.join("\n")).toContain("gg/mm/aaaa");
  expect(
    help.filter((t) => ["INTERVENTO", "RISORSA", "AZIONE", "INDICATORE", "PARTNER"].includes(t)),
  ).toEqual(["INTERVENTO", "RISORSA", "AZIONE", "INDICATORE", "PARTNER"]);
});
