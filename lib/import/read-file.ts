// Reads an uploaded spreadsheet (CSV or XLSX) into rows of raw cells, as Italian offices produce them:
// CSV with ";" or "," (or tab) separators, UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Testo Unicode")
// or Windows-1252 (invalid UTF-8 is read as Windows-1252: lib/format/text-encoding.ts); XLSX (first
// worksheet, lib/import/read-xlsx.ts). File-level problems throw an AppError
// with an Italian message; nothing here looks at the meaning of a cell.
//
// Every read is bounded before the work is done (issue #14): the file's size (5 MB, 413), its rows
// (MAX_DATA_ROWS plus a few header/title lines), its columns (MAX_COLUMNS) and, for CSV, a line's length;
// an XLSX's zip is checked from its central directory and inflated only where the import reads it
// (read-xlsx.ts). One heavy parse runs per process at a time (parse-gate.ts).

import { parse as parseCsv } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { decodeText, type DecodedText } from "@/lib/format/text-encoding";
import { withHeavyParse } from "./parse-gate";
import { readXlsx } from "./read-xlsx";
import {
  FILE_MESSAGES,
  MAX_COLUMNS,
  MAX_FILE_BYTES,
  MAX_LINE_CHARS,
  MAX_SHEET_ROWS,
  type ReadSheet,
} from "./sheet-limits";

export {
  FILE_MESSAGES,
  MAX_COLUMNS,
  MAX_DATA_ROWS,
  MAX_FILE_BYTES,
  MAX_LINE_CHARS,
  MAX_SHEET_ROWS,
  type RawCell,
  type ReadSheet,
  type SheetRow,
} from "./sheet-limits";

const invalid = (message: string) => new AppError("INVALID", message);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads the upload; throws AppError("INVALID") for files that are not a readable CSV/XLSX within limits,
 * ("PAYLOAD_TOO_LARGE") for files too large, before or once inflated, and ("UNAVAILABLE") when another
 * file is being read in this process for longer than the gate waits.
 */
export async function readSheet(bytes: Uint8Array): Promise<ReadSheet> {
  if (bytes.length === 0) throw invalid(FILE_MESSAGES.empty);
  if (bytes.length > MAX_FILE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", FILE_MESSAGES.tooBig);
  if (startsWith(bytes, OLE_MAGIC)) throw invalid(FILE_MESSAGES.xls);
  return withHeavyParse(async () => (startsWith(bytes, ZIP_MAGIC) ? readXlsx(bytes) : readCsv(bytes)));
}

// ---------------------------------------------------------------------------------------------------------
// CSV

function decode(bytes: Uint8Array): DecodedText {
  const decoded = decodeText(bytes);
  if (decoded.encoding === "UTF-16") return decoded;
  // NUL bytes: UTF-16 without BOM, or a binary file.
  const sample = bytes.subarray(0, 4096);
  const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nuls > 0) throw invalid(nuls > sample.length / 4 ? FILE_MESSAGES.utf16 : FILE_MESSAGES.binary);
  return decoded;
}

/** The separator used in the first line (outside quotes): the most frequent of ";", "," and tab. */
function detectSeparator(text: string): ";" | "," | "\t" {
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

/**
 * One pass over the text, before csv-parse builds anything: more lines than MAX_SHEET_ROWS, a line with
 * more than MAX_COLUMNS fields or longer than MAX_LINE_CHARS is refused at once. (csv-parse would first
 * build the whole record: a line of a million ";" is a million-element array.) Quotes are followed as
 * csv-parse reads them with relax_quotes: a field is quoted only when it starts with `"`, and `""` inside
 * is an escaped quote; any CR, LF or CRLF outside quotes ends a line (csv-parse's count can only be lower).
 */
function checkCsvShape(text: string, separator: string): void {
  const sep = separator.charCodeAt(0);
  let lines = 0;
  let fields = 1;
  let lineStart = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    if (i - lineStart > MAX_LINE_CHARS) throw invalid(FILE_MESSAGES.lineTooLong);
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === 34 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === sep) {
      if (++fields > MAX_COLUMNS) throw invalid(FILE_MESSAGES.tooManyColumns);
      fieldStart = true;
    } else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (++lines > MAX_SHEET_ROWS) throw invalid(FILE_MESSAGES.tooManyRows);
      fields = 1;
      fieldStart = true;
      lineStart = i + 1;
    } else fieldStart = false;
  }
}

function readCsv(bytes: Uint8Array): ReadSheet {
  const { text: body, encoding } = decode(bytes);
  if (body.trim() === "") throw invalid(FILE_MESSAGES.empty);
  const separator = detectSeparator(body);
  checkCsvShape(body, separator);
  let records: string[][];
  try {
    records = parseCsv(body, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // A second net behind checkCsvShape (which counts lines the same way or more strictly).
      max_record_size: MAX_LINE_CHARS,
      to: MAX_SHEET_ROWS + 1,
    }) as string[][];
  } catch (e) {
    if ((e as { code?: unknown }).code === "CSV_MAX_RECORD_SIZE") throw invalid(FILE_MESSAGES.lineTooLong);
    const detail = e instanceof Error ? e.message.replace(/^Invalid Record Length: /, "") : String(e);
    throw invalid(FILE_MESSAGES.csvBroken(detail.slice(0, 200)));
  }
  if (records.length > MAX_SHEET_ROWS) throw invalid(FILE_MESSAGES.tooManyRows);
  return {
    format: "csv",
    encoding,
    separator,
    // Row numbers as a spreadsheet shows the file: record n is row n (the header is row 1).
    rows: records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => (c === "" ? null : c)) })),
  };
}
