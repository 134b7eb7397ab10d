// Table exports as Italian Excel expects them: a CSV (UTF-8 with BOM, ";", decimal comma, CRLF) and an XLSX
// written by exceljs's streaming writer. Server-only (Node streams, exceljs): use it from route handlers on
// the Node.js runtime, never from a component.
//
// Conventions:
// - Rows arrive either as one iterable or as pages (an async iterable of arrays, e.g. one database page at a
//   time); only one page is held at a time and the next is read when the consumer asks for more bytes.
// - Cell values follow lib/format: dates are `Date`s at UTC midnight (read with UTC parts); decimals may
//   travel as machine strings ("1234.5", what Prisma's Decimal prints), which numeric columns turn into
//   numbers. Any other string is text.
// - Percent values are RATIOS (0.125 = 12,5 %): XLSX keeps the ratio with the `0.0%` format, CSV writes the
//   number of percent ("12,5") and adds " (%)" to the header.
// - Text is neutralized against formula injection (OWASP "CSV injection"); numbers, negative ones included,
//   are written as numbers and never touched. In a CSV every place where a spreadsheet could start a cell
//   is neutralized, not only the first character: the file is ";"-separated, but Excel outside Italy,
//   LibreOffice and Google Sheets may split it at "," (see `neutralizeCsvText`). Fields are quoted per
//   RFC 4180 when they hold either separator, a quote or a line break. An XLSX stores text as text (exceljs
//   writes a formula only for a `{ formula }` value), so there only the first character is neutralized,
//   for whoever saves the sheet again as CSV.

import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

/** "integer": a whole number without thousands separators (a year, a percentage of progress): `0`. */
export type ExportKind = "text" | "money" | "number" | "integer" | "date" | "percent";

export type ExportValue = string | number | Date | null;

export type ExportColumn<T> = {
  header: string;
  value: (row: T) => ExportValue;
  /** How numbers are formatted; defaults to "text" (numbers still stay numbers, see `toCell`). */
  kind?: ExportKind;
};

/** One iterable of rows, or pages of rows (what a paginated database read yields). */
export type ExportRows<T> = AsyncIterable<readonly T[]> | Iterable<T>;

export type ExportProgress = {
  /** Called after each page with the number of data rows written so far. */
  onProgress?(rowsDone: number): void;
};

export type CsvExportOptions = ExportProgress & {
  /** Lines of text written above the header (after the BOM), each as one field (e.g. the licence). */
  preamble?: readonly string[];
};

export type XlsxExportOptions = ExportProgress & {
  sheetName: string;
  /** Written alone on the first line, above the header. */
  title?: string;
  /** The attribution on the last line; defaults to `EXPORT_SOURCE` (the ISTAT data are CC BY 4.0). */
  source?: string;
};

export type ExportFormat = "csv" | "xlsx";

export const EXPORT_SOURCE = "Fonte: Smart Land Lombardia – dati comunali ISTAT CC BY 4.0";

// ---------------------------------------------------------------------------------------------------------
// Cells

type NumericKind = "money" | "number" | "integer" | "percent";

type Cell =
  | { type: "empty" }
  | { type: "text"; text: string }
  | { type: "number"; value: number | `${number}`; kind: NumericKind }
  | { type: "date"; value: Date };

const EMPTY: Cell = { type: "empty" };

/** A plain decimal as printed by machines (Prisma Decimal, JSON, `String(number)`): "-1234.5", "1e+21". */
const MACHINE_DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel treats a cell starting with one of these as a formula (or, for tab and CR, may strip them first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes an apostrophe to text that a spreadsheet would read as a formula: "=SUM(A1)" → "'=SUM(A1)".
 * For text cells only: numbers are written as numbers and need nothing.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Every place a spreadsheet may start a cell: the start, and after a separator of any dialect (";", ",",
 * tab), a quote or a line break; spaces may precede the formula (some importers trim them).
 */
const CELL_START_FORMULA = /(?<=^|[;,\t\r\n"])( *)(?=[=+\-@\t\r])/g;

/**
 * Text for a CSV field, whatever separator the reader picks (OWASP "CSV injection": "it is not
 * sufficient to make sure that the untrusted user input does not start with these characters"): an
 * apostrophe before every `=`, `+`, `-`, `@`, tab or CR that could begin a cell. `x,=cmd|…` →
 * `x,'=cmd|…`; `-1+2` → `'-1+2`. Text cells only: a number (also a negative one) is written as a number.
 */
export function neutralizeCsvText(text: string): string {
  return text.replace(CELL_START_FORMULA, "$1'");
}

function numericKind(kind: ExportKind | undefined): NumericKind | null {
  return kind === "money" || kind === "number" || kind === "integer" || kind === "percent" ? kind : null;
}

/**
 * The cell of a value. The value's type decides the cell's type (a number is a number cell even in a "text"
 * column, so a count without a `kind` still sums in Excel); the kind decides how numbers are formatted and
 * whether a string is read as a decimal ("money"/"number"/"percent") or a `yyyy-mm-dd` date ("date").
 */
function toCell(value: ExportValue | undefined, kind: ExportKind | undefined): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { type: "date", value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return EMPTY;
    return { type: "number", value: value === 0 ? 0 : value, kind: numericKind(kind) ?? "number" };
  }
  const numeric = numericKind(kind);
  const trimmed = value.trim();
  if (numeric && MACHINE_DECIMAL.test(trimmed)) {
    return { type: "number", value: trimmed as `${number}`, kind: numeric };
  }
  const iso = kind === "date" ? ISO_DATE.exec(trimmed) : null;
  if (iso) {
    const date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    if (!Number.isNaN(date.getTime())) return { type: "date", value: date };
  }
  return { type: "text", text: value };
}

/** "05/03/2024" from the UTC parts (dates are UTC midnight, see lib/format). */
function formatDateDmy(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------------------
// Pages

function isPaged<T>(rows: ExportRows<T>): rows is AsyncIterable<readonly T[]> {
  return typeof (rows as Partial<AsyncIterable<readonly T[]>>)[Symbol.asyncIterator] === "function";
}

const PAGE_SIZE = 1000;

/** Rows as pages: paged input as it comes, a plain iterable cut into pages of `PAGE_SIZE`. */
async function* pagesOf<T>(rows: ExportRows<T>): AsyncGenerator<readonly T[]> {
  if (isPaged(rows)) {
    yield* rows;
    return;
  }
  let page: T[] = [];
  for (const row of rows) {
    page.push(row);
    if (page.length === PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

// No grouping: Excel (Italian locale) parses "1234,56" as a number but "1.234,56" only sometimes.
// Intl formats decimal strings exactly, so "0.07" is "7" percent without float noise.
const csvMoney = new Intl.NumberFormat("it-IT", {
  useGrouping: false,
  signDisplay: "negative",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
// 15 significant digits: all a double holds, without the noise of 0.1 + 0.2.
const csvNumber = new Intl.NumberFormat("it-IT", {
  useGrouping: false,
  signDisplay: "negative",
  maximumSignificantDigits: 15,
});
const csvPercent = new Intl.NumberFormat("it-IT", {
  style: "percent",
  useGrouping: false,
  signDisplay: "negative",
  maximumFractionDigits: 2,
});

function csvNumberText(value: number | `${number}`, kind: NumericKind): string {
  if (kind === "money") return csvMoney.format(value);
  if (kind === "percent") return csvPercent.format(value).replace(/\s*%$/u, "");
  return csvNumber.format(value);
}

function csvCellText(cell: Cell): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "text":
      return neutralizeCsvText(cell.text);
    case "number":
      return csvNumberText(cell.value, cell.kind);
    case "date":
      return formatDateDmy(cell.value);
  }
}

// RFC 4180 quoting, for both separators a reader may use (a decimal comma is quoted too: spreadsheets
// still read a quoted "1234,50" as a number).
const CSV_NEEDS_QUOTES = /[;,"\r\n]/;

function csvField(text: string): string {
  return CSV_NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvHeader<T>(column: ExportColumn<T>): string {
  const header =
    column.kind === "percent" && !column.header.includes("%") ? `${column.header} (%)` : column.header;
  return csvField(neutralizeCsvText(header));
}

function csvLine<T>(columns: readonly ExportColumn<T>[], row: T): string {
  let line = "";
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    if (i > 0) line += ";";
    line += csvField(csvCellText(toCell(column.value(row), column.kind)));
  }
  return `${line}\r\n`;
}

/**
 * A CSV for Excel in Italian: UTF-8 with BOM (else Excel reads it as Windows-1252), ";" separator, CRLF,
 * decimal comma without grouping, money with 2 decimals, dates dd/mm/yyyy, percent as the number of percent.
 * One chunk per page; the next page is read only when the consumer pulls. A failing page errors the stream.
 */
export function csvStream<T>(
  columns: readonly ExportColumn<T>[],
  rows: ExportRows<T>,
  opts: CsvExportOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = pagesOf(rows);
  let rowsDone = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const preamble = (opts.preamble ?? []).map((line) => `${csvField(neutralizeCsvText(line))}\r\n`);
      controller.enqueue(encoder.encode(`\uFEFF${preamble.join("")}${columns.map(csvHeader).join(";")}\r\n`));
    },
    async pull(controller) {
      // Loop past empty pages: a pull that enqueues nothing is not called again.
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.length === 0) continue;
        let text = "";
        for (const row of next.value) text += csvLine(columns, row);
        rowsDone += next.value.length;
        controller.enqueue(encoder.encode(text));
        opts.onProgress?.(rowsDone);
        return;
      }
    },
    async cancel() {
      // Runs the source's `finally` (e.g. releases a database cursor).
      await pages.return(undefined);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// XLSX

const XLSX_FORMATS: Record<NumericKind | "date", string> = {
  money: '#,##0.00 "€"',
  percent: "0.0%",
  date: "dd/mm/yyyy",
  number: "#,##0",
  // "2026", never "2.026".
  integer: "0",
};
const XLSX_DECIMAL_FORMAT = "#,##0.0###";
/** Excel's limit for the text of one cell; longer text makes Excel "repair" the file. */
const XLSX_MAX_TEXT = 32_767;

function xlsxValue(cell: Cell): string | number | Date | null {
  switch (cell.type) {
    case "empty":
      return null;
    case "text": {
      const text = neutralizeFormula(cell.text);
      return text.length > XLSX_MAX_TEXT ? text.slice(0, XLSX_MAX_TEXT) : text;
    }
    case "number":
      return Number(cell.value);
    case "date":
      return cell.value;
  }
}

function xlsxFormat(cell: Cell): string | null {
  if (cell.type === "date") return XLSX_FORMATS.date;
  if (cell.type !== "number") return null;
  if (cell.kind !== "number") return XLSX_FORMATS[cell.kind];
  return Number.isInteger(Number(cell.value)) ? XLSX_FORMATS.number : XLSX_DECIMAL_FORMAT;
}

/** About how many characters the cell shows, to size its column. */
function displayLength(cell: Cell): number {
  switch (cell.type) {
    case "empty":
      return 0;
    case "text":
      return Math.max(...cell.text.split(/\r?\n/).map((line) => line.length));
    case "number": {
      const text = csvNumberText(cell.value, cell.kind);
      const digits = text.replace(/^-/, "").split(",")[0]!.length;
      // thousands separators, plus " €" or "%"
      return text.length + Math.floor((digits - 1) / 3) + (cell.kind === "money" ? 2 : 1);
    }
    case "date":
      return 10;
  }
}

/** From the header and the first page (a stream cannot look further ahead), within 8–60 characters. */
function columnWidth<T>(column: ExportColumn<T>, sample: readonly T[]): number {
  let longest = column.header.length;
  for (const row of sample)
    longest = Math.max(longest, displayLength(toCell(column.value(row), column.kind)));
  return Math.min(60, Math.max(8, longest + 2));
}

const FORBIDDEN_IN_SHEET_NAME = /[:\\/?*[\]\u0000-\u001f]/g;

/** Excel's rules: at most 31 characters, none of `: \ / ? * [ ]`, not starting/ending with `'`. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(FORBIDDEN_IN_SHEET_NAME, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31)
    .replace(/^'+|'+$/g, "")
    .trim();
  return cleaned === "" || cleaned.toLowerCase() === "history" ? "Dati" : cleaned;
}

type Emitter = Pick<NodeJS.EventEmitter, "on" | "off">;

/** Resolves at the first of the given events, each `[emitter, event]`. */
function firstEvent(...waits: readonly (readonly [Emitter, string])[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const [emitter, event] of waits) emitter.off(event, done);
      resolve();
    };
    for (const [emitter, event] of waits) emitter.on(event, done);
  });
}

/**
 * The stream exceljs writes the finished (compressed) workbook into: a PassThrough that counts the bytes
 * coming out of compression, so that `caughtUp` can see whether compression is still at work.
 */
class ZipOutput extends PassThrough {
  bytes = 0;
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Called every `YIELD_EVERY` rows and after each page. exceljs hands the sheet's XML to its zip writer
 * (archiver) without heeding backpressure, and zlib compresses on the thread pool, one chunk per turn of
 * the event loop: a loop that keeps adding rows makes the uncompressed XML pile up in memory (hundreds of
 * MB for 200,000 rows). So this first gives the event loop turns (`setTimeout`, which lets it wait for the
 * thread pool) until a turn brings no new compressed bytes, i.e. compression has caught up; then it waits
 * while the consumer is behind (until `output` drains). Also resolves when `output` closes (download
 * cancelled). Public API only; measured by scripts/bench/xlsx-export-memory.mjs (docs/benchmarks.md).
 */
async function caughtUp(output: ZipOutput): Promise<void> {
  let before;
  do {
    before = output.bytes;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  } while (output.bytes !== before && !output.destroyed);
  if (!output.destroyed && output.writableNeedDrain) {
    await firstEvent([output, "drain"], [output, "close"]);
  }
}

/** Rows between two pauses for compression (about 200 KB of sheet XML for the widest export). */
const YIELD_EVERY = 200;

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };

async function writeWorkbook<T>(
  columns: readonly ExportColumn<T>[],
  rows: ExportRows<T>,
  opts: XlsxExportOptions,
  output: ZipOutput,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    // Inline strings: shared strings would keep every distinct text in memory until the end.
    useSharedStrings: false,
  });
  workbook.creator = "Smart Land Lombardia";
  workbook.lastModifiedBy = "Smart Land Lombardia";

  const headerRowNumber = opts.title ? 2 : 1;
  const sheet = workbook.addWorksheet(safeSheetName(opts.sheetName), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRowNumber }],
  });

  const pages = pagesOf(rows);
  try {
    // The first page is read before anything is written: column widths must precede the first row.
    let next = await pages.next();
    const firstPage = next.done ? [] : next.value;
    sheet.columns = columns.map((column) => ({ width: columnWidth(column, firstPage) }));

    if (opts.title) {
      const titleRow = sheet.addRow([neutralizeFormula(opts.title)]);
      titleRow.getCell(1).font = { bold: true, size: 14 };
      titleRow.commit();
    }

    const headerRow = sheet.addRow(columns.map((column) => neutralizeFormula(column.header)));
    headerRow.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: { style: "thin" } };
      cell.alignment = { vertical: "middle", wrapText: true };
    });
    headerRow.commit();

    let rowsDone = 0;
    while (!next.done) {
      for (const [index, item] of next.value.entries()) {
        if (index > 0 && index % YIELD_EVERY === 0) {
          await caughtUp(output);
          if (output.destroyed) return;
        }
        const cells = columns.map((column) => toCell(column.value(item), column.kind));
        const row = sheet.addRow(cells.map(xlsxValue));
        cells.forEach((cell, i) => {
          const numFmt = xlsxFormat(cell);
          if (numFmt) row.getCell(i + 1).numFmt = numFmt;
        });
        row.commit();
      }
      rowsDone += next.value.length;
      if (next.value.length > 0) opts.onProgress?.(rowsDone);
      await caughtUp(output);
      if (output.destroyed) return; // the download was cancelled: `finally` closes the source
      next = await pages.next();
    }

    sheet.addRow([]).commit();
    const sourceRow = sheet.addRow([neutralizeFormula(opts.source ?? EXPORT_SOURCE)]);
    sourceRow.getCell(1).font = { italic: true, size: 9, color: { argb: "FF595959" } };
    sourceRow.commit();

    sheet.commit();
    await workbook.commit();
  } finally {
    await pages.return(undefined);
  }
}

/**
 * An XLSX written row by row with exceljs's streaming writer: numbers as numeric cells with Italian-Excel
 * formats (money `#,##0.00 "€"`, percent ratios `0.0%`, dates `dd/mm/yyyy`), a bold frozen header, column
 * widths from the first page, an optional title line and the attribution line last. An error while reading
 * rows errors the stream (the download fails rather than ending with a truncated workbook).
 */
export function xlsxStream<T>(
  columns: readonly ExportColumn<T>[],
  rows: ExportRows<T>,
  opts: XlsxExportOptions = { sheetName: "Dati" },
): ReadableStream<Uint8Array> {
  const output = new ZipOutput();
  writeWorkbook(columns, rows, opts, output).catch((error: unknown) => {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return webStreamOf(output);
}

/**
 * A web stream reading a Node stream with backpressure. Not `Readable.toWeb`: on Node 20, when the client
 * cancels a download while the workbook is still being written, it throws an uncaught
 * `ERR_INVALID_STATE: Controller is already closed`. Here a cancel destroys `output`, which
 * `writeWorkbook` notices and stops.
 */
function webStreamOf(output: PassThrough): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      output.on("data", (chunk: Buffer) => {
        try {
          controller.enqueue(new Uint8Array(chunk));
        } catch {
          output.destroy(); // the consumer is gone
          return;
        }
        if ((controller.desiredSize ?? 1) <= 0) output.pause();
      });
      output.once("end", () => {
        try {
          controller.close();
        } catch {
          /* already cancelled */
        }
      });
      output.once("error", (error) => {
        try {
          controller.error(error);
        } catch {
          /* already cancelled */
        }
      });
    },
    pull() {
      output.resume();
    },
    cancel() {
      output.destroy();
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Response

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

// Characters that break a quoted header value, a path, or a Windows file name; "%" because some browsers
// percent-decode the plain `filename`.
const UNSAFE_IN_FILENAME = /[\\/:*?"<>|%;]/g;

/** RFC 5987 `attr-char`s stay, everything else is percent-encoded (encodeURIComponent leaves `'()*`). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="…"` with an ASCII fallback (accents dropped, other characters "_") and the exact
 * UTF-8 name in `filename*` (RFC 6266/5987), which every current browser prefers.
 */
export function contentDisposition(filename: string): string {
  const name = filename.replace(/[\u0000-\u001f\u007f]/g, "").trim() || "export";
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(UNSAFE_IN_FILENAME, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** The download response; the extension is added when `filename` lacks it. */
export function exportResponse(
  format: ExportFormat,
  filename: string,
  stream: ReadableStream<Uint8Array>,
): Response {
  const name = filename.toLowerCase().endsWith(`.${format}`) ? filename : `${filename}.${format}`;
  return new Response(stream, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": contentDisposition(name),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
