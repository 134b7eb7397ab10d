// What each row of a planned import does, for the preview: create, update (with every field that changes,
// old → new, formatted in Italian) or unchanged, and the record it names ("CUP … · title").

import "server-only";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  EMPTY_VALUE,
  formatDate,
  formatEuro,
  HEALTH_LABELS,
  INDICATOR_THEME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from "@/lib/format";
import { COLUMNS, type RowKind } from "./layout";
import type { FileRecord, StreamRef } from "./parse-rows";
import { comparable, type Changes, type Op, type Plan } from "./plan";
import { MAX_LISTED, type FieldChange, type RecordKind, type RowChange, type RowOutcome } from "./report";
import {
  ACTION_TABLE,
  FUNDING_TABLE,
  INDICATOR_TABLE,
  PROJECT_TABLE,
  updatedFields,
  type TableSpec,
} from "./stored";

const RECORD_CHARS = 120;

/** The enum fields of each row kind, with their Italian labels. */
const ENUM_LABELS: Record<RowKind, Record<string, Record<string, string>>> = {
  INTERVENTO: { status: STATUS_LABELS, health: HEALTH_LABELS },
  RISORSA: { source: SOURCE_LABELS },
  AZIONE: { kind: ACTION_KIND_LABELS, status: ACTION_STATUS_LABELS },
  INDICATORE: { theme: INDICATOR_THEME_LABELS },
  PARTNER: {},
};

/** A partner's only "field" is its comune: no spec columns to compare (a partner is added or kept). */
const PARTNER_SPEC = { table: "Project", columns: {}, key: [] } as unknown as TableSpec<never, string>;

const KINDS = [
  { kind: "project", rowKind: "INTERVENTO", spec: PROJECT_TABLE, group: "projects" },
  { kind: "fundingLine", rowKind: "RISORSA", spec: FUNDING_TABLE, group: "funding" },
  { kind: "action", rowKind: "AZIONE", spec: ACTION_TABLE, group: "actions" },
  { kind: "indicator", rowKind: "INDICATORE", spec: INDICATOR_TABLE, group: "indicators" },
  { kind: "partner", rowKind: "PARTNER", spec: PARTNER_SPEC, group: "partners" },
] as const satisfies readonly {
  kind: RecordKind;
  rowKind: RowKind;
  spec: TableSpec<never, string>;
  group: keyof Plan;
}[];

const columnOf = (rowKind: RowKind, field: string) =>
  COLUMNS.find((c) => c.field === field && (c.kind === rowKind || c.kind === null));

const decimalFormat = new Intl.NumberFormat("it-IT", { maximumFractionDigits: 4 });

type Formatter = (rowKind: RowKind, field: string, value: unknown) => string;

/** A stored or parsed value as the page shows it: 1.234,56 €, dd/mm/yyyy, Italian labels, filone codes. */
function formatterOf(streams: readonly StreamRef[]): Formatter {
  const codes = new Map(streams.map((s) => [s.id, s.code]));
  return (rowKind, field, value) => {
    const v = comparable(value);
    if (v === null || v === "") return EMPTY_VALUE;
    if (rowKind === "INTERVENTO" && field === "streamId") return codes.get(String(v)) ?? String(v);
    const labels = ENUM_LABELS[rowKind][field];
    if (labels) return labels[String(v)] ?? String(v);
    const type = columnOf(rowKind, field)?.type;
    if (type === "money") return formatEuro(String(v));
    if (type === "date") return formatDate(String(v));
    if (type === "decimal") return decimalFormat.format(Number(v));
    if (field === "progress") return `${v}%`;
    return String(v);
  };
}

function fieldChanges(
  rowKind: RowKind,
  spec: TableSpec<never, string>,
  op: Op<object, object>,
  format: Formatter,
) {
  const [before, after] = [op.current as Record<string, unknown>, op.data as Record<string, unknown>];
  const out: FieldChange[] = [];
  for (const field of updatedFields(spec)) {
    if (comparable(before[field]) === comparable(after[field])) continue;
    out.push({
      field: columnOf(rowKind, field)?.header ?? field,
      before: format(rowKind, field, before[field]),
      after: format(rowKind, field, after[field]),
    });
  }
  return out;
}

/** "CUP · title" of a project; "project key · what" of a funding line, an action, an indicator, a partner. */
function recordOf(rowKind: RowKind, record: FileRecord | undefined, data: object, format: Formatter) {
  const d = data as Record<string, unknown>;
  const key = record?.cup ?? record?.localCode ?? "";
  const what = {
    INTERVENTO: () => [String(d.title ?? "")],
    RISORSA: () => [format(rowKind, "source", d.source), String(d.programme ?? ""), String(d.year ?? "")],
    AZIONE: () => [String(d.title ?? ""), format(rowKind, "dueDate", d.dueDate)],
    INDICATORE: () => [String(d.name ?? ""), String(d.period ?? "")],
    PARTNER: () => [
      "partner",
      String(d.partnerIstat ?? ""),
      (record?.kind === "PARTNER" && record.data?.partnerName) || "",
    ],
  }[rowKind]();
  const text = [key, ...what].filter((t) => t && t !== EMPTY_VALUE).join(" · ");
  return text.length > RECORD_CHARS ? `${text.slice(0, RECORD_CHARS - 1)}…` : text;
}

/**
 * The rows of `plan`, each with its outcome: updates first, then creates, then unchanged rows, up to
 * MAX_LISTED, listed in file order; `omitted` counts the rows left out.
 */
export function rowChanges(
  plan: Plan,
  records: readonly FileRecord[],
  streams: readonly StreamRef[],
): { changes: RowChange[]; omitted: number } {
  const format = formatterOf(streams);
  const byRow = new Map(records.map((r) => [r.row, r]));
  const listed: RowChange[] = [];
  let total = 0;
  for (const outcome of ["update", "create", "unchanged"] as const satisfies readonly RowOutcome[]) {
    for (const { kind, rowKind, spec, group } of KINDS) {
      const changes = plan[group] as Changes<Op<object, object>>;
      const ops = outcome === "unchanged" ? changes.kept : changes[outcome];
      total += ops.length;
      for (const op of ops) {
        if (listed.length >= MAX_LISTED) break;
        listed.push({
          row: op.row,
          kind,
          outcome,
          record: recordOf(rowKind, byRow.get(op.row), op.data, format),
          changes: outcome === "update" ? fieldChanges(rowKind, spec, op, format) : [],
        });
      }
    }
  }
  listed.sort((a, b) => a.row - b.row);
  return { changes: listed, omitted: total - listed.length };
}
