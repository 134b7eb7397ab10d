import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportAudit } from "@/lib/audit/export-audit";
import { neutralizeCsvText } from "@/lib/export/table-export";
import { exportComuneProjects } from "@/lib/import/export-comune";
import { openDataResponse } from "@/lib/public/open-data";
import { EXPORT_TABLES, exportRollupTable } from "@/lib/rollup/export";
import { actorFor, ADMIN, COORDINATOR, OFFICER_SAN_DONATO, ownerQuery, SAN_DONATO } from "./helpers";

// Stored text a spreadsheet would execute (OWASP "CSV injection"): at the start of the value, after a
// separator of either kind (the file is ";"-separated, but Excel outside Italy, LibreOffice and Google
// Sheets may open it with ","), after a quote, and after a line break.
const HOSTILE = [
  `x,=cmd|' /C calc'!A0,y`,
  "+1",
  "-1+2",
  "@SUM(1)",
  "\t=1",
  "\r=1",
  'a "quoted" value\n=2+3 on a new line',
  "x;=1;y",
  "x, =HYPERLINK(1)",
  'x",=1',
];
const SLUG = "sud-est-milano";
const FORMULA_START = /^[=+\-@\t\r]/;
/** What the writer prints for numbers and dates (and their halves, when "," splits a decimal comma). */
const NUMERIC = /^-?\d+(?:[.,]\d+)?$/;

async function body(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, "");
}

/** The file as a spreadsheet would split it with `delimiter`, tolerating what a wrong separator does to quotes. */
function cells(text: string, delimiter: string): string[] {
  const rows = parse(text, {
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  return rows.flat();
}

/** Every cell a spreadsheet would evaluate as a formula, with ";" and with ",". */
function formulaCells(text: string): string[] {
  return [";", ","].flatMap((d) =>
    cells(text, d).filter((c) => !NUMERIC.test(c) && FORMULA_START.test(c.replace(/^ +/, ""))),
  );
}

describe("CSV exports carry no formula, whatever the separator", () => {
  beforeAll(async () => {
    const [stream] = await ownerQuery<{ id: string }>(`SELECT id FROM "Stream" ORDER BY code LIMIT 1`);
    for (const [i, text] of HOSTILE.entries()) {
      // Published (draft, then publish): the open data carry only published projects.
      const [created] = await ownerQuery<{ id: string }>(
        `INSERT INTO "Project" ("comuneIstat", "streamId", title, summary, cup, "totalCost")
         VALUES ($1, $2, $3, $3, NULL, $4) RETURNING id`,
        [SAN_DONATO, stream.id, text, 1000 + i],
      );
      await ownerQuery(`SELECT publish_project($1::uuid, NULL)`, [created.id]);
      await ownerQuery(
        `INSERT INTO "AuditEvent" ("actorName", "actorRole", "comuneIstat", entity, "entityId", action, before, after)
         VALUES ($1, 'OFFICER', $2, 'CsvTest', $1, 'UPDATE', $3, $4)`,
        [text, SAN_DONATO, JSON.stringify({ title: text }), JSON.stringify({ title: `${text} 2` })],
      );
    }
    await ownerQuery(`UPDATE "SmartLand" SET name = $1 WHERE slug = $2`, [HOSTILE[0], SLUG]);
    await ownerQuery(`UPDATE "Stream" SET name = $1 WHERE id = $2`, [HOSTILE[7], stream.id]);
  });

  it("open data (region and Smart Land), comune export, roll-up exports and audit export", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const coordinator = await actorFor(COORDINATOR);
    const admin = await actorFor(ADMIN);
    const files: [string, Response][] = [
      ["open data", await openDataResponse({ kind: "region" }, "csv", "http://x/dati-aperti/interventi.csv")],
      ["open data SL", await openDataResponse({ kind: "smart-land", slug: SLUG }, "csv", "http://x/sl.csv")],
      ["comune", await exportComuneProjects(officer, SAN_DONATO, "csv")],
      ["audit", await exportAudit(admin, { oggetto: "CsvTest" })],
    ];
    for (const table of EXPORT_TABLES) {
      files.push([`roll-up ${table}`, await exportRollupTable(coordinator, {}, table, "csv")]);
    }
    for (const [label, res] of files) {
      const text = await body(res);
      // The hostile values are in the file (else the test proves nothing) and read back whole with ";".
      if (!label.startsWith("roll-up") || label === "roll-up interventi") {
        const all = cells(text, ";").join("\u0000");
        for (const h of [HOSTILE[0], HOSTILE[6], HOSTILE[9]]) {
          expect(all.includes(h) || all.includes(neutralizeCsvText(h)), `${label}: ${h}`).toBe(true);
        }
      }
      expect(formulaCells(text), label).toEqual([]);
    }
  });

  it("XLSX cells with formula-like text are strings, never formulas", async () => {
    const officer = await actorFor(OFFICER_SAN_DONATO);
    const res = await exportComuneProjects(officer, SAN_DONATO, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, String(cell.value)).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, String(cell.value)).toBeUndefined();
        if (typeof cell.value === "string") texts.push(cell.value);
      }),
    );
    for (const h of HOSTILE)
      expect(
        texts.some((t) => t.includes(h.trim().slice(1, 6))),
        h,
      ).toBe(true);
  });
});
