// The plan of an import: what each record of the file does to the comune's stored records (create, update
// or nothing), and the row issues that only the stored state reveals. Pure: the caller loads the state.
//
// Matching, always within the officer's own comune and among live projects:
// - a project (INTERVENTO) by CUP, else by local code ("Codice locale");
// - a funding line (RISORSA) of that project by (fonte, programma, anno): the amounts are updated;
// - an action (AZIONE) of that project by (titolo azione, scadenza): the other columns are updated;
// - an indicator (INDICATORE) of that project by (indicatore, periodo): the other columns are updated;
// - a partner (PARTNER) of that project by its comune: added, or already there (nothing to update).
// Records absent from the file are left as they are (an import never deletes). CUPs that a record would
// newly set are collected in `newCups`, to be checked against other comuni by the caller.

import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/db";
import { SOURCE_LABELS, toIsoDate } from "@/lib/format";
import {
  fundingWarnings,
  type ActionData,
  type FundingLineData,
  type IndicatorData,
} from "@/lib/validation/schemas";
import { normalizeLabel } from "./layout";
import { cellValue, IMPORT_MESSAGES } from "./messages";
import type {
  ActionRecord,
  FileRecord,
  FundingRecord,
  IndicatorRecord,
  PartnerRecord,
  ProjectFields,
  ProjectRecord,
} from "./parse-rows";
import type { RowIssue } from "./report";
import {
  ACTION_TABLE,
  FUNDING_TABLE,
  INDICATOR_TABLE,
  PROJECT_TABLE,
  updatedFields,
  type StoredAction,
  type StoredFunding,
  type StoredIndicator,
  type StoredPartner,
  type StoredProject,
  type StoredState,
  type TableSpec,
} from "./stored";

/** One record to write: `id` is the stored record's, or a new one when `current` is null. */
export type Op<Stored, Data> = { row: number; id: string; current: Stored | null; data: Data };
type ChildOp<Stored, Data> = Op<Stored, Data> & { projectId: string };
/** `unchanged` counts the ops in `kept` (matched records whose fields are all the same). */
export type Changes<O> = { create: O[]; update: O[]; unchanged: number; kept: O[] };

export type ProjectOp = Op<StoredProject, ProjectFields>;
export type FundingOp = ChildOp<StoredFunding, FundingLineData>;
export type ActionOp = ChildOp<StoredAction, ActionData>;
export type IndicatorOp = ChildOp<StoredIndicator, IndicatorData>;
/** A partner comune to add (no `current`) or already there; `id` is the partner's ISTAT code. */
export type PartnerOp = ChildOp<StoredPartner, { partnerIstat: string }>;

export type Plan = {
  projects: Changes<ProjectOp>;
  funding: Changes<FundingOp>;
  actions: Changes<ActionOp>;
  indicators: Changes<IndicatorOp>;
  partners: Changes<PartnerOp>;
  issues: RowIssue[];
  warnings: RowIssue[];
  /** CUPs that a create or an update would newly set, with their row: checked against other comuni. */
  newCups: Map<string, number>;
};

const PROJECT_FIELDS = updatedFields(PROJECT_TABLE);

/**
 * A stored or parsed value in one comparable form: money "1234.50", dates "2026-11-25"; a decimal with at
 * least two decimals ("12.50", "0.1250"), as parse-rows gives an indicator's values.
 */
export function comparable(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return toIsoDate(value);
  if (Prisma.Decimal.isDecimal(value)) return value.toFixed(Math.max(2, value.decimalPlaces()));
  return value as string | number;
}

/** The record's `fields` in comparable form. */
export function pick(record: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = comparable((record as Record<string, unknown>)[f]);
  return out;
}

function sameFields(current: object, next: object, fields: readonly string[]) {
  const [a, b] = [current as Record<string, unknown>, next as Record<string, unknown>];
  return fields.every((f) => comparable(a[f]) === comparable(b[f]));
}

/** Files `op` as a create (nothing stored), an update, or nothing when its `fields` are all the same. */
function classify<O extends Op<object, object>>(changes: Changes<O>, op: O, fields: readonly string[]) {
  if (!op.current) changes.create.push(op);
  else if (sameFields(op.current, op.data, fields)) {
    changes.unchanged += 1;
    changes.kept.push(op);
  } else changes.update.push(op);
}

// ---------------------------------------------------------------------------------------------------------
// Projects

/** A project of the file: the stored project it updates, or a new id. */
type Target = { id: string; current: StoredProject | null; row: number };

/** Projects by key: the comune's stored ones, and (filled while planning) the file's. */
type ProjectIndex = {
  byCup: Map<string, StoredProject>;
  byLocal: Map<string, StoredProject[]>;
  fileByCup: Map<string, Target>;
  fileByLocal: Map<string, Target>;
  /** Stored project id → the row that already targets it. */
  targetRow: Map<string, number>;
};

function indexProjects(stored: readonly StoredProject[]): ProjectIndex {
  const byCup = new Map<string, StoredProject>();
  const byLocal = new Map<string, StoredProject[]>();
  for (const p of stored) {
    if (p.cup) byCup.set(p.cup, p);
    if (p.localCode) byLocal.set(p.localCode, [...(byLocal.get(p.localCode) ?? []), p]);
  }
  return { byCup, byLocal, fileByCup: new Map(), fileByLocal: new Map(), targetRow: new Map() };
}

/** Reports a row issue; `value` is the offending cell's text when the plan knows it. */
type Issue = (row: number, column: string, message: string, value?: string | null) => void;

/** The stored project a row names (null: a new one), or undefined after reporting why it names none. */
function matchProject(r: ProjectRecord, index: ProjectIndex, issue: Issue): StoredProject | null | undefined {
  const dup = (r.cup && index.fileByCup.get(r.cup)) || (r.localCode && index.fileByLocal.get(r.localCode));
  if (dup) {
    const byCup = r.cup && index.fileByCup.has(r.cup);
    const [column, value] = byCup ? ["CUP", r.cup] : ["Codice locale", r.localCode];
    issue(r.row, column, IMPORT_MESSAGES.duplicateProject(dup.row), value);
    return undefined;
  }
  const byCupMatch = r.cup ? index.byCup.get(r.cup) : undefined;
  const localMatches = r.localCode ? (index.byLocal.get(r.localCode) ?? []) : [];
  let current: StoredProject | null = byCupMatch ?? null;
  if (localMatches.length > 1 && !localMatches.some((p) => p.id === byCupMatch?.id)) {
    issue(r.row, "Codice locale", IMPORT_MESSAGES.localCodeAmbiguous, r.localCode);
  } else if (byCupMatch && localMatches.length === 1 && localMatches[0]!.id !== byCupMatch.id) {
    issue(r.row, "Codice locale", IMPORT_MESSAGES.localCodeOther(localMatches[0]!.title), r.localCode);
  } else if (!current && localMatches.length === 1) {
    current = localMatches[0]!;
  }
  const earlier = current ? index.targetRow.get(current.id) : undefined;
  if (earlier !== undefined) {
    const [column, value] = r.cup ? ["CUP", r.cup] : ["Codice locale", r.localCode];
    issue(r.row, column, IMPORT_MESSAGES.duplicateProject(earlier), value);
    return undefined;
  }
  return current;
}

function planProject(r: ProjectRecord, index: ProjectIndex, state: StoredState, plan: Plan, issue: Issue) {
  const current = matchProject(r, index, issue);
  if (current === undefined) return;
  const target: Target = { id: current?.id ?? randomUUID(), current, row: r.row };
  if (current) index.targetRow.set(current.id, r.row);
  if (r.cup) index.fileByCup.set(r.cup, target);
  if (r.localCode) index.fileByLocal.set(r.localCode, target);
  const data = r.data && current ? keepAbsent(r.data, current, r.absent) : r.data;
  if (!data) return;

  // A CUP the project does not have yet: free in the comune (else checked against other comuni later).
  if (data.cup && data.cup !== current?.cup) {
    const owner = index.byCup.get(data.cup);
    if (owner && owner.id !== current?.id) issue(r.row, "CUP", IMPORT_MESSAGES.cupOwn(owner.title), data.cup);
    else plan.newCups.set(data.cup, r.row);
  }
  const stream = state.streams.find((s) => s.id === data.streamId);
  if (stream?.archived && stream.id !== current?.streamId)
    issue(r.row, "Codice filone", IMPORT_MESSAGES.archivedStream, r.streamCode);

  classify(plan.projects, { row: r.row, id: target.id, current, data }, PROJECT_FIELDS);
}

/** `data` with the stored values of the fields the file has no column for (an update keeps them). */
function keepAbsent<D extends object>(data: D, current: object, absent: readonly string[] = []): D {
  if (absent.length === 0) return data;
  const out = { ...data } as Record<string, unknown>;
  for (const field of absent) if (field in current) out[field] = (current as Record<string, unknown>)[field];
  return out as D;
}

/** The project a RISORSA / AZIONE row belongs to: the file's, else the comune's. */
function projectOf(r: FileRecord, index: ProjectIndex): string | null {
  if (r.cup) return index.fileByCup.get(r.cup)?.id ?? index.byCup.get(r.cup)?.id ?? null;
  if (r.localCode) {
    const inFile = index.fileByLocal.get(r.localCode);
    if (inFile) return inFile.id;
    const stored = index.byLocal.get(r.localCode) ?? [];
    return stored.length === 1 ? stored[0]!.id : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Funding lines and actions

/** A record's match key: its project and its table's key columns (funding: fonte, programma, anno). */
const keyOf = (spec: { key: readonly string[] }, projectId: string, record: object) =>
  [projectId, ...spec.key.map((f) => comparable((record as Record<string, unknown>)[f]) ?? "")].join("|");

/** Where a repeated child is reported, how, and the value quoted (the fonte by its label). */
const DUPLICATE = {
  FundingLine: [
    "Fonte",
    (d: FundingLineData) => SOURCE_LABELS[d.source] ?? d.source,
    IMPORT_MESSAGES.duplicateFunding,
  ],
  Action: ["Titolo azione", (d: ActionData) => d.title, IMPORT_MESSAGES.duplicateAction],
  Indicator: ["Indicatore", (d: IndicatorData) => d.name, IMPORT_MESSAGES.duplicateIndicator],
} as const;

/**
 * Plans the children of one table: each matched by key within its project (the oldest stored record wins
 * when several share a key), at most once per file. The returned function says whether the row was
 * planned (false: a duplicate, reported).
 */
function childPlanner<S extends { id: string; projectId: string }, D extends object>(
  spec: TableSpec<D> & { table: keyof typeof DUPLICATE },
  stored: readonly S[],
  changes: Changes<ChildOp<S, D>>,
  issue: Issue,
) {
  const byKey = new Map<string, S>();
  for (const s of stored) {
    const key = keyOf(spec, s.projectId, s);
    if (!byKey.has(key)) byKey.set(key, s);
  }
  const fields = updatedFields(spec);
  const [column, quoted, duplicate] = DUPLICATE[spec.table];
  const seen = new Map<string, number>();
  return (row: number, projectId: string, fileData: D, absent?: readonly string[]): boolean => {
    const key = keyOf(spec, projectId, fileData);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issue(row, column, duplicate(earlier), (quoted as (d: D) => string)(fileData));
      return false;
    }
    seen.set(key, row);
    const current = byKey.get(key) ?? null;
    const data = current ? keepAbsent(fileData, current, absent) : fileData;
    classify(changes, { row, id: current?.id ?? randomUUID(), current, data, projectId }, fields);
    return true;
  };
}

type ChildRecord = FundingRecord | ActionRecord | IndicatorRecord | PartnerRecord;

/**
 * The partner comune a PARTNER row names (its ISTAT code, else its name, among the member comuni), or
 * undefined after reporting why it names none.
 */
function partnerPlanner(state: StoredState, ownerIstat: string | null, plan: Plan, issue: Issue) {
  const members = new Map(state.comuni.filter((c) => c.member).map((c) => [c.istat, c]));
  const byName = new Map<string, string[]>();
  for (const c of members.values()) {
    const key = normalizeLabel(c.name);
    byName.set(key, [...(byName.get(key) ?? []), c.istat]);
  }
  const stored = new Set(state.partners.map((p) => `${p.projectId}|${p.partnerIstat}`));
  const seen = new Map<string, number>();
  return (r: PartnerRecord, projectId: string) => {
    const d = r.data!;
    let istat: string | undefined;
    if (d.partnerIstat) {
      if (members.has(d.partnerIstat)) istat = d.partnerIstat;
      else issue(r.row, "Codice ISTAT partner", IMPORT_MESSAGES.partnerUnknown, d.partnerIstat);
    } else {
      const found = byName.get(normalizeLabel(d.partnerName ?? "")) ?? [];
      if (found.length === 1) istat = found[0];
      else
        issue(
          r.row,
          "Comune partner",
          found.length ? IMPORT_MESSAGES.partnerAmbiguous : IMPORT_MESSAGES.partnerUnknown,
          d.partnerName,
        );
    }
    if (!istat) return;
    const [column, value] = d.partnerIstat
      ? ["Codice ISTAT partner", d.partnerIstat]
      : ["Comune partner", d.partnerName];
    if (istat === ownerIstat) return issue(r.row, column, IMPORT_MESSAGES.partnerOwner, value);
    const key = `${projectId}|${istat}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return issue(r.row, column, IMPORT_MESSAGES.duplicatePartner(earlier), value);
    seen.set(key, r.row);
    const current = stored.has(key) ? { projectId, partnerIstat: istat } : null;
    classify(plan.partners, { row: r.row, id: istat, current, data: { partnerIstat: istat }, projectId }, []);
  };
}

function planChildren(
  records: ChildRecord[],
  index: ProjectIndex,
  state: StoredState,
  plan: Plan,
  issue: Issue,
  ownerIstat: string | null,
) {
  const funding = childPlanner(FUNDING_TABLE, state.funding, plan.funding, issue);
  const action = childPlanner(ACTION_TABLE, state.actions, plan.actions, issue);
  const indicator = childPlanner(INDICATOR_TABLE, state.indicators, plan.indicators, issue);
  const partner = partnerPlanner(state, ownerIstat, plan, issue);
  for (const r of records) {
    const projectId = projectOf(r, index);
    if (!projectId) {
      if (r.cup || r.localCode) {
        const key = r.cup ? `CUP ${r.cup}` : `codice locale «${r.localCode}»`;
        const [column, value] = r.cup ? ["CUP", r.cup] : ["Codice locale", r.localCode];
        issue(r.row, column, IMPORT_MESSAGES.noProject(key.slice(0, 60)), value);
      }
    } else if (r.kind === "RISORSA" && r.data) {
      if (!funding(r.row, projectId, r.data, r.absent)) continue;
      for (const w of fundingWarnings(r.data))
        plan.warnings.push({ row: r.row, column: "Importi", message: w, value: null });
    } else if (r.kind === "AZIONE" && r.data) {
      action(r.row, projectId, r.data, r.absent);
    } else if (r.kind === "INDICATORE" && r.data) {
      indicator(r.row, projectId, r.data, r.absent);
    } else if (r.kind === "PARTNER" && r.data) {
      partner(r, projectId);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The plan of `records` (the file, in order) against the comune's stored `state`; `ownerIstat`, the
 * comune imported into, may not be its own projects' partner.
 */
export function planImport(
  records: FileRecord[],
  state: StoredState,
  ownerIstat: string | null = null,
): Plan {
  const plan: Plan = {
    projects: { create: [], update: [], unchanged: 0, kept: [] },
    funding: { create: [], update: [], unchanged: 0, kept: [] },
    actions: { create: [], update: [], unchanged: 0, kept: [] },
    indicators: { create: [], update: [], unchanged: 0, kept: [] },
    partners: { create: [], update: [], unchanged: 0, kept: [] },
    issues: [],
    warnings: [],
    newCups: new Map(),
  };
  const issue: Issue = (row, column, message, value = null) =>
    plan.issues.push({ row, column, message, value: cellValue(value) });
  const index = indexProjects(state.projects);
  for (const r of records) if (r.kind === "INTERVENTO") planProject(r, index, state, plan, issue);
  const children = records.filter((r): r is ChildRecord => r.kind !== "INTERVENTO");
  planChildren(children, index, state, plan, issue, ownerIstat);
  return plan;
}
