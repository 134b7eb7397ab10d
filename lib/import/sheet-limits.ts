// The bounds of reading an uploaded spreadsheet and their Italian messages, shared by the CSV reader
// (read-file.ts), the XLSX reader (read-xlsx.ts), the row parser and the import page.

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;
/** Rows read at most: the data rows plus a title block above the header (parse-rows looks at ten). */
export const MAX_SHEET_ROWS = MAX_DATA_ROWS + 10;
/** The layout has 28 columns; a file is refused past this many (a value in column XFD would otherwise
 * spread every row over 16,384 cells). */
export const MAX_COLUMNS = 256;
/** Characters in one CSV record: a row of the layout with long texts is a few thousand. */
export const MAX_LINE_CHARS = 100_000;

/**
 * An XLSX is a zip. Declared sizes are read from its central directory before anything is inflated, and
 * the bytes actually inflated are counted too (a header can lie). Legitimate files are far below these:
 * the import's own export of 20,000 rows inflates to ~25 MB; pictures do not compress, so a 5 MB file
 * cannot honestly declare much more than 5 MB of them.
 */
export const XLSX_LIMITS = {
  /** Entries in the zip (a workbook has ~10–30; each sheet, drawing or picture adds one or two). */
  entries: 1_000,
  /** The sum of every entry's declared uncompressed size, read or not. */
  unzippedBytes: 100 * 1024 * 1024,
  /** The first worksheet, declared and inflated. */
  sheetBytes: 64 * 1024 * 1024,
  /** The shared strings, declared and inflated (held in memory while the sheet is read). */
  sharedStringsBytes: 32 * 1024 * 1024,
  /** workbook.xml, its relationships, styles.xml. */
  otherPartBytes: 8 * 1024 * 1024,
  /** Characters between two "<" of the XML: a cell's text is at most 32,767 characters in Excel. */
  xmlRunChars: 1024 * 1024,
  /** <row> elements, empty ones included (Excel's own maximum). */
  rowElements: 1_048_576,
  /** Cells with a value, and shared strings. */
  cells: 1_000_000,
} as const;

/** A cell as read: text (CSV and XLSX text), a number or a date (XLSX), or a marker for what we refuse. */
export type RawCell = string | number | Date | null | { formula: string } | { error: string };

export type SheetRow = { rowNumber: number; cells: RawCell[] };

export type ReadSheet = {
  format: "csv" | "xlsx";
  encoding: "UTF-8" | "UTF-16" | "Windows-1252" | null;
  separator: ";" | "," | "\t" | null;
  rows: SheetRow[];
};

const inItalian = (n: number) => n.toLocaleString("it-IT");

export const FILE_MESSAGES = {
  empty: "Il file è vuoto.",
  tooBig: `Il file è troppo grande: il limite è di ${MAX_FILE_BYTES / 1024 / 1024} MB. Dividilo in più file.`,
  tooManyRows: `Il file ha troppe righe: il limite è di ${inItalian(MAX_DATA_ROWS)} righe. Dividilo in più file.`,
  tooManyColumns: `Il file ha troppe colonne: il limite è di ${inItalian(MAX_COLUMNS)} colonne.`,
  lineTooLong: `Una riga del file è troppo lunga: il limite è di ${inItalian(MAX_LINE_CHARS)} caratteri.`,
  xlsxTooLarge: `Il file XLSX è troppo grande una volta decompresso: il limite è di ${XLSX_LIMITS.unzippedBytes / 1024 / 1024} MB in tutto e di ${XLSX_LIMITS.sheetBytes / 1024 / 1024} MB per il foglio. Dividilo in più file o togli immagini e altri oggetti.`,
  xlsxTooManyEntries: `Il file XLSX contiene troppi elementi (il limite è di ${inItalian(XLSX_LIMITS.entries)}): salvalo di nuovo come XLSX.`,
  xlsxTooManyCells: `Il file ha troppe celle compilate: il limite è di ${inItalian(XLSX_LIMITS.cells)}. Dividilo in più file.`,
  xlsxLongText:
    "Il file XLSX contiene un testo troppo lungo in una cella: il limite di Excel è di 32.767 caratteri.",
  xls: "Il formato XLS (Excel 97-2003) non è supportato: salva il file come XLSX o CSV.",
  utf16:
    "Codifica del file non supportata (UTF-16): salva il file come «CSV UTF-8 (delimitato da virgole)» o come XLSX.",
  binary: "Il file non è un CSV o un XLSX leggibile: salva il file come CSV o come XLSX.",
  xlsxBroken:
    "Il file XLSX non si può leggere: è danneggiato o non è un file Excel. Salvalo di nuovo come XLSX.",
  noSheet: "Il file XLSX non contiene fogli di lavoro.",
  csvBroken: (detail: string) => `Il file CSV non si può leggere: ${detail}`,
} as const;
