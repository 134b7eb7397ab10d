// Spreadsheet import of a comune's projects with their funding lines and actions (flat layout, layout.ts).
//
// previewImport: reads and validates the file against the database and says what a commit would do —
// nothing is written. commitImport: does the same inside ONE transaction and, only if no row has an error,
// writes every change (batch inserts / one UPDATE per table), with an audit event per changed record;
// any failure rolls the whole file back.
//
// The steps, one module each: read (read-file.ts, read-xlsx.ts: bytes → rows of cells), parse
// (parse-rows.ts: cells → typed records, with the forms' zod schemas), plan (stored.ts loads the comune's
// records, plan.ts matches the file against them), report (summarize.ts, changes.ts: what each row does,
// old → new) and write (write.ts). A CUP used by another comune's live project is an error (a CUP names
// one project nationally).

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { ColumnMapping } from "./column-mapping";
import { loadMapping, saveMapping } from "./mapping-store";
import { IMPORT_MESSAGES } from "./messages";
import { parseRows } from "./parse-rows";
import { planImport } from "./plan";
import { readSheet, type ReadSheet } from "./read-file";
import type { ImportReport } from "./report";
import { reportOf } from "./summarize";
import { cupsTakenElsewhere, loadState } from "./stored";
import { writePlan } from "./write";

export { IMPORT_MESSAGES } from "./messages";
export type { FieldChange, ImportCounts, ImportReport, RowChange, RowIssue } from "./report";

export type ImportFile = { name: string; bytes: Uint8Array };

/** Options of a preview or a commit: the officer's column mapping for this file (`mappatura`). */
export type ImportOptions = { mapping?: ColumnMapping | null };

const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };

/** The commit was refused because of row errors; carries the report (the API returns it). */
export class ImportRejected extends AppError {
  constructor(readonly report: ImportReport) {
    super("INVALID", IMPORT_MESSAGES.rejected(report.errorRows));
    this.name = "ImportRejected";
  }
}

async function analyse(
  tx: Tx,
  actor: Actor,
  comuneIstat: string,
  file: ImportFile,
  sheet: ReadSheet,
  chosen: ColumnMapping | null | undefined,
) {
  const state = await loadState(tx, comuneIstat);
  const remembered = await loadMapping(tx, comuneIstat);
  const read = parseRows(sheet.rows, state.streams, { chosen: chosen ?? undefined, remembered });
  // The officer's confirmed choices are remembered for the comune's next files.
  if (chosen?.size) await saveMapping(tx, actor, comuneIstat, read.columns, remembered);
  const plan = planImport(read.records, state, comuneIstat);
  for (const cup of await cupsTakenElsewhere(tx, [...plan.newCups.keys()]))
    plan.issues.push({
      row: plan.newCups.get(cup)!,
      column: "CUP",
      message: IMPORT_MESSAGES.cupElsewhere,
      value: cup,
    });
  return { plan, state, report: reportOf(file, sheet, read, plan, state.streams) };
}

/** Only an officer of the comune imports into it; anyone else gets "not found". */
export function requireImporter(actor: Actor, istat: string): string {
  if (actor.role !== "OFFICER" || !actor.comuneIstat || !can(actor, "projects.write", istat))
    throw notFound();
  return actor.comuneIstat;
}

/** What importing `file` would do (nothing is written). File-level problems throw AppError("INVALID"). */
export async function previewImport(
  actor: Actor,
  istat: string,
  file: ImportFile,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const comuneIstat = requireImporter(actor, istat);
  const sheet = await readSheet(file.bytes);
  return withActor(
    actor,
    async (tx) => (await analyse(tx, actor, comuneIstat, file, sheet, opts.mapping)).report,
    TX_OPTIONS,
  );
}

/**
 * Imports `file` all or nothing. Row errors → ImportRejected (nothing written); a `token` from the preview
 * that no longer matches → CONFLICT. Returns the report with `committed: true`.
 */
export async function commitImport(
  actor: Actor,
  istat: string,
  file: ImportFile,
  opts: ImportOptions & { token?: string | null } = {},
): Promise<ImportReport> {
  const comuneIstat = requireImporter(actor, istat);
  const sheet = await readSheet(file.bytes);
  const report = await withActor(
    actor,
    async (tx) => {
      const t0 = Date.now();
      const { plan, state, report } = await analyse(tx, actor, comuneIstat, file, sheet, opts.mapping);
      if (process.env.IMPORT_PROFILE) console.log(`  [import] analysed ${Date.now() - t0} ms`);
      if (report.mappingNeeded) throw new AppError("INVALID", IMPORT_MESSAGES.mappingNeeded);
      if (!report.ok) throw new ImportRejected(report);
      if (opts.token && opts.token !== report.token) throw new AppError("CONFLICT", IMPORT_MESSAGES.changed);
      await writePlan(tx, actor, comuneIstat, plan, state);
      return { ...report, committed: true };
    },
    TX_OPTIONS,
  );
  return report;
}
