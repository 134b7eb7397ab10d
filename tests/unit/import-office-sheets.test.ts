// Issue #16, item 3: spreadsheets as officers keep them. Their own headers (synonyms, or a mapping the
// officer chose or the comune remembered), a filone by code, name or label, progress as Excel percentages,
// formula cells read by their cached result. The XLSX files are byte-exact fixtures
// (scripts/fixtures/make-xlsx-fixtures.mjs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HEADER_SYNONYMS, headerKey, matchColumn, parseMappingParam } from "@/lib/import/column-mapping";
import { HEADERS } from "@/lib/import/layout";
import { parseRows, streamFinder, type ProjectRecord } from "@/lib/import/parse-rows";
import { readXlsx } from "@/lib/import/read-xlsx";
import type { SheetRow } from "@/lib/import/sheet-limits";
import { MESSAGES } from "@/lib/validation/schemas";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(__dirname, "../fixtures/excel", name)));

const STREAMS = [
  {
    id: "00000000-0000-4000-8000-000000000001",
    code: "SL-01",
    name: "Mobilità sostenibile e intermodale",
    archived: false,
  },
  {
    id: "00000000-0000-4000-8000-000000000002",
    code: "SL-02",
    name: "Illuminazione pubblica intelligente",
    archived: false,
  },
];

const rows = (...lines: (string | number | null)[][]): SheetRow[] =>
  lines.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe("column synonyms", () => {
  it("reads the headers offices use, and the national systems' names", () => {
    const cases: [string, string][] = [
      ["Titolo intervento", "Titolo"],
      ["Cod. locale", "Codice locale"],
      ["COD_LOCALE_PROGETTO", "Codice locale"],
      ["OC_TITOLO_PROGETTO", "Titolo"],
      ["RUP", "Responsabile"],
      ["Importo previsto", "Previsto"],
      ["Codice CUP", "CUP"],
      ["Costo complessivo", "Costo totale"],
      ["Costo complessivo (€)", "Costo totale"],
      ["  titolo   INTERVENTO ", "Titolo"],
      ["% avanzamento", "Avanzamento (%)"],
    ];
    for (const [header, column] of cases)
      expect(matchColumn(header), header).toMatchObject({ column, source: "synonym" });
    expect(matchColumn("Costo totale (€)")).toMatchObject({ column: "Costo totale", source: "template" });
    expect(matchColumn("Assessore di riferimento")).toEqual({
      header: "Assessore di riferimento",
      column: null,
      source: "unknown",
    });
  });

  it("names only portal columns, and no synonym is a template header", () => {
    const templateKeys = new Set(HEADERS.map(headerKey));
    for (const [column, names] of Object.entries(HEADER_SYNONYMS)) {
      expect(HEADERS).toContain(column);
      for (const name of names) expect(templateKeys.has(headerKey(name)), name).toBe(false);
    }
  });

  it("the officer's choice wins over the remembered mapping, which wins over a synonym", () => {
    const key = headerKey("Importo previsto");
    expect(matchColumn("Importo previsto", { remembered: new Map([[key, "Costo totale"]]) })).toMatchObject({
      column: "Costo totale",
      source: "remembered",
    });
    expect(
      matchColumn("Importo previsto", {
        remembered: new Map([[key, "Costo totale"]]),
        chosen: new Map([[key, null]]),
      }),
    ).toMatchObject({ column: null, source: "chosen" });
  });

  it("parses the `mappatura` parameter and refuses what is not a portal column", () => {
    expect(parseMappingParam('{"Titolo intervento":"Titolo","Note":null,"Altro":""}')).toEqual(
      new Map([
        ["titolo intervento", "Titolo"],
        ["note", null],
        ["altro", null],
      ]),
    );
    expect(parseMappingParam(null)).toBeNull();
    expect(() => parseMappingParam("[1]")).toThrow(/Mappatura delle colonne non valida/);
    expect(() => parseMappingParam('{"A":"Password"}')).toThrow(/«Password» non è una colonna del portale/);
  });
});

describe("parseRows with an office's headers", () => {
  it("asks for a mapping while a header is unknown, and reads no row meanwhile", () => {
    const read = parseRows(
      rows(["Cod. locale", "Titolo intervento", "Filone", "Note"], ["A1", "Titolo A", "SL-01", "x"]),
      STREAMS,
    );
    expect(read.mappingNeeded).toBe(true);
    expect(read.records).toEqual([]);
    expect(read.columns.map((c) => [c.header, c.column, c.source])).toEqual([
      ["Cod. locale", "Codice locale", "synonym"],
      ["Titolo intervento", "Titolo", "synonym"],
      ["Filone", "Codice filone", "synonym"],
      ["Note", null, "unknown"],
    ]);
    const ignored = parseRows(
      rows(
        ["Cod. locale", "Titolo intervento", "Filone", "Costo", "Note"],
        ["A1", "Titolo A", "SL-01", "1.000", "x"],
      ),
      STREAMS,
      { chosen: new Map([["note", null]]) },
    );
    expect(ignored.mappingNeeded).toBe(false);
    expect(ignored.issues).toEqual([]);
    expect(ignored.records).toHaveLength(1);
    expect(ignored.records[0]).toMatchObject({ kind: "INTERVENTO", localCode: "A1" });
  });

  it("asks for a mapping when neither key column is there", () => {
    const read = parseRows(rows(["Titolo intervento", "Filone"], ["Titolo A", "SL-01"]), STREAMS);
    expect(read.mappingNeeded).toBe(true);
  });
});

describe("filone by code, name or label", () => {
  it("matches case- and accent-insensitively", () => {
    const find = streamFinder(STREAMS);
    for (const text of [
      "SL-02",
      "sl-02",
      " SL-02 ",
      "SL-02 · Illuminazione pubblica intelligente",
      "SL-02 · Illuminazione …",
      "SL-02 - Illuminazione pubblica",
      "SL-02 – Illuminazione pubblica",
      "SL-02: illuminazione",
      "illuminazione PUBBLICA intelligente",
    ])
      expect(find(text)?.code, text).toBe("SL-02");
    expect(find("Mobilita sostenibile e intermodale")?.code).toBe("SL-01");
    expect(find("SL-99")).toBeUndefined();
    expect(find("Illuminazione")).toBeUndefined();
  });
});

describe("an office's XLSX workbook (fixture)", () => {
  it("reads percent cells as percentages and formula cells by their cached result", async () => {
    const sheet = await readXlsx(fixture("intestazioni-ufficio.xlsx"));
    expect(sheet.rows[1]!.cells).toEqual([
      "UFF-XLSX-01",
      null,
      "Illuminazione LED – via Roma",
      "SL-02 · Illuminazione pubblica intelligente",
      "In esecuzione",
      "15%",
      250000,
      "Ass. Bianchi",
    ]);
    expect(sheet.rows[2]!.cells[2]).toBe("Pista ciclabile nord");
    const read = parseRows(sheet.rows, STREAMS, { chosen: new Map([["assessore di riferimento", null]]) });
    expect(read.issues).toEqual([]);
    const projects = read.records as ProjectRecord[];
    expect(
      projects.map((p) => [p.localCode, p.data?.title, p.streamCode, p.data?.progress, p.data?.totalCost]),
    ).toEqual([
      ["UFF-XLSX-01", "Illuminazione LED – via Roma", "SL-02", 15, "250000.00"],
      ["UFF-XLSX-02", "Pista ciclabile nord", "SL-01", 40, "98000.50"],
      ["UFF-XLSX-03", "Sensori nei parcheggi", "SL-01", 15, "3000.00"],
    ]);
    expect(projects[0]!.data?.status).toBe("EXECUTION");
  });

  it("refuses a formula without a result, an error value, a fractional percentage and an unknown filone", async () => {
    const sheet = await readXlsx(fixture("celle-da-rifiutare.xlsx"));
    const read = parseRows(sheet.rows, STREAMS);
    expect(read.mappingNeeded).toBe(false);
    expect(read.issues).toEqual([
      {
        row: 2,
        column: "Costo totale",
        message:
          "La cella contiene una formula senza un valore calcolato: apri il file in Excel e salvalo di nuovo, oppure incolla il valore al posto della formula.",
        value: "=B2*2",
      },
      {
        row: 3,
        column: "Costo totale",
        message: "La cella contiene un errore di Excel: scrivi il valore.",
        value: "#DIV/0!",
      },
      { row: 4, column: "Avanzamento (%)", message: MESSAGES.progress, value: "15,5%" },
      { row: 5, column: "Avanzamento (%)", message: MESSAGES.progress, value: "15,5%" },
      {
        row: 6,
        column: "Codice filone",
        message:
          "Filone sconosciuto «XX-99 · Sconosciuto»: usa uno dei codici dei filoni elencati nella pagina di importazione.",
        value: "XX-99 · Sconosciuto",
      },
    ]);
  });

  it("reads typed percentages, and a plain 15 stays 15", () => {
    const progressOf = (value: string | number) => {
      const read = parseRows(
        rows(
          ["Codice locale", "Titolo", "Codice filone", "Costo totale", "Avanzamento (%)"],
          ["P", "Titolo P", "SL-01", "1.000", value],
        ),
        STREAMS,
      );
      return read.issues.length ? read.issues[0]!.message : (read.records[0] as ProjectRecord).data?.progress;
    };
    expect(progressOf("15%")).toBe(15);
    expect(progressOf("15 %")).toBe(15);
    expect(progressOf("15\u00a0%")).toBe(15);
    expect(progressOf("15,0%")).toBe(15);
    expect(progressOf(15)).toBe(15);
    expect(progressOf("15")).toBe(15);
    expect(progressOf("15,5%")).toBe(MESSAGES.progress);
    expect(progressOf("150%")).toBe(MESSAGES.progress);
  });
});
