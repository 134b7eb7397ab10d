// Issue #16 item 3, the export side: the XLSX template (drop-down lists, instructions, examples), the
// export honouring the project list's filters, "Anno" as a plain integer, and indicators and partner
// comuni in the flat layout, both ways (export → import, with the preview's create / update / unchanged).

import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { exportComuneProjects, type ExportFilters } from "@/lib/import/export-comune";
import { commitImport, previewImport, type ImportReport } from "@/lib/import/import-projects";
import { COLUMNS, HEADERS } from "@/lib/import/layout";
import { LISTED_HEADERS, TEMPLATE_SHEETS } from "@/lib/import/template";
import {
  actorFor,
  MELEGNANO,
  OFFICER_PAULLO,
  OFFICER_SAN_DONATO,
  ownerQuery,
  PAULLO,
  SAN_DONATO,
} from "./helpers";

let sanDonato: Actor;

beforeAll(async () => {
  sanDonato = await actorFor(OFFICER_SAN_DONATO);
});

async function exported(format: "csv" | "xlsx", opts: { template?: boolean; filters?: ExportFilters } = {}) {
  const response = await exportComuneProjects(sanDonato, SAN_DONATO, format, opts);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

async function workbookOf(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([bytes]));
  return wb;
}

/** The CSV's data lines as arrays of fields (the export quotes none of the fields used here). */
function csvLines(bytes: Uint8Array): string[][] {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, "");
  return text
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(";"));
}

const col = (header: string) => HEADERS.indexOf(header);
const file = (text: string | Uint8Array, name = "interventi.csv") => ({
  name,
  bytes: typeof text === "string" ? new TextEncoder().encode(text) : text,
});

type Row = Partial<Record<string, string>>;
const csv = (rows: Row[]) =>
  `${[HEADERS.join(";"), ...rows.map((r) => HEADERS.map((h) => r[h] ?? "").join(";"))].join("\r\n")}\r\n`;

const changed = (r: ImportReport) =>
  [r.projects, r.fundingLines, r.actions, r.indicators, r.partners].reduce(
    (n, c) => n + c.create + c.update,
    0,
  );

// ---------------------------------------------------------------------------------------------------------

describe("the XLSX template", () => {
  it("has the data sheet first (header only), drop-down lists on «Elenchi», instructions and examples", async () => {
    const wb = await workbookOf(await exported("xlsx", { template: true }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      TEMPLATE_SHEETS.data,
      TEMPLATE_SHEETS.help,
      TEMPLATE_SHEETS.lists,
    ]);
    const data = wb.worksheets[0]!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(data.actualRowCount).toBe(1);

    // Every listed column has a list validation on its data rows, pointing at a range of «Elenchi».
    const lists = wb.getWorksheet(TEMPLATE_SHEETS.lists)!;
    const validations = (
      data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(LISTED_HEADERS).toEqual(
      expect.arrayContaining([
        "Tipo riga",
        "Codice filone",
        "Stato procedurale",
        "Andamento",
        "Fonte",
        "Tipo azione",
        "Stato azione",
      ]),
    );
    for (const header of LISTED_HEADERS) {
      const letter = data.getColumn(col(header) + 1).letter;
      for (const row of [2, 500, 20001]) {
        const rule = validations[`${letter}${row}`];
        expect(rule, `${header} row ${row}`).toBeDefined();
        expect(rule!.type).toBe("list");
        expect(rule!.showErrorMessage).toBe(true);
        const m = /^Elenchi!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(String(rule!.formulae[0]));
        expect(m, `${header}: ${rule!.formulae[0]}`).not.toBeNull();
        // The range's header names the list, and the range holds exactly its values.
        const listCol = lists.getColumn(m![1]!);
        expect(lists.getCell(`${m![1]}1`).value).toBe(header);
        const values = (listCol.values as unknown[]).slice(2).filter((v) => v != null);
        expect(values).toHaveLength(Number(m![2]) - 1);
      }
    }
    const listValues = (header: string) => {
      const rule = validations[`${data.getColumn(col(header) + 1).letter}2`]!;
      const letter = /\$([A-Z]+)\$2/.exec(String(rule.formulae[0]))![1]!;
      return (lists.getColumn(letter).values as unknown[]).slice(2).filter((v) => v != null);
    };
    expect(listValues("Tipo riga")).toEqual(["INTERVENTO", "RISORSA", "AZIONE", "INDICATORE", "PARTNER"]);
    expect(listValues("Codice filone")).toContain("SL-01");
    expect(listValues("Stato procedurale")).toContain("In corso di progettazione");
    expect(listValues("Fonte")).toContain("PNRR");
    // No validation outside the listed columns (e.g. «Titolo» is free text).
    expect(validations[`${data.getColumn(col("Titolo") + 1).letter}2`]).toBeUndefined();
    // Column formats for what the officer types: dates, euro, plain integers.
    expect(data.getColumn(col("Scadenza") + 1).numFmt).toBe("dd/mm/yyyy");
    expect(data.getColumn(col("Previsto") + 1).numFmt).toBe('#,##0.00 "€"');
    expect(data.getColumn(col("Anno") + 1).numFmt).toBe("0");

    // «Istruzioni»: every column explained, in Italian, and one example row per row kind.
    const help = wb.getWorksheet(TEMPLATE_SHEETS.help)!;
    const texts: string[][] = [];
    help.eachRow((row) => texts.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ""))));
    const all = texts.flat().join("\n");
    expect(all).toContain("gg/mm/aaaa");
    expect(all).toContain("euro");
    for (const c of COLUMNS)
      expect(
        texts.some((t) => t[0] === c.header && t[3]!.length > 5),
        c.header,
      ).toBe(true);
    const exampleHeaderAt = texts.findIndex(
      (t) => t.slice(0, HEADERS.length).join("|") === HEADERS.join("|"),
    );
    expect(exampleHeaderAt).toBeGreaterThan(0);
    const examples = texts.slice(exampleHeaderAt + 1);
    expect(examples.map((t) => t[0])).toEqual(["INTERVENTO", "RISORSA", "AZIONE", "INDICATORE", "PARTNER"]);
    expect(examples[0]![col("Titolo")]).toMatch(/^ESEMPIO – /);
    expect(examples.every((t) => t[col("CUP")] === "")).toBe(true);
  });

  it("its examples, copied to the data sheet, are a valid file (the preview creates them)", async () => {
    const wb = await workbookOf(await exported("xlsx", { template: true }));
    const help = wb.getWorksheet(TEMPLATE_SHEETS.help)!;
    const data = wb.worksheets[0]!;
    let headerRow = 0;
    help.eachRow((row, n) => {
      if (row.getCell(1).value === "Tipo riga" && row.getCell(2).value === "CUP") headerRow = n;
    });
    for (let i = 1; i <= 5; i++) {
      const source = help.getRow(headerRow + i);
      const target = data.getRow(1 + i);
      HEADERS.forEach((_, c) => (target.getCell(c + 1).value = source.getCell(c + 1).value));
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await previewImport(sanDonato, SAN_DONATO, file(bytes, "modello.xlsx"));
    expect(preview.errors).toEqual([]);
    expect(preview.projects.create).toBe(1);
    expect(preview.fundingLines.create).toBe(1);
    expect(preview.actions.create).toBe(1);
    expect(preview.indicators.create).toBe(1);
    expect(preview.partners.create).toBe(1);
  });

  it("the CSV template is the header alone", async () => {
    const text = new TextDecoder().decode(await exported("csv", { template: true }));
    expect(text.split("\r\n").filter(Boolean)).toEqual([HEADERS.join(";")]);
  });
});

describe("the XLSX export's number formats", () => {
  it("writes «Anno» and «Avanzamento (%)» as plain integers and money in euro", async () => {
    const wb = await workbookOf(await exported("xlsx"));
    const sheet = wb.worksheets[0]!;
    let checked = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const kind = row.getCell(1).value;
      if (kind === "RISORSA") {
        const year = row.getCell(col("Anno") + 1);
        expect(typeof year.value).toBe("number");
        expect(year.numFmt).toBe("0");
        expect(row.getCell(col("Previsto") + 1).numFmt).toBe('#,##0.00 "€"');
        checked++;
      }
      if (kind === "INTERVENTO") expect(row.getCell(col("Avanzamento (%)") + 1).numFmt).toBe("0");
    });
    expect(checked).toBeGreaterThan(0);
  });
});

describe("the export honours the project list's filters", () => {
  it("exports only the projects the filtered list shows, with their children, in CSV and XLSX", async () => {
    const [target] = await ownerQuery<{ status: string; n: string }>(
      `SELECT status, count(*)::text n FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL
       GROUP BY status ORDER BY count(*) ASC, status LIMIT 1`,
      [SAN_DONATO],
    );
    const keys = await ownerQuery<{ key: string }>(
      `SELECT coalesce(cup, '') || '|' || coalesce("localCode", '') AS key FROM "Project"
       WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL AND status = $2::"ProjectStatus"`,
      [SAN_DONATO, target!.status],
    );
    const [all] = await ownerQuery<{ n: string }>(
      `SELECT count(*)::text n FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL`,
      [SAN_DONATO],
    );
    expect(Number(all!.n)).toBeGreaterThan(keys.length);
    const expected = new Set(keys.map((k) => k.key));
    const lines = csvLines(await exported("csv", { filters: { status: target!.status as never } }));
    const projects = lines.filter((l) => l[0] === "INTERVENTO");
    expect(projects).toHaveLength(keys.length);
    // Every row (children too) belongs to a filtered project.
    for (const l of lines) expect(expected.has(`${l[col("CUP")]}|${l[col("Codice locale")]}`)).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(projects.length);

    const wb = await workbookOf(await exported("xlsx", { filters: { status: target!.status as never } }));
    let xlsxProjects = 0;
    wb.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === "INTERVENTO") xlsxProjects++;
    });
    expect(xlsxProjects).toBe(keys.length);
  });

  it("answers 404 to another comune's officer, with or without filters and for the template", async () => {
    const paullo = await actorFor(OFFICER_PAULLO);
    for (const opts of [{ filters: { q: "a" } }, { template: true }]) {
      const outcome = await exportComuneProjects(paullo, SAN_DONATO, "xlsx", opts).then(
        () => null,
        (e: unknown) => e,
      );
      expect(outcome).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("applies the search text as the list does (title, local code, start of CUP)", async () => {
    const [p] = await ownerQuery<{ title: string }>(
      `SELECT title FROM "Project" WHERE "comuneIstat" = $1 AND "deletedAt" IS NULL ORDER BY title LIMIT 1`,
      [SAN_DONATO],
    );
    const word = p!.title.slice(0, 12);
    const lines = csvLines(await exported("csv", { filters: { q: word } }));
    const titles = lines.filter((l) => l[0] === "INTERVENTO").map((l) => l[col("Titolo")]!);
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t.replace(/^"|"$/g, "").toLowerCase()).toContain(word.toLowerCase());
  });
});

describe("indicators and partner comuni in the flat layout", () => {
  it("imports INDICATORE and PARTNER rows, exports them back, and re-imports them as unchanged", async () => {
    const code = `IND-${Date.now().toString(36)}`;
    const [paullo] = await ownerQuery<{ name: string }>(`SELECT name FROM "Comune" WHERE istat = $1`, [
      PAULLO,
    ]);
    const rows: Row[] = [
      {
        "Tipo riga": "INTERVENTO",
        "Codice locale": code,
        Titolo: `Intervento con indicatori ${code}`,
        "Codice filone": "SL-01",
        "Costo totale": "10.000,00",
      },
      {
        "Tipo riga": "INDICATORE",
        "Codice locale": code,
        Indicatore: "Consumo di energia",
        "Tema indicatore": "Pianeta",
        "Unità di misura": "kWh/anno",
        "Valore di partenza": "185.000",
        Obiettivo: "95.000,5",
        Periodo: "2027",
      },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Codice ISTAT partner": PAULLO },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Comune partner": "Melegnano" },
    ];
    const preview = await previewImport(sanDonato, SAN_DONATO, file(csv(rows)));
    expect(preview.errors).toEqual([]);
    expect(preview.indicators).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(preview.partners).toEqual({ create: 2, update: 0, unchanged: 0 });
    expect(preview.changes.find((c) => c.kind === "partner")?.record).toContain(PAULLO);
    const committed = await commitImport(sanDonato, SAN_DONATO, file(csv(rows)), { token: preview.token });
    expect(committed.committed).toBe(true);

    const [project] = await ownerQuery<{ id: string; version: number }>(
      `SELECT id, version FROM "Project" WHERE "comuneIstat" = $1 AND "localCode" = $2`,
      [SAN_DONATO, code],
    );
    const indicators = await ownerQuery<Record<string, string>>(
      `SELECT name, theme::text, unit, baseline::text, target::text, actual::text, period, "comuneIstat"
       FROM "Indicator" WHERE "projectId" = $1`,
      [project!.id],
    );
    expect(indicators).toEqual([
      {
        name: "Consumo di energia",
        theme: "PLANET",
        unit: "kWh/anno",
        baseline: "185000.0000",
        target: "95000.5000",
        actual: null,
        period: "2027",
        comuneIstat: SAN_DONATO,
      },
    ]);
    const partners = await ownerQuery<{ partnerIstat: string }>(
      `SELECT "partnerIstat" FROM "ProjectPartner" WHERE "projectId" = $1 ORDER BY 1`,
      [project!.id],
    );
    expect(partners.map((p) => p.partnerIstat)).toEqual([MELEGNANO, PAULLO].sort());
    const audit = await ownerQuery<{ entity: string; action: string; after: Record<string, unknown> }>(
      `SELECT entity, action, after FROM "AuditEvent" WHERE "entityId" IN ($1, (SELECT id::text FROM "Indicator" WHERE "projectId" = $2))
       AND "comuneIstat" = $3 ORDER BY "createdAt", entity`,
      [project!.id, project!.id, SAN_DONATO],
    );
    expect(audit.some((a) => a.entity === "Indicator" && a.action === "CREATE")).toBe(true);
    expect(
      audit.some(
        (a) =>
          a.entity === "Project" &&
          a.action === "UPDATE" &&
          JSON.stringify(a.after.partnerIstat) === JSON.stringify([MELEGNANO, PAULLO].sort()),
      ),
    ).toBe(true);

    // The export writes them; importing the export changes nothing (CSV and XLSX).
    const lines = csvLines(await exported("csv", { filters: { q: code } }));
    expect(lines.map((l) => l[0])).toEqual(["INTERVENTO", "INDICATORE", "PARTNER", "PARTNER"]);
    const partnerLine = lines.find((l) => l[col("Codice ISTAT partner")] === PAULLO)!;
    expect(partnerLine[col("Comune partner")]).toBe(paullo!.name);
    for (const format of ["csv", "xlsx"] as const) {
      const bytes = await exported(format, { filters: { q: code } });
      const again = await previewImport(sanDonato, SAN_DONATO, file(bytes, `export.${format}`));
      expect(again.errors).toEqual([]);
      expect(changed(again)).toBe(0);
      expect(again.indicators.unchanged).toBe(1);
      expect(again.partners.unchanged).toBe(2);
      expect(again.changes.filter((c) => c.outcome !== "unchanged")).toEqual([]);
    }

    // A changed value is an update with its old → new; nothing else moves.
    const updated = rows.map((r) =>
      r["Tipo riga"] === "INDICATORE" ? { ...r, "Valore attuale": "150.000" } : r,
    );
    const diff = await previewImport(sanDonato, SAN_DONATO, file(csv(updated)));
    expect(diff.indicators).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(diff.changes.find((c) => c.kind === "indicator")?.changes).toEqual([
      { field: "Valore attuale", before: "—", after: "150.000" },
    ]);
  });

  it("refuses the comune itself, an unknown comune and a repeated partner, naming the cell", async () => {
    const code = `PRT-${Date.now().toString(36)}`;
    const rows: Row[] = [
      {
        "Tipo riga": "INTERVENTO",
        "Codice locale": code,
        Titolo: `Intervento con partner ${code}`,
        "Codice filone": "SL-01",
        "Costo totale": "1.000,00",
      },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Codice ISTAT partner": SAN_DONATO },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Comune partner": "Comune che non esiste" },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Codice ISTAT partner": PAULLO },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Codice ISTAT partner": PAULLO },
      { "Tipo riga": "PARTNER", "Codice locale": code, "Codice ISTAT partner": "12AB" },
      { "Tipo riga": "INDICATORE", "Codice locale": code, Indicatore: "X", "Unità di misura": "n" },
    ];
    const preview = await previewImport(sanDonato, SAN_DONATO, file(csv(rows)));
    expect(preview.ok).toBe(false);
    const byRow = (row: number) => preview.errors.filter((e) => e.row === row);
    expect(byRow(3)[0]).toMatchObject({ column: "Codice ISTAT partner", value: SAN_DONATO });
    expect(byRow(3)[0]!.message).toMatch(/titolare/);
    expect(byRow(4)[0]).toMatchObject({ column: "Comune partner", value: "Comune che non esiste" });
    expect(byRow(5)).toEqual([]);
    expect(byRow(6)[0]!.message).toMatch(/duplicato.*riga 5/);
    expect(byRow(7)[0]).toMatchObject({ column: "Codice ISTAT partner", value: "12AB" });
    expect(
      byRow(8)
        .map((e) => e.column)
        .sort(),
    ).toEqual(["Indicatore", "Tema indicatore"]);
  });

  it("still reads a file without the indicator and partner columns (an older export)", async () => {
    const old = HEADERS.filter((h) => !COLUMNS.find((c) => c.header === h)?.optional);
    const code = `OLD-${Date.now().toString(36)}`;
    const values: Row = {
      "Tipo riga": "INTERVENTO",
      "Codice locale": code,
      Titolo: `Intervento da file vecchio ${code}`,
      "Codice filone": "SL-01",
      "Costo totale": "1,00",
    };
    const text = `${old.join(";")}\r\n${old.map((h) => values[h] ?? "").join(";")}\r\n`;
    const preview = await previewImport(sanDonato, SAN_DONATO, file(text));
    expect(preview.errors).toEqual([]);
    expect(preview.projects.create).toBe(1);
  });
});
