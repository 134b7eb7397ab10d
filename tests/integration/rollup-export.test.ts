import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportRollupTable } from "@/lib/rollup/export";
import { getRollup } from "@/lib/rollup/get-rollup";
import { actorFor, COORDINATOR, OFFICER_PAULLO, ownerQuery } from "./helpers";

/** The body of a CSV download, checking the UTF-8 BOM Excel needs (Response.text() would drop it). */
async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** CSV (BOM, ";" separated, quoted) → rows of cells. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
const cents = (italian: string) => Math.round(Number(italian.replace(/\./g, "").replace(",", ".")) * 100);

describe("roll-up exports", () => {
  beforeAll(async () => {
    // A title an attacker would like Excel to execute.
    await ownerQuery(
      `UPDATE "Project" SET title = '=HYPERLINK("http://evil.example","clic")' WHERE id = (SELECT id FROM "Project" ORDER BY id LIMIT 1)`,
    );
  });

  it("the projects export has the view's rows and totals, neutralises formulas", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const filters = { province: "015", status: "EXECUTION" as const };
    const view = await getRollup(coordinator, filters);
    const res = await exportRollupTable(coordinator, filters, "interventi", "csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const rows = parseCsv(await csvText(res));
    const header = rows[0];
    const data = rows.slice(1).filter((r) => r.length > 1);
    expect(data).toHaveLength(view.totals.projects);
    const costCol = header.indexOf("Costo totale");
    expect(data.reduce((n, r) => n + cents(r[costCol]), 0)).toBe(
      Math.round(Number(view.totals.totalCost) * 100),
    );

    const all = parseCsv(await csvText(await exportRollupTable(coordinator, {}, "interventi", "csv")));
    const titleCol = all[0].indexOf("Titolo");
    const evil = all.find((r) => r[titleCol]?.includes("HYPERLINK"));
    expect(evil?.[titleCol].startsWith("'=")).toBe(true);
  });

  it("each aggregate table equals the view", async () => {
    const coordinator = await actorFor(COORDINATOR);
    const view = await getRollup(coordinator, { smartLand: "sud-est-milano" });
    const csv = parseCsv(
      await csvText(await exportRollupTable(coordinator, { smartLand: "sud-est-milano" }, "filoni", "csv")),
    );
    const data = csv.slice(1).filter((r) => r.length > 1);
    expect(data.map((r) => r[0])).toEqual(view.byStream.map((g) => g.name));
    expect(data.map((r) => cents(r[3]))).toEqual(
      view.byStream.map((g) => Math.round(Number(g.planned) * 100)),
    );

    const xlsx = await exportRollupTable(coordinator, {}, "anni", "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values: number[] = [];
    sheet.eachRow((row) => {
      const planned = row.getCell(2).value;
      if (typeof planned === "number") values.push(Math.round(planned * 100));
    });
    const yearsView = (await getRollup(coordinator, {})).byYear;
    expect(values).toEqual(yearsView.map((y) => Math.round(Number(y.planned) * 100)));
  });

  it("is refused to officers before anything is streamed", async () => {
    await expect(
      exportRollupTable(await actorFor(OFFICER_PAULLO), {}, "interventi", "csv"),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      exportRollupTable(await actorFor(COORDINATOR), {}, "constructor", "csv"),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
