// What an import says about a file: counts per kind of record, the row errors and warnings, and a
// fingerprint of the planned changes (the preview's token, checked again at commit time).

import { createHash } from "node:crypto";
import { toAuditJson } from "@/lib/audit/record-audit";
import type { RowIssue } from "./parse-rows";
import type { Changes, Plan } from "./plan";
import type { ReadSheet } from "./sheet-limits";

export type { RowIssue } from "./parse-rows";

export type ImportCounts = { create: number; update: number; unchanged: number };

export type ImportReport = {
  fileName: string;
  format: "csv" | "xlsx";
  encoding: "UTF-8" | "Windows-1252" | null;
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

const MAX_LISTED = 1000;

function countsOf(changes: Changes<unknown>): ImportCounts {
  return { create: changes.create.length, update: changes.update.length, unchanged: changes.unchanged };
}

function tokenOf(plan: Plan): string {
  const hash = createHash("sha256");
  for (const group of [plan.projects, plan.funding, plan.actions]) {
    for (const op of [...group.create, ...group.update]) {
      const cur = op.current;
      hash.update(JSON.stringify([cur?.id ?? null, cur?.version ?? 0, op.row, toAuditJson(op.data)]));
    }
    hash.update(`|${group.unchanged}|`);
  }
  return hash.digest("hex").slice(0, 32);
}

/** The report of `plan`; `issues` are the file's row errors found before planning (cells, layout). */
export function reportOf(
  file: { name: string },
  sheet: ReadSheet,
  read: { dataRows: number; issues: RowIssue[] },
  plan: Plan,
): ImportReport {
  const all = [...read.issues, ...plan.issues].sort((a, b) => a.row - b.row);
  return {
    fileName: file.name,
    format: sheet.format,
    encoding: sheet.encoding,
    separator: sheet.separator,
    rows: read.dataRows,
    projects: countsOf(plan.projects),
    fundingLines: countsOf(plan.funding),
    actions: countsOf(plan.actions),
    errorRows: new Set(all.map((i) => i.row)).size,
    errorCount: all.length,
    errors: all.slice(0, MAX_LISTED),
    warnings: plan.warnings.slice(0, MAX_LISTED),
    ok: all.length === 0,
    token: all.length === 0 ? tokenOf(plan) : null,
    committed: false,
  };
}

/** Whether a committed report changed anything (the roll-up is then refreshed). */
export function changedAnything(report: ImportReport): boolean {
  const { projects: p, fundingLines: f, actions: a } = report;
  return p.create + p.update + f.create + f.update + a.create + a.update > 0;
}
