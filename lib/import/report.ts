// What an import says about a file (preview or commit): the API's answer and what the import page shows.
// Plain types: the page's form (components/import) reads them too.

/** One problem of a file: its row, its column, an Italian message and the cell's text (cut to ~80 chars). */
export type RowIssue = { row: number; column: string; message: string; value: string | null };

export type ImportCounts = { create: number; update: number; unchanged: number };

/** The kind of record a row of the file is. */
export type RecordKind = "project" | "fundingLine" | "action" | "indicator" | "partner";

/** What a row does to the stored records. */
export type RowOutcome = "create" | "update" | "unchanged";

/** One field an update changes: its Italian label (the file's header) and both values formatted in Italian. */
export type FieldChange = { field: string; before: string; after: string };

/** What one row of the file does: the record it names ("CUP … · title") and, for an update, what changes. */
export type RowChange = {
  row: number;
  kind: RecordKind;
  outcome: RowOutcome;
  record: string;
  changes: FieldChange[];
};

/** One header of the file and the portal column it feeds (null: ignored or not yet known), and why. */
export type ReportColumn = {
  header: string;
  column: string | null;
  source: "template" | "chosen" | "remembered" | "synonym" | "unknown";
};

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
  indicators: ImportCounts;
  /** Partner comuni: added or already there (`update` is always 0). */
  partners: ImportCounts;
  /** Rows with at least one error, and all errors (the list is cut at MAX_LISTED). */
  errorRows: number;
  errorCount: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** What each valid row does, in file order: updates first, then creates, then unchanged rows up to
   * MAX_LISTED; `changesOmitted` counts the rows left out. */
  changes: RowChange[];
  changesOmitted: number;
  /** No errors: the file can be committed. */
  ok: boolean;
  /** Fingerprint of the planned changes, to check at commit time that nothing moved since the preview. */
  token: string | null;
  committed: boolean;
  /** Every header of the file with the portal column it was read as (issue #16). */
  columns: ReportColumn[];
  /** Portal columns the file does not have: new records take the defaults, updates keep the stored values. */
  missingColumns: string[];
  /** Some header is unknown or no key column was found: the officer must map the columns (rows not read). */
  mappingNeeded: boolean;
};

/** How many rows a report lists (errors, warnings, changes). */
export const MAX_LISTED = 1000;
