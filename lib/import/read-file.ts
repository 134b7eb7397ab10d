// Reads an uploaded spreadsheet (CSV or XLSX) into rows of raw cells, as Italian offices produce them:
// CSV with ";" or "," (or tab) separators, UTF-8 with or without BOM or Windows-1252 (invalid UTF-8 is read
// as Windows-1252); XLSX (first worksheet). Server-only (exceljs). File-level problems throw an AppError
// with an Italian message; nothing here looks at the meaning of a cell.

import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;

/** A cell as read: text (CSV and XLSX text), a number or a date (XLSX), or a marker for what we refuse. */
export type RawCell = string | number | Date | null | { formula: string } | { error: string };

export type SheetRow = { rowNumber: number; cells: RawCell[] };

export type ReadSheet = {
  format: "csv" | "xlsx";
  encoding: "UTF-8" | "Windows-1252" | null;
  separator: ";" | "," | "\t" | null;
  rows: SheetRow[];
};

const invalid = (message: string) => new AppError("INVALID", message);

export const FILE_MESSAGES = {
  empty: "Il file è vuoto.",
  tooBig: `Il file è troppo grande: il limite è di ${MAX_FILE_BYTES / 1024 / 1024} MB. Dividilo in più file.`,
  tooManyRows: `Il file ha troppe righe: il limite è di ${MAX_DATA_ROWS.toLocaleString("it-IT")} righe. Dividilo in più file.`,
  xls: "Il formato XLS (Excel 97-2003) non è supportato: salva il file come XLSX o CSV.",
  utf16:
    "Codifica del file non supportata (UTF-16): salva il file come «CSV UTF-8 (delimitato da virgole)» o come XLSX.",
  binary: "Il file non è un CSV o un XLSX leggibile: salva il file come CSV o come XLSX.",
  xlsxBroken:
    "Il file XLSX non si può leggere: è danneggiato o non è un file Excel. Salvalo di nuovo come XLSX.",
  noSheet: "Il file XLSX non contiene fogli di lavoro.",
  csvBroken: (detail: string) => `Il file CSV non si può leggere: ${detail}`,
} as const;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Reads the upload; throws AppError("INVALID") for files that are not a readable CSV/XLSX within limits. */
export async function readSheet(bytes: Uint8Array): Promise<ReadSheet> {
  if (bytes.length === 0) throw invalid(FILE_MESSAGES.empty);
  if (bytes.length > MAX_FILE_BYTES) throw invalid(FILE_MESSAGES.tooBig);
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes);
  if (startsWith(bytes, OLE_MAGIC)) throw invalid(FILE_MESSAGES.xls);
  return readCsv(bytes);
}

// ---------------------------------------------------------------------------------------------------------
// CSV

function decode(bytes: Uint8Array): { text: string; encoding: "UTF-8" | "Windows-1252" } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid(FILE_MESSAGES.utf16);
  }
  // NUL bytes: UTF-16 without BOM, or a binary file.
  const sample = bytes.subarray(0, 4096);
  const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nuls > 0) throw invalid(nuls > sample.length / 4 ? FILE_MESSAGES.utf16 : FILE_MESSAGES.binary);
  try {
    // `fatal`: any invalid sequence throws, so Windows-1252 files are not mangled into U+FFFD.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "Windows-1252" };
  }
}

/** The separator used in the first line (outside quotes): the most frequent of ";", "," and tab. */
export function detectSeparator(text: string): ";" | "," | "\t" {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (counts[";"] + counts[","] + counts["\t"] > 0) break;
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[","] > counts[";"] ? "," : ";";
}

function readCsv(bytes: Uint8Array): ReadSheet {
  const { text, encoding } = decode(bytes);
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") throw invalid(FILE_MESSAGES.empty);
  const separator = detectSeparator(body);
  let records: string[][];
  try {
    records = parseCsv(body, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^Invalid Record Length: /, "") : String(e);
    throw invalid(FILE_MESSAGES.csvBroken(detail.slice(0, 200)));
  }
  if (records.length > MAX_DATA_ROWS + 10) throw invalid(FILE_MESSAGES.tooManyRows);
  return {
    format: "csv",
    encoding,
    separator,
    // Row numbers as a spreadsheet shows the file: record n is row n (the header is row 1).
    rows: records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => (c === "" ? null : c)) })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// XLSX

function xlsxCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "VERO" : "FALSO";
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) {
      const v = value as { formula?: string; sharedFormula?: string };
      return { formula: `=${v.formula ?? v.sharedFormula ?? ""}` };
    }
    if ("error" in value) return { error: String((value as { error: unknown }).error) };
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      return typeof text === "string" ? text : null;
    }
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw invalid(FILE_MESSAGES.xlsxBroken);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid(FILE_MESSAGES.noSheet);
  if (sheet.actualRowCount > MAX_DATA_ROWS + 10) throw invalid(FILE_MESSAGES.tooManyRows);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is undefined
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
    rows.push({ rowNumber, cells });
  });
  if (rows.length === 0) throw invalid(FILE_MESSAGES.empty);
  return { format: "xlsx", encoding: null, separator: null, rows };
}
