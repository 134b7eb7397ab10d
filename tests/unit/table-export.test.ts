import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import {
  contentDisposition,
  csvStream,
  EXPORT_SOURCE,
  type ExportColumn,
  exportResponse,
  neutralizeCsvText,
  neutralizeFormula,
  safeSheetName,
  xlsxStream,
} from "@/lib/export/table-export";

type Row = {
  name: string;
  amount: number | string | null;
  date: Date | null;
  share: number | null;
  n: number;
};

const columns: ExportColumn<Row>[] = [
  { header: "Nome", value: (r) => r.name },
  { header: "Importo", value: (r) => r.amount, kind: "money" },
  { header: "Data", value: (r) => r.date, kind: "date" },
  { header: "Avanzamento", value: (r) => r.share, kind: "percent" },
  { header: "Quantità", value: (r) => r.n, kind: "number" },
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(await bytesOf(stream));
}

async function* pages(count: number, size: number, log: { produced: number; closed: boolean }) {
  try {
    for (let p = 0; p < count; p++) {
      log.produced++;
      yield Array.from({ length: size }, (_, i): Row => {
        const k = p * size + i;
        return { name: `Comune ${k}`, amount: k + 0.5, date: utc(2024, 1, 1 + (k % 28)), share: 0.5, n: k };
      });
    }
  } finally {
    log.closed = true;
  }
}

describe("neutralizeFormula", () => {
  it.each(["=SUM(A1)", "+39", "-2+3", "@cmd", "\t=1", "\r=1"])("prefixes %j with an apostrophe", (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(["Bergamo", "a=b", "39", " =1", ""])("leaves %j alone", (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("neutralizeCsvText", () => {
  it.each([
    ["x,=cmd|' /C calc'!A0,y", "x,'=cmd|' /C calc'!A0,y"],
    ["a;+1;b", "a;'+1;b"],
    ["a, -1+2", "a, '-1+2"],
    ['a"@SUM(1)', "a\"'@SUM(1)"],
    ["riga\n=1", "riga\n'=1"],
    ["\r=1", "'\r'=1"],
    ["-12,5", "'-12,5"],
  ])("neutralizes every cell start of %j", (text, expected) => {
    expect(neutralizeCsvText(text)).toBe(expected);
  });

  it.each(["Bergamo", "a=b", "a-b, c", "1,5", "x ;y"])("leaves %j alone", (text) => {
    expect(neutralizeCsvText(text)).toBe(text);
  });
});

describe("csvStream", () => {
  const row: Row = { name: 'Via "Roma"; 1', amount: 1234.5, date: utc(2024, 3, 5), share: 0.125, n: -5 };

  it("starts with the UTF-8 BOM and uses ; and CRLF", async () => {
    const bytes = await bytesOf(csvStream(columns, [row]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
    expect(text).toBe(
      "Nome;Importo;Data;Avanzamento (%);Quantità\r\n" +
        '"Via ""Roma""; 1";"1234,50";05/03/2024;"12,5";-5\r\n',
    );
  });

  it("formats money with two decimals, from numbers and from decimal strings, without grouping", async () => {
    const rows: Row[] = [
      { name: "a", amount: "1234.5", date: null, share: 0.07, n: 1234567 },
      { name: "b", amount: -0.001, date: null, share: null, n: 0.1 + 0.2 },
      { name: "c", amount: "not a number", date: null, share: 1, n: 2.5 },
    ];
    const lines = (await textOf(csvStream(columns, rows))).split("\r\n");
    expect(lines.slice(1, 4)).toEqual([
      'a;"1234,50";;7;1234567',
      'b;"0,00";;;"0,3"',
      'c;not a number;;100;"2,5"',
    ]);
  });

  it("quotes fields with line breaks", async () => {
    const text = await textOf(csvStream(columns, [{ ...row, name: "riga 1\nriga 2" }]));
    expect(text.split("\r\n")[1]).toBe('"riga 1\nriga 2";"1234,50";05/03/2024;"12,5";-5');
  });

  it("neutralizes formula-like text but keeps negative numbers as numbers", async () => {
    const texts = ["=SUM(A1)", "+39", "-2+3", "@cmd", "\t=1"];
    const rows = texts.map((name): Row => ({ name, amount: null, date: null, share: null, n: -5 }));
    const lines = (await textOf(csvStream(columns, rows))).split("\r\n").slice(1, -1);
    // The tab starts a cell for a tab-separated reader too: the "=" after it is neutralized as well.
    expect(lines).toEqual(texts.map((t) => `'${t.replace("\t", "\t'")};;;;-5`));
  });

  it("streams 50,000 rows given as 50 pages of 1,000, reporting progress", async () => {
    const log = { produced: 0, closed: false };
    const onProgress = vi.fn();
    const text = await textOf(csvStream(columns, pages(50, 1000, log), { onProgress }));
    expect(text.split("\r\n")).toHaveLength(50_002); // 50,001 lines, each ended by CRLF
    expect(text.endsWith('Comune 49999;"49999,50";20/01/2024;50;49999\r\n')).toBe(true);
    expect(onProgress).toHaveBeenCalledTimes(50);
    expect(onProgress).toHaveBeenLastCalledWith(50_000);
    expect(log.closed).toBe(true);
  });

  it("reads pages only as the consumer pulls, and closes the source when cancelled", async () => {
    const log = { produced: 0, closed: false };
    const reader = csvStream(columns, pages(50, 1000, log)).getReader();
    await reader.read(); // header
    await reader.read(); // first page
    expect(log.produced).toBeLessThan(5);
    await reader.cancel();
    expect(log.closed).toBe(true);
  });

  it("errors the stream when a page fails", async () => {
    async function* failing(): AsyncGenerator<Row[]> {
      yield [row];
      throw new Error("database gone");
    }
    await expect(textOf(csvStream(columns, failing()))).rejects.toThrow("database gone");
  });
});

async function loadXlsx(stream: ReadableStream<Uint8Array>) {
  const workbook = new ExcelJS.Workbook();
  // `read` rather than `load`: exceljs's own `Buffer` declaration clashes with @types/node's under TS 5.9.
  await workbook.xlsx.read(Readable.from([await bytesOf(stream)]));
  return workbook;
}

describe("xlsxStream", () => {
  const rows: Row[] = [
    { name: "Bergamo", amount: 1234.5, date: utc(2024, 3, 5), share: 0.125, n: -5 },
    { name: "=SUM(A1)", amount: "99.99", date: null, share: null, n: 2.5 },
    { name: "-2+3", amount: null, date: utc(2025, 12, 31), share: 1, n: 0 },
  ];

  it("writes a title, a bold frozen header, typed cells and the attribution", async () => {
    const workbook = await loadXlsx(
      xlsxStream(columns, rows, { sheetName: "Progetti", title: "Progetti 2024" }),
    );
    const sheet = workbook.getWorksheet("Progetti");
    expect(sheet).toBeDefined();
    if (!sheet) return;

    expect(sheet.getCell("A1").value).toBe("Progetti 2024");
    expect(sheet.getRow(2).values).toEqual([undefined, "Nome", "Importo", "Data", "Avanzamento", "Quantità"]);
    expect(sheet.getCell("A2").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });

    const money = sheet.getCell("B3");
    expect(typeof money.value).toBe("number");
    expect(money.value).toBe(1234.5);
    expect(money.numFmt).toBe('#,##0.00 "€"');
    expect(sheet.getCell("B4").value).toBe(99.99);

    const date = sheet.getCell("C3");
    expect(date.value).toBeInstanceOf(Date);
    expect((date.value as Date).toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(date.numFmt).toBe("dd/mm/yyyy");

    expect(sheet.getCell("D3").value).toBe(0.125);
    expect(sheet.getCell("D3").numFmt).toBe("0.0%");
    expect(sheet.getCell("E3").value).toBe(-5);

    expect(sheet.getCell("A4").value).toBe("'=SUM(A1)");
    expect(sheet.getCell("A5").value).toBe("'-2+3");
    expect(sheet.getCell("C4").value).toBeNull();

    // title + header + 3 rows + blank + attribution
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getCell("A7").value).toBe(EXPORT_SOURCE);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });

  it("streams pages without a title; the header is row 1", async () => {
    const log = { produced: 0, closed: false };
    const onProgress = vi.fn();
    const workbook = await loadXlsx(
      xlsxStream(columns, pages(5, 1000, log), { sheetName: "Dati", source: "Fonte: prova", onProgress }),
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Nome");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.rowCount).toBe(1 + 5000 + 2);
    expect(sheet.getCell("A5001").value).toBe("Comune 4999");
    expect(sheet.getCell("A5003").value).toBe("Fonte: prova");
    expect(onProgress).toHaveBeenLastCalledWith(5000);
    expect(log.closed).toBe(true);
  });

  it("makes sheet names Excel accepts", async () => {
    expect(safeSheetName("Progetti [2024]/Lombardia: riepilogo completo")).toBe(
      "Progetti 2024 Lombardia riepilo",
    );
    expect(safeSheetName("'?'")).toBe("Dati");
    const workbook = await loadXlsx(xlsxStream(columns, [], { sheetName: "a/b" }));
    expect(workbook.worksheets[0]!.name).toBe("a b");
    expect(workbook.worksheets[0]!.rowCount).toBe(3);
  });

  it("stops reading pages and closes the source when the download is cancelled", async () => {
    const log = { produced: 0, closed: false };
    const reader = xlsxStream(columns, pages(50, 1000, log), { sheetName: "Dati" }).getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(log.closed).toBe(true));
    expect(log.produced).toBeLessThan(50);
  });

  it("cancelling at several points of a large workbook closes the source with no uncaught error", async () => {
    const uncaught: unknown[] = [];
    const onError = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onError);
    try {
      for (const readsBeforeCancel of [1, 3, 8]) {
        const log = { produced: 0, closed: false };
        const reader = xlsxStream(columns, pages(200, 2000, log), { sheetName: "Dati" }).getReader();
        for (let i = 0; i < readsBeforeCancel; i++) await reader.read();
        await reader.cancel();
        await vi.waitFor(() => expect(log.closed).toBe(true));
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(uncaught).toEqual([]);
  });

  it("reads no further pages while the consumer does not read (backpressure)", async () => {
    const log = { produced: 0, closed: false };
    const reader = xlsxStream(columns, pages(200, 2000, log), { sheetName: "Dati" }).getReader();
    await reader.read();
    // Wait until the writer stops (on a loaded machine it may take a few turns to fill the buffers);
    // without backpressure it would go on through all 200 pages.
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let produced = -1;
    for (let waited = 0; produced !== log.produced && waited < 15_000; waited += 500) {
      produced = log.produced;
      await sleep(500);
    }
    await sleep(1000);
    expect(log.produced).toBe(produced); // stalled, not still writing into memory
    expect(produced).toBeLessThan(20);
    await reader.cancel();
  }, 30_000);

  it("keeps the uncompressed XML from piling up: memory outside the heap stays bounded", async () => {
    const log = { produced: 0, closed: false };
    const outside = () => process.memoryUsage().arrayBuffers;
    const base = outside();
    let peak = 0;
    const reader = xlsxStream(columns, pages(100, 2000, log), { sheetName: "Dati" }).getReader();
    for (;;) {
      const { done } = await reader.read();
      peak = Math.max(peak, outside() - base);
      if (done) break;
    }
    expect(log.produced).toBe(100);
    // 200,000 rows are ~100 MB of sheet XML: compressing as it comes keeps well under that in Buffers.
    expect(peak).toBeLessThan(24 * 1024 * 1024);
  }, 120_000);

  it("errors the stream when a page fails", async () => {
    async function* failing(): AsyncGenerator<Row[]> {
      yield rows;
      throw new Error("database gone");
    }
    await expect(bytesOf(xlsxStream(columns, failing(), { sheetName: "Dati" }))).rejects.toThrow(
      "database gone",
    );
  });
});

describe("exportResponse", () => {
  it("sets the content type, an ASCII and an RFC 5987 file name, and no-store", () => {
    const csv = exportResponse("csv", "Progetti città – 2024", csvStream(columns, []));
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="Progetti citta _ 2024.csv"; filename*=UTF-8''Progetti%20citt%C3%A0%20%E2%80%93%202024.csv`,
    );
    expect(csv.headers.get("cache-control")).toBe("no-store");

    const xlsx = exportResponse("xlsx", "riepilogo.xlsx", xlsxStream(columns, [], { sheetName: "Dati" }));
    expect(xlsx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(xlsx.headers.get("content-disposition")).toBe(
      `attachment; filename="riepilogo.xlsx"; filename*=UTF-8''riepilogo.xlsx`,
    );
  });

  it("keeps quotes, slashes and line breaks out of the header", () => {
    expect(contentDisposition('a"b/c\r\nd(1).csv')).toBe(
      `attachment; filename="a_b_cd(1).csv"; filename*=UTF-8''a%22b%2Fcd%281%29.csv`,
    );
  });
});
