// What an import says about a file (preview or commit): the API's answer and what the import page shows.
// Plain types: the page's form (components/import) reads them too.

/** One problem of a file: its row, its column and an Italian message. */
export type RowIssue = { row: number; column: string; message: string };

export type ImportCounts = { create: number; update: number; unchanged: number };

export type ImportReport = {
  fileName: string;
  format: "csv" | "xlsx";
  encoding: "UTF-8" | "UTF-16" | "Windows-1252" | null;
  separator: string | null;
  /** Data rows read (blank rows not counted). */
  rows: number;
  projects: ImportCounts;
  fundingLines: ImportCounts;
  actions: ImportCounts;
  /** Rows with at least one error, and all errors (the list is cut at MAX_LISTED). */
  errorRows: number;
  errorCount: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** No errors: the file can be committed. */
  ok: boolean;
  /** Fingerprint of the planned changes, to check at commit time that nothing moved since the preview. */
  token: string | null;
  committed: boolean;
};
