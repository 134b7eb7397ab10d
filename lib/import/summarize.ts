// The report of a planned import (types in report.ts): counts per kind of record, the row errors and
// warnings, and a fingerprint of the planned changes (the preview's token, checked again at commit time).

import "server-only";
import { createHash } from "node:crypto";
import { toAuditJson } from "@/lib/audit/record-audit";
import { rowChanges } from "./changes";
import type { FileRecord, StreamRef } from "./parse-rows";
import { MAX_LISTED, type ImportCounts, type ImportReport, type ReportColumn, type RowIssue } from "./report";
import type { Changes, Plan } from "./plan";
import type { ReadSheet } from "./sheet-limits";

function countsOf(changes: Changes<unknown>): ImportCounts {
  return { create: changes.create.length, update: changes.update.length, unchanged: changes.unchanged };
}

function tokenOf(plan: Plan): string {
  const hash = createHash("sha256");
  for (const group of [plan.projects, plan.funding, plan.actions, plan.indicators, plan.partners]) {
    for (const op of [...group.create, ...group.update]) {
      const cur = op.current as { id?: string; version?: number } | null;
      hash.update(JSON.stringify([cur?.id ?? null, cur?.version ?? 0, op.row, toAuditJson(op.data)]));
    }
    hash.update(`|${group.unchanged}|`);
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * The report of `plan`; `read.issues` are the file's row errors found before planning (cells, layout),
 * `read.records` its parsed rows and `streams` the filoni (to name a change of filone by its code).
 */
export function reportOf(
  file: { name: string },
  sheet: ReadSheet,
  read: {
    dataRows: number;
    issues: RowIssue[];
    records: readonly FileRecord[];
    columns: readonly ReportColumn[];
    missingColumns: readonly string[];
    mappingNeeded: boolean;
  },
  plan: Plan,
  streams: readonly StreamRef[],
): ImportReport {
  const all = [...read.issues, ...plan.issues].sort((a, b) => a.row - b.row);
  const { changes, omitted } = rowChanges(plan, read.records, streams);
  return {
    fileName: file.name,
    format: sheet.format,
    encoding: sheet.encoding,
    separator: sheet.separator,
    rows: read.dataRows,
    projects: countsOf(plan.projects),
    fundingLines: countsOf(plan.funding),
    actions: countsOf(plan.actions),
    indicators: countsOf(plan.indicators),
    partners: countsOf(plan.partners),
    errorRows: new Set(all.map((i) => i.row)).size,
    errorCount: all.length,
    errors: all.slice(0, MAX_LISTED),
    warnings: plan.warnings.slice(0, MAX_LISTED),
    changes,
    changesOmitted: omitted,
    ok: all.length === 0 && !read.mappingNeeded,
    token: all.length === 0 && !read.mappingNeeded ? tokenOf(plan) : null,
    committed: false,
    columns: [...read.columns],
    missingColumns: [...read.missingColumns],
    mappingNeeded: read.mappingNeeded,
  };
}

/** Whether a committed report changed anything (the roll-up is then refreshed). */
export function changedAnything(report: ImportReport): boolean {
  return [report.projects, report.fundingLines, report.actions, report.indicators, report.partners].some(
    (c) => c.create + c.update > 0,
  );
}
