import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvStream, xlsxStream, type ExportColumn } from "@/lib/export/table-export";

type Row = { year: number | string; amount: string };
const columns: ExportColumn<Row>[] = [
  { header: "Anno", value: (r) => r.year, kind: "integer" },
  { header: "Importo", value: (r) => r.amount, kind: "money" },
];
const rows: Row[] = [
  { year: 2021, amount: "1234.5" },
  { year: "2026", amount: "10" },
];

describe("integer columns", () => {
  it("are numbers formatted `0` in XLSX (2021, never 2.021); money keeps the euro format", async () => {
    const bytes = new Uint8Array(await new Response(xlsxStream(columns, rows)).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([bytes]));
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell("A2").value).toBe(2021);
    expect(sheet.getCell("A2").numFmt).toBe("0");
    expect(sheet.getCell("A3").value).toBe(2026);
    expect(sheet.getCell("A3").numFmt).toBe("0");
    expect(sheet.getCell("B2").numFmt).toBe('#,##0.00 "€"');
  });

  it("are written without grouping in CSV", async () => {
    const text = await new Response(csvStream(columns, rows)).text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe(`2021;"1234,50"`);
  });
});
