// The bounded XLSX reader: the first worksheet of a workbook as rows of raw cells, the same cells that
// exceljs gave before (numbers, dates from date-formatted numbers, text, shared and rich text, booleans as
// "VERO"/"FALSO", errors as markers), with two differences (issue #16): a formula cell is its cached
// result (a marker only when Excel saved none), a percent-formatted number is its text ("15%"); without exceljs's cost: exceljs inflates every entry of
// the zip into memory (pictures included) and builds a model of the whole workbook, so a 400 KB file whose
// sheet inflates to hundreds of MB took a worker to 1.3 GB.
//
// Here (issue #14):
// 1. the zip's central directory (yauzl) is checked first: the number of entries, the declared size of each
//    part we read and the sum of every declared size (XLSX_LIMITS); nothing is inflated before;
// 2. only the parts the import reads are inflated: workbook.xml and its relationships, styles.xml (which
//    numbers are dates), sharedStrings.xml and the first worksheet; never xl/media or anything else;
// 3. each part is inflated as a stream and its ACTUAL bytes are counted (yauzl also refuses an entry that
//    inflates to more than it declared), and parsed as a stream (saxes) with caps on rows, columns, cells
//    and the length of a text, so a refusal comes as soon as a cap is crossed.
// The XML is not trusted either: a DOCTYPE is refused (no entity tricks), and no run of characters without
// a "<" may exceed XLSX_LIMITS.xmlRunChars (the parser would otherwise accumulate it).

import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import {
  FILE_MESSAGES,
  MAX_COLUMNS,
  MAX_SHEET_ROWS,
  XLSX_LIMITS,
  type RawCell,
  type ReadSheet,
  type SheetRow,
} from "./sheet-limits";

const invalid = (message: string) => new AppError("INVALID", message);
const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", FILE_MESSAGES.xlsxTooLarge);
const broken = () => invalid(FILE_MESSAGES.xlsxBroken);

/** Excel's own limit on a cell's text. */
const MAX_CELL_CHARS = 32_767;

// ---------------------------------------------------------------------------------------------------------
// The zip

async function openZip(bytes: Uint8Array): Promise<ZipFile> {
  try {
    return await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true, // an entry that inflates to more (or less) than it declared is an error
      strictFileNames: false,
    });
  } catch {
    throw broken();
  }
}

/** Every entry by name, after the central directory's checks: count and the sum of declared sizes. */
async function entriesOf(zip: ZipFile): Promise<Map<string, Entry>> {
  if (zip.entryCount > XLSX_LIMITS.entries)
    throw new AppError("PAYLOAD_TOO_LARGE", FILE_MESSAGES.xlsxTooManyEntries);
  const entries = new Map<string, Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > XLSX_LIMITS.unzippedBytes) throw tooLarge();
      entries.set(entry.fileName, entry);
    }
  } catch (e) {
    throw e instanceof AppError ? e : broken();
  }
  return entries;
}

/**
 * Inflates `entry` as a stream, at most `limit` bytes (declared, then actual), handing its text to `onText`
 * chunk by chunk. A run of more than xmlRunChars characters without "<" is refused before it reaches the
 * XML parser.
 */
async function streamPart(
  zip: ZipFile,
  entry: Entry,
  limit: number,
  onText: (text: string) => void,
): Promise<void> {
  if (entry.uncompressedSize > limit) throw tooLarge();
  let inflated = 0;
  let run = 0;
  const decoder = new TextDecoder("utf-8");
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > limit) throw tooLarge();
      const text = decoder.decode(chunk, { stream: true });
      const first = text.indexOf("<");
      if (first < 0) run += text.length;
      else {
        if (run + first > XLSX_LIMITS.xmlRunChars || longestRun(text) > XLSX_LIMITS.xmlRunChars)
          throw invalid(FILE_MESSAGES.xlsxLongText);
        run = text.length - text.lastIndexOf("<") - 1;
      }
      if (run > XLSX_LIMITS.xmlRunChars) throw invalid(FILE_MESSAGES.xlsxLongText);
      onText(text);
    }
    onText(decoder.decode());
  } catch (e) {
    throw e instanceof AppError ? e : broken();
  }
}

/** The longest stretch between two "<" inside `text`. */
function longestRun(text: string): number {
  let longest = 0;
  let at = text.indexOf("<");
  while (at >= 0) {
    const next = text.indexOf("<", at + 1);
    if (next < 0) break;
    longest = Math.max(longest, next - at - 1);
    at = next;
  }
  return longest;
}

// ---------------------------------------------------------------------------------------------------------
// XML as a stream of events

type XmlHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

/** Element and attribute names without their prefix ("x:row" → "row"): some producers prefix them. */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

function attributesOf(tag: SaxesTagPlain): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(tag.attributes)) {
    // r:id keeps a marker of its prefix: it is the relationship id, not the cell reference "r".
    out[name.includes(":") && local(name) === "id" ? "r:id" : local(name)] = String(value);
  }
  return out;
}

async function parsePart(zip: ZipFile, entry: Entry, limit: number, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: unknown = null;
  parser.on("error", (e) => {
    failure ??= e;
  });
  parser.on("doctype", () => {
    failure ??= broken();
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on("opentag", (tag) => open(local(tag.name), attributesOf(tag)));
  }
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on("closetag", (tag) => close(local(tag.name)));
  }
  await streamPart(zip, entry, limit, (text) => {
    if (failure) return;
    parser.write(text); // handlers throw AppErrors synchronously: they propagate from here
    if (failure) throw failure instanceof AppError ? failure : broken();
  });
  parser.close();
  if (failure) throw failure instanceof AppError ? failure : broken();
}

// ---------------------------------------------------------------------------------------------------------
// Workbook, relationships, styles, shared strings

type Relationship = { type: string; target: string };

/** "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml" absolute → a zip entry name. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `${base}/${target}`).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

async function readWorkbook(zip: ZipFile, entries: Map<string, Entry>) {
  const workbook = entries.get("xl/workbook.xml");
  if (!workbook) throw broken();
  const sheets: string[] = [];
  let date1904 = false;
  await parsePart(zip, workbook, XLSX_LIMITS.otherPartBytes, {
    open(name, attrs) {
      if (name === "workbookPr") date1904 = attrs.date1904 === "1" || attrs.date1904 === "true";
      if (name === "sheet" && attrs["r:id"] && sheets.length < 10_000) sheets.push(attrs["r:id"]);
    },
  });
  const relationships = new Map<string, Relationship>();
  const rels = entries.get("xl/_rels/workbook.xml.rels");
  if (rels) {
    await parsePart(zip, rels, XLSX_LIMITS.otherPartBytes, {
      open(name, attrs) {
        if (name === "Relationship" && attrs.Id && attrs.Target && attrs.TargetMode !== "External")
          relationships.set(attrs.Id, { type: attrs.Type ?? "", target: resolveTarget("xl", attrs.Target) });
      },
    });
  }
  const ofType = (suffix: string) => [...relationships.values()].find((r) => r.type.endsWith(suffix))?.target;
  // The first sheet in the workbook's order that is a worksheet (not a chart sheet), as exceljs listed them.
  const sheet = sheets
    .map((id) => relationships.get(id))
    .find((r) => r && r.type.endsWith("/worksheet") && entries.has(r.target))?.target;
  return {
    date1904,
    sheet: sheet ? entries.get(sheet) : undefined,
    sharedStrings: entries.get(ofType("/sharedStrings") ?? "xl/sharedStrings.xml"),
    styles: entries.get(ofType("/styles") ?? "xl/styles.xml"),
  };
}

// Built-in number formats that are dates or times (ECMA-376 §18.8.30, as exceljs reads them).
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's rule: a format is a date if, outside quotes and brackets, it has y, m, d, h, s or b. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/[\\](.)/g, "$1")
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}

/** How a style shows a number: as a date, as a percentage (the value × 100 and "%"), or as it is. */
type NumberStyle = "date" | "percent" | null;

// Built-in percentage formats: "0%" and "0.00%".
const BUILT_IN_PERCENT_FORMATS = new Set([9, 10]);

/** A format is a percentage if, outside quotes and brackets, it has "%" (and is not a date). */
function isPercentFormat(code: string): boolean {
  return /%/.test(
    code
      .replace(/[\\]./g, "")
      .replace(/\[[^\]]*]/g, "")
      .replace(/"[^"]*"/g, ""),
  );
}

/** For each cell style index (the `s` of a cell), whether its number format shows a date or a percentage. */
async function readNumberStyles(zip: ZipFile, entry: Entry | undefined): Promise<NumberStyle[]> {
  if (!entry) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, XLSX_LIMITS.otherPartBytes, {
    open(name, attrs) {
      if (name === "numFmt") custom.set(Number(attrs.numFmtId), attrs.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs && formats.length < 100_000)
        formats.push(Number(attrs.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => {
    const code = custom.get(id);
    if (code !== undefined) return isDateFormat(code) ? "date" : isPercentFormat(code) ? "percent" : null;
    return BUILT_IN_DATE_FORMATS.has(id) ? "date" : BUILT_IN_PERCENT_FORMATS.has(id) ? "percent" : null;
  });
}

async function readSharedStrings(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0; // <rPh> runs are reading aids, not part of the text
  await parsePart(zip, entry, XLSX_LIMITS.sharedStringsBytes, {
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t") inText = phonetic === 0;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si" && current) {
        if (strings.length >= XLSX_LIMITS.cells) throw invalid(FILE_MESSAGES.xlsxTooManyCells);
        strings.push(current.join(""));
        current = null;
      }
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------------------
// The worksheet

/** "AB12" → 28 (1-based column); null when the reference has no letters. */
function columnOf(ref: string): number | null {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
    if (column > 1_000_000) return column;
  }
  return i === 0 ? null : column;
}

/** exceljs's conversion of a date serial (1900 or 1904 system) to a JavaScript date. */
const excelToDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

type CellState = {
  column: number;
  type: string;
  style: number;
  value: string[];
  inline: string[];
  formula: string[] | null;
  /** A <v> element was seen (a formula's cached result may be an empty string). */
  cached: boolean;
};

/**
 * A percent-formatted number as Excel shows it, as text: 0.155 → "15,5%" (the import reads "15,5%" like a
 * typed percentage; floating-point noise of the × 100 is rounded away).
 */
export function percentText(value: number): string {
  return `${String(Number((value * 100).toPrecision(12))).replace(".", ",")}%`;
}

async function readRows(
  zip: ZipFile,
  entry: Entry,
  shared: string[],
  numberStyles: NumberStyle[],
  date1904: boolean,
): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let rowElements = 0;
  let cellsWithValue = 0;
  let rowNumber = 0;
  let cells: RawCell[] = [];
  let rowHasValue = false;
  let nextColumn = 1;
  let cell: CellState | null = null;
  let into: "value" | "inline" | "formula" | null = null;
  let phonetic = 0;

  // A formula cell is read by its cached result (the <v> Excel saved with it), never evaluated; without a
  // cached result it stays a formula marker (a row error on import).
  function valueOf(c: CellState): { has: boolean; value: RawCell } {
    if (c.formula && !c.cached) return { has: true, value: { formula: `=${c.formula.join("")}` } };
    const raw = c.type === "inlineStr" ? c.inline.join("") : c.value.join("");
    if (raw === "") return { has: false, value: null };
    if (raw.length > MAX_CELL_CHARS) throw invalid(FILE_MESSAGES.xlsxLongText);
    switch (c.type) {
      case "s": {
        const text = shared[Number.parseInt(raw, 10)];
        return { has: true, value: text ? text : null };
      }
      case "str":
      case "inlineStr":
        return { has: true, value: raw };
      case "b":
        return { has: true, value: Number.parseInt(raw, 10) !== 0 ? "VERO" : "FALSO" };
      case "e":
        return { has: true, value: { error: raw } };
      case "d": {
        const date = new Date(raw);
        return { has: true, value: Number.isNaN(date.getTime()) ? raw : date };
      }
      default: {
        const number = Number.parseFloat(raw);
        if (Number.isNaN(number)) return { has: true, value: raw };
        const style = numberStyles[c.style];
        if (style === "date") return { has: true, value: excelToDate(number, date1904) };
        return { has: true, value: style === "percent" ? percentText(number) : number };
      }
    }
  }

  await parsePart(zip, entry, XLSX_LIMITS.sheetBytes, {
    open(name, attrs) {
      switch (name) {
        case "row": {
          if (++rowElements > XLSX_LIMITS.rowElements) throw invalid(FILE_MESSAGES.tooManyRows);
          const declared = attrs.r ? Number.parseInt(attrs.r, 10) : Number.NaN;
          rowNumber = Number.isFinite(declared) && declared > 0 ? declared : rowNumber + 1;
          cells = [];
          rowHasValue = false;
          nextColumn = 1;
          return;
        }
        case "c": {
          const column = (attrs.r ? columnOf(attrs.r) : null) ?? nextColumn;
          nextColumn = column + 1;
          const style = attrs.s ? Number.parseInt(attrs.s, 10) : 0;
          cell = {
            column,
            type: attrs.t ?? "n",
            style,
            value: [],
            inline: [],
            formula: null,
            cached: false,
          };
          return;
        }
        case "v":
          if (cell) cell.cached = true;
          into = "value";
          return;
        case "f":
          if (cell) cell.formula ??= [];
          into = "formula";
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          if (cell && phonetic === 0) into = "inline";
          return;
      }
    },
    text(text) {
      if (!cell || !into) return;
      const target = into === "value" ? cell.value : into === "inline" ? cell.inline : cell.formula;
      target?.push(text);
    },
    close(name) {
      switch (name) {
        case "v":
        case "f":
        case "t":
          into = null;
          return;
        case "rPh":
          phonetic--;
          return;
        case "c": {
          if (!cell) return;
          const { has, value } = valueOf(cell);
          if (has) {
            if (cell.column > MAX_COLUMNS) throw invalid(FILE_MESSAGES.tooManyColumns);
            if (++cellsWithValue > XLSX_LIMITS.cells) throw invalid(FILE_MESSAGES.xlsxTooManyCells);
            while (cells.length < cell.column - 1) cells.push(null);
            cells[cell.column - 1] = value;
            rowHasValue = true;
          }
          cell = null;
          return;
        }
        case "row":
          if (rowHasValue) {
            rows.push({ rowNumber, cells });
            if (rows.length > MAX_SHEET_ROWS) throw invalid(FILE_MESSAGES.tooManyRows);
          }
          return;
      }
    },
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------

export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const zip = await openZip(bytes);
  try {
    const entries = await entriesOf(zip);
    const parts = await readWorkbook(zip, entries);
    if (!parts.sheet) throw invalid(FILE_MESSAGES.noSheet);
    // Every part we will read, declared, before inflating any of them.
    const declared =
      parts.sheet.uncompressedSize +
      (parts.sharedStrings?.uncompressedSize ?? 0) +
      (parts.styles?.uncompressedSize ?? 0);
    if (
      declared > XLSX_LIMITS.unzippedBytes ||
      parts.sheet.uncompressedSize > XLSX_LIMITS.sheetBytes ||
      (parts.sharedStrings?.uncompressedSize ?? 0) > XLSX_LIMITS.sharedStringsBytes ||
      (parts.styles?.uncompressedSize ?? 0) > XLSX_LIMITS.otherPartBytes
    )
      throw tooLarge();
    const numberStyles = await readNumberStyles(zip, parts.styles);
    const shared = await readSharedStrings(zip, parts.sharedStrings);
    const rows = await readRows(zip, parts.sheet, shared, numberStyles, parts.date1904);
    if (rows.length === 0) throw invalid(FILE_MESSAGES.empty);
    return { format: "xlsx", encoding: null, separator: null, rows };
  } finally {
    zip.close();
  }
}
