// What the import reads and writes of each table, in ONE place. For each table: the columns an import row
// sets (exactly the keys of the parsed data, each checked to be a scalar field of the Prisma model) with
// their PostgreSQL types, which the batch statements of write.ts are built from; the key columns a row is
// matched by; and the stored rows the plan compares against (loadState), typed from the Prisma model.

import "server-only";
import { Prisma, type Tx } from "@/lib/db";
import type { ActionData, FundingLineData, IndicatorData } from "@/lib/validation/schemas";
import type { ProjectFields, StreamRef } from "./parse-rows";

/** A column's PostgreSQL type; an enum by its quoted type name. */
export type SqlType = "uuid" | "text" | "int" | "numeric" | "date" | `"${string}"`;

/** Column → type for every field of `Data`; a field that is not a scalar field of the model is refused. */
type Columns<Data, ModelField extends string> = { readonly [K in keyof Data & ModelField]: SqlType };

export type TableSpec<Data, Field extends string = Extract<keyof Data, string>> = {
  table: "Project" | "FundingLine" | "Action" | "Indicator";
  columns: Record<Field, SqlType>;
  /** The columns a row is matched by within its project (never updated): the others are compared and updated. */
  key: readonly Field[];
  /** Rows carry `deletedAt`: only live ones are updated. */
  softDelete?: boolean;
  /** A project's child: rows carry `projectId`. */
  child?: boolean;
};

export const PROJECT_TABLE = {
  table: "Project",
  columns: {
    streamId: "uuid",
    title: "text",
    summary: "text",
    cup: "text",
    localCode: "text",
    totalCost: "numeric",
    plannedStart: "date",
    plannedEnd: "date",
    actualStart: "date",
    actualEnd: "date",
    status: '"ProjectStatus"',
    health: '"Health"',
    progress: "int",
  } satisfies Columns<ProjectFields, Prisma.ProjectScalarFieldEnum>,
  // Matched by CUP or local code, both of which an import may change.
  key: [],
  softDelete: true,
} as const satisfies TableSpec<ProjectFields>;

export const FUNDING_TABLE = {
  table: "FundingLine",
  columns: {
    source: '"FundingSource"',
    programme: "text",
    year: "int",
    amountPlanned: "numeric",
    amountCommitted: "numeric",
    amountPaid: "numeric",
  } satisfies Columns<FundingLineData, Prisma.FundingLineScalarFieldEnum>,
  key: ["source", "programme", "year"],
  child: true,
} as const satisfies TableSpec<FundingLineData>;

export const ACTION_TABLE = {
  table: "Action",
  columns: {
    title: "text",
    kind: '"ActionKind"',
    owner: "text",
    dueDate: "date",
    doneDate: "date",
    status: '"ActionStatus"',
    cig: "text",
  } satisfies Columns<ActionData, Prisma.ActionScalarFieldEnum>,
  key: ["title", "dueDate"],
  child: true,
} as const satisfies TableSpec<ActionData>;

export const INDICATOR_TABLE = {
  table: "Indicator",
  columns: {
    name: "text",
    theme: '"IndicatorTheme"',
    unit: "text",
    baseline: "numeric",
    target: "numeric",
    actual: "numeric",
    period: "text",
  } satisfies Columns<IndicatorData, Prisma.IndicatorScalarFieldEnum>,
  key: ["name", "period"],
  child: true,
} as const satisfies TableSpec<IndicatorData>;

/** The fields an update of a matched record may change (the columns that are not its key). */
export function updatedFields<Data>(spec: TableSpec<Data>): Extract<keyof Data, string>[] {
  const key: readonly string[] = spec.key;
  return (Object.keys(spec.columns) as Extract<keyof Data, string>[]).filter((f) => !key.includes(f));
}

const selectOf = <F extends string>(fields: readonly F[]) =>
  Object.fromEntries(fields.map((f) => [f, true])) as Record<F, true>;

const columnsOf = <F extends string>(spec: { columns: Record<F, SqlType> }) =>
  Object.keys(spec.columns) as F[];

// What is read back of each stored record: its identity, its version (optimistic locking) and its columns.
const IDENTITY = { id: true, version: true } as const;
const CHILD_IDENTITY = { ...IDENTITY, projectId: true } as const;
const PROJECT_SELECT = { ...IDENTITY, ...selectOf(columnsOf(PROJECT_TABLE)) } satisfies Prisma.ProjectSelect;
const FUNDING_SELECT = {
  ...CHILD_IDENTITY,
  ...selectOf(columnsOf(FUNDING_TABLE)),
} satisfies Prisma.FundingLineSelect;
const ACTION_SELECT = {
  ...CHILD_IDENTITY,
  ...selectOf(columnsOf(ACTION_TABLE)),
} satisfies Prisma.ActionSelect;

const INDICATOR_SELECT = {
  ...CHILD_IDENTITY,
  ...selectOf(columnsOf(INDICATOR_TABLE)),
} satisfies Prisma.IndicatorSelect;

export type StoredProject = Prisma.ProjectGetPayload<{ select: typeof PROJECT_SELECT }>;
export type StoredFunding = Prisma.FundingLineGetPayload<{ select: typeof FUNDING_SELECT }>;
export type StoredAction = Prisma.ActionGetPayload<{ select: typeof ACTION_SELECT }>;
export type StoredIndicator = Prisma.IndicatorGetPayload<{ select: typeof INDICATOR_SELECT }>;
/** A partner comune of a stored project. */
export type StoredPartner = { projectId: string; partnerIstat: string };
/** A comune a PARTNER row may name: its code, its name, whether it is a member of the programme. */
export type ComuneRef = { istat: string; name: string; member: boolean };

export type StoredState = {
  streams: StreamRef[];
  projects: StoredProject[];
  funding: StoredFunding[];
  actions: StoredAction[];
  indicators: StoredIndicator[];
  partners: StoredPartner[];
  /** The comuni of the programme (members), for PARTNER rows. */
  comuni: ComuneRef[];
};

/**
 * The comune's live projects with their funding lines, actions, indicators and partners, every stream
 * (code → id) and the member comuni (PARTNER rows).
 */
export async function loadState(tx: Tx, comuneIstat: string): Promise<StoredState> {
  const live = { comuneIstat, project: { deletedAt: null } };
  const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [streams, projects, funding, actions, indicators, partners, comuni] = await Promise.all([
    tx.stream.findMany({ select: { id: true, code: true, archived: true, name: true } }),
    tx.project.findMany({ where: { comuneIstat, deletedAt: null }, select: PROJECT_SELECT }),
    tx.fundingLine.findMany({ where: live, select: FUNDING_SELECT, orderBy: oldestFirst }),
    tx.action.findMany({ where: live, select: ACTION_SELECT, orderBy: oldestFirst }),
    tx.indicator.findMany({ where: live, select: INDICATOR_SELECT, orderBy: oldestFirst }),
    tx.projectPartner.findMany({ where: live, select: { projectId: true, partnerIstat: true } }),
    tx.comune.findMany({ where: { member: true }, select: { istat: true, name: true, member: true } }),
  ]);
  return { streams, projects, funding, actions, indicators, partners, comuni };
}

/**
 * Which of `cups` a live project of ANOTHER comune already uses. Row-level security hides those projects:
 * the definer function `cups_taken_elsewhere` (migration 20261206104000) answers with the CUPs alone.
 */
export async function cupsTakenElsewhere(tx: Tx, cups: string[]): Promise<Set<string>> {
  if (cups.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ cup: string }[]>`
    SELECT cup FROM cups_taken_elsewhere(${cups}::text[]) AS cup`;
  return new Set(rows.map((r) => r.cup));
}
