// Spreadsheet import of a comune's projects with their funding lines and actions (flat layout, layout.ts).
//
// previewImport: reads and validates the file against the database and says what a commit would do —
// nothing is written. commitImport: does the same inside ONE transaction and, only if no row has an error,
// writes every change (batch inserts / one UPDATE per table), with an audit event per changed record;
// any failure rolls the whole file back.
//
// Matching, always within the officer's own comune and among live projects:
// - a project (INTERVENTO) by CUP, else by local code ("Codice locale");
// - a funding line (RISORSA) of that project by (fonte, programma, anno): the amounts are updated;
// - an action (AZIONE) of that project by (titolo azione, scadenza): the other columns are updated.
// Records absent from the file are left as they are (an import never deletes). A CUP used by another
// comune's live project is an error (a CUP names one project nationally).

import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { diff, recordAudit, toAuditJson, type AuditEventInput } from "@/lib/audit/record-audit";
import { Prisma, withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { toIsoDate } from "@/lib/format";
import { scheduleRollupRefresh } from "@/lib/rollup/refresh";
import { fundingWarnings, type ActionData, type FundingLineData } from "@/lib/validation/schemas";
import { parseRows, type FileRecord, type ProjectFields, type RowIssue, type StreamRef } from "./parse-rows";
import { readSheet, type ReadSheet } from "./read-file";

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

export type ImportFile = { name: string; bytes: Uint8Array };

const MAX_LISTED = 1000;
const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };

export const IMPORT_MESSAGES = {
  rejected: (rows: number) =>
    `Il file contiene errori in ${rows === 1 ? "1 riga" : `${rows} righe`}: nessuna modifica è stata salvata. Correggi il file e caricalo di nuovo.`,
  changed:
    "I dati del comune sono cambiati dopo l'anteprima: nessuna modifica è stata salvata. Ricarica l'anteprima e conferma di nuovo.",
  duplicateProject: (row: number) => `Intervento duplicato: compare già alla riga ${row}.`,
  duplicateFunding: (row: number) =>
    `Risorsa duplicata: la stessa fonte, lo stesso programma e lo stesso anno compaiono già alla riga ${row}.`,
  duplicateAction: (row: number) =>
    `Azione duplicata: lo stesso titolo con la stessa scadenza compare già alla riga ${row}.`,
  localCodeOther: (title: string) =>
    `Il codice locale è già usato da un altro intervento del comune («${title.slice(0, 80)}»).`,
  localCodeAmbiguous: "Il codice locale corrisponde a più interventi del comune: indica anche il CUP.",
  cupOwn: (title: string) =>
    `Il CUP è già usato da un altro intervento del comune («${title.slice(0, 80)}»).`,
  cupElsewhere:
    "Il CUP è già usato da un intervento di un altro comune: un CUP identifica un solo intervento.",
  noProject: (key: string) => `Nessun intervento con ${key} nel file o tra gli interventi del comune.`,
  archivedStream: "Il filone è archiviato: scegli un filone attivo.",
} as const;

/** The commit was refused because of row errors; carries the report (the API returns it). */
export class ImportRejected extends AppError {
  constructor(readonly report: ImportReport) {
    super("INVALID", IMPORT_MESSAGES.rejected(report.errorRows));
    this.name = "ImportRejected";
  }
}

// ---------------------------------------------------------------------------------------------------------
// Current state

type DbProject = {
  id: string;
  version: number;
  streamId: string;
  title: string;
  summary: string;
  cup: string | null;
  localCode: string | null;
  totalCost: Prisma.Decimal;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  status: string;
  health: string;
  progress: number;
};
type DbFunding = {
  id: string;
  projectId: string;
  version: number;
  source: string;
  programme: string;
  year: number;
  amountPlanned: Prisma.Decimal;
  amountCommitted: Prisma.Decimal;
  amountPaid: Prisma.Decimal;
};
type DbAction = {
  id: string;
  projectId: string;
  version: number;
  title: string;
  kind: string;
  owner: string;
  dueDate: Date | null;
  doneDate: Date | null;
  status: string;
  cig: string | null;
};

async function loadState(tx: Tx, comuneIstat: string) {
  const [streams, projects, funding, actions] = await Promise.all([
    tx.stream.findMany({ select: { id: true, code: true, archived: true } }),
    tx.project.findMany({
      where: { comuneIstat, deletedAt: null },
      select: {
        id: true,
        version: true,
        streamId: true,
        title: true,
        summary: true,
        cup: true,
        localCode: true,
        totalCost: true,
        plannedStart: true,
        plannedEnd: true,
        actualStart: true,
        actualEnd: true,
        status: true,
        health: true,
        progress: true,
      },
    }),
    tx.fundingLine.findMany({
      where: { comuneIstat, project: { deletedAt: null } },
      select: {
        id: true,
        projectId: true,
        version: true,
        source: true,
        programme: true,
        year: true,
        amountPlanned: true,
        amountCommitted: true,
        amountPaid: true,
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    tx.action.findMany({
      where: { comuneIstat, project: { deletedAt: null } },
      select: {
        id: true,
        projectId: true,
        version: true,
        title: true,
        kind: true,
        owner: true,
        dueDate: true,
        doneDate: true,
        status: true,
        cig: true,
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    streams: streams as StreamRef[],
    projects: projects as DbProject[],
    funding: funding as DbFunding[],
    actions: actions as DbAction[],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plan

const PROJECT_FIELDS = [
  "streamId",
  "title",
  "summary",
  "cup",
  "localCode",
  "totalCost",
  "plannedStart",
  "plannedEnd",
  "actualStart",
  "actualEnd",
  "status",
  "health",
  "progress",
] as const;
const FUNDING_FIELDS = ["amountPlanned", "amountCommitted", "amountPaid"] as const;
const ACTION_FIELDS = ["kind", "owner", "doneDate", "status", "cig"] as const;

/** A stored or parsed value in one comparable form: money "1234.50", dates "2026-11-25". */
function comparable(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return toIsoDate(value);
  if (typeof value === "object" && typeof (value as Prisma.Decimal).toFixed === "function") {
    return (value as Prisma.Decimal).toFixed(2);
  }
  return value as string | number;
}

function sameFields(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
  fields: readonly string[],
) {
  return fields.every((f) => comparable(current[f]) === comparable(next[f]));
}

type Op<Cur, Data> = { row: number; id: string; current: Cur | null; data: Data; projectId?: string };

type Plan = {
  projects: {
    create: Op<DbProject, ProjectFields>[];
    update: Op<DbProject, ProjectFields>[];
    unchanged: number;
  };
  funding: {
    create: Op<DbFunding, FundingLineData>[];
    update: Op<DbFunding, FundingLineData>[];
    unchanged: number;
  };
  actions: { create: Op<DbAction, ActionData>[]; update: Op<DbAction, ActionData>[]; unchanged: number };
  issues: RowIssue[];
  warnings: RowIssue[];
  /** CUPs that a create or an update would newly set, with their row: checked against other comuni. */
  newCups: Map<string, number>;
};

function planImport(records: FileRecord[], state: Awaited<ReturnType<typeof loadState>>): Plan {
  const issues: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const issue = (row: number, column: string, message: string) => issues.push({ row, column, message });
  const streams = new Map(state.streams.map((s) => [s.id, s]));

  const byCup = new Map<string, DbProject>();
  const byLocal = new Map<string, DbProject[]>();
  for (const p of state.projects) {
    if (p.cup) byCup.set(p.cup, p);
    if (p.localCode) byLocal.set(p.localCode, [...(byLocal.get(p.localCode) ?? []), p]);
  }

  // Projects of the file: each resolves to a stored project (update) or a new id (create).
  type Target = { id: string; current: DbProject | null; row: number };
  const fileByCup = new Map<string, Target>();
  const fileByLocal = new Map<string, Target>();
  const targetRow = new Map<string, number>();
  const plan: Plan = {
    projects: { create: [], update: [], unchanged: 0 },
    funding: { create: [], update: [], unchanged: 0 },
    actions: { create: [], update: [], unchanged: 0 },
    issues,
    warnings,
    newCups: new Map(),
  };

  for (const r of records) {
    if (r.kind !== "INTERVENTO") continue;
    const dup = (r.cup && fileByCup.get(r.cup)) || (r.localCode && fileByLocal.get(r.localCode)) || null;
    if (dup) {
      issue(
        r.row,
        r.cup && fileByCup.has(r.cup) ? "CUP" : "Codice locale",
        IMPORT_MESSAGES.duplicateProject(dup.row),
      );
      continue;
    }
    const byCupMatch = r.cup ? byCup.get(r.cup) : undefined;
    const localMatches = r.localCode ? (byLocal.get(r.localCode) ?? []) : [];
    let current: DbProject | null = byCupMatch ?? null;
    if (localMatches.length > 1 && !localMatches.some((p) => p.id === byCupMatch?.id)) {
      issue(r.row, "Codice locale", IMPORT_MESSAGES.localCodeAmbiguous);
    } else if (byCupMatch && localMatches.length === 1 && localMatches[0]!.id !== byCupMatch.id) {
      issue(r.row, "Codice locale", IMPORT_MESSAGES.localCodeOther(localMatches[0]!.title));
    } else if (!current && localMatches.length === 1) {
      current = localMatches[0]!;
    }
    if (current && targetRow.has(current.id)) {
      issue(
        r.row,
        r.cup ? "CUP" : "Codice locale",
        IMPORT_MESSAGES.duplicateProject(targetRow.get(current.id)!),
      );
      continue;
    }
    const target: Target = { id: current?.id ?? randomUUID(), current, row: r.row };
    if (current) targetRow.set(current.id, r.row);
    if (r.cup) fileByCup.set(r.cup, target);
    if (r.localCode) fileByLocal.set(r.localCode, target);
    if (!r.data) continue;

    // A CUP the project does not have yet: free in the comune (else checked against other comuni later).
    if (r.data.cup && r.data.cup !== current?.cup) {
      const owner = byCup.get(r.data.cup);
      if (owner && owner.id !== current?.id) issue(r.row, "CUP", IMPORT_MESSAGES.cupOwn(owner.title));
      else plan.newCups.set(r.data.cup, r.row);
    }
    const stream = streams.get(r.data.streamId);
    if (stream?.archived && stream.id !== current?.streamId)
      issue(r.row, "Codice filone", IMPORT_MESSAGES.archivedStream);

    const op = { row: r.row, id: target.id, current, data: r.data };
    if (!current) plan.projects.create.push(op);
    else if (sameFields(current, r.data, PROJECT_FIELDS)) plan.projects.unchanged += 1;
    else plan.projects.update.push(op);
  }

  /** The project a RISORSA / AZIONE row belongs to: the file's, else the comune's. */
  const projectOf = (r: FileRecord): string | null => {
    if (r.cup) return fileByCup.get(r.cup)?.id ?? byCup.get(r.cup)?.id ?? null;
    if (r.localCode) {
      const inFile = fileByLocal.get(r.localCode);
      if (inFile) return inFile.id;
      const stored = byLocal.get(r.localCode) ?? [];
      return stored.length === 1 ? stored[0]!.id : null;
    }
    return null;
  };

  const fundingKey = (projectId: string, d: { source: string; programme: string; year: number }) =>
    `${projectId}|${d.source}|${d.programme}|${d.year}`;
  const actionKey = (projectId: string, d: { title: string; dueDate: Date | null }) =>
    `${projectId}|${d.title}|${d.dueDate ? toIsoDate(d.dueDate) : ""}`;
  const storedFunding = new Map<string, DbFunding>();
  for (const f of state.funding) {
    const key = fundingKey(f.projectId, f);
    if (!storedFunding.has(key)) storedFunding.set(key, f);
  }
  const storedActions = new Map<string, DbAction>();
  for (const a of state.actions) {
    const key = actionKey(a.projectId, a);
    if (!storedActions.has(key)) storedActions.set(key, a);
  }
  const seenFunding = new Map<string, number>();
  const seenActions = new Map<string, number>();

  for (const r of records) {
    if (r.kind === "INTERVENTO") continue;
    const projectId = projectOf(r);
    if (!projectId) {
      if (r.cup || r.localCode) {
        const key = r.cup ? `CUP ${r.cup}` : `codice locale «${r.localCode}»`;
        issue(r.row, r.cup ? "CUP" : "Codice locale", IMPORT_MESSAGES.noProject(key.slice(0, 60)));
      }
      continue;
    }
    if (!r.data) continue;
    if (r.kind === "RISORSA") {
      const data = r.data;
      const key = fundingKey(projectId, data);
      if (seenFunding.has(key)) {
        issue(r.row, "Fonte", IMPORT_MESSAGES.duplicateFunding(seenFunding.get(key)!));
        continue;
      }
      seenFunding.set(key, r.row);
      for (const w of fundingWarnings(data)) warnings.push({ row: r.row, column: "Importi", message: w });
      const current = storedFunding.get(key) ?? null;
      const op = { row: r.row, id: current?.id ?? randomUUID(), current, data, projectId };
      if (!current) plan.funding.create.push(op);
      else if (sameFields(current, data, FUNDING_FIELDS)) plan.funding.unchanged += 1;
      else plan.funding.update.push(op);
    } else {
      const data = r.data;
      const key = actionKey(projectId, data);
      if (seenActions.has(key)) {
        issue(r.row, "Titolo azione", IMPORT_MESSAGES.duplicateAction(seenActions.get(key)!));
        continue;
      }
      seenActions.set(key, r.row);
      const current = storedActions.get(key) ?? null;
      const op = { row: r.row, id: current?.id ?? randomUUID(), current, data, projectId };
      if (!current) plan.actions.create.push(op);
      else if (sameFields(current, data, ACTION_FIELDS)) plan.actions.unchanged += 1;
      else plan.actions.update.push(op);
    }
  }
  return plan;
}

/**
 * Which of `cups` a live project of ANOTHER comune already uses. Row-level security hides those projects,
 * so we ask the unique index: a trial insert inside a savepoint that is always rolled back.
 */
async function cupsTakenElsewhere(tx: Tx, comuneIstat: string, streamId: string, cups: string[]) {
  if (cups.length === 0) return new Set<string>();
  await tx.$executeRaw`SAVEPOINT import_cup_probe`;
  try {
    const inserted = await tx.$queryRaw<{ cup: string }[]>`
      INSERT INTO "Project" (id, "comuneIstat", "streamId", title, cup)
      SELECT gen_random_uuid(), ${comuneIstat}, ${streamId}::uuid, 'cup probe', c FROM unnest(${cups}::text[]) AS c
      ON CONFLICT (cup) WHERE cup IS NOT NULL AND "deletedAt" IS NULL DO NOTHING
      RETURNING cup::text`;
    const free = new Set(inserted.map((r) => r.cup));
    return new Set(cups.filter((c) => !free.has(c)));
  } finally {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT import_cup_probe`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Run

function countsOf<A, B>(p: { create: A[]; update: B[]; unchanged: number }): ImportCounts {
  return { create: p.create.length, update: p.update.length, unchanged: p.unchanged };
}

function tokenOf(plan: Plan): string {
  const hash = createHash("sha256");
  for (const group of [plan.projects, plan.funding, plan.actions]) {
    for (const op of [...group.create, ...group.update]) {
      const cur = op.current as { id: string; version: number } | null;
      hash.update(JSON.stringify([cur?.id ?? null, cur?.version ?? 0, op.row, toAuditJson(op.data)]));
    }
    hash.update(`|${group.unchanged}|`);
  }
  return hash.digest("hex").slice(0, 32);
}

async function analyse(tx: Tx, comuneIstat: string, file: ImportFile, sheet: ReadSheet) {
  const state = await loadState(tx, comuneIstat);
  const { records, issues, dataRows } = parseRows(sheet.rows, state.streams);
  const plan = planImport(records, state);
  const probeStream = state.streams[0]?.id;
  if (probeStream && plan.newCups.size) {
    const taken = await cupsTakenElsewhere(tx, comuneIstat, probeStream, [...plan.newCups.keys()]);
    for (const cup of taken)
      plan.issues.push({ row: plan.newCups.get(cup)!, column: "CUP", message: IMPORT_MESSAGES.cupElsewhere });
  }
  const all = [...issues, ...plan.issues].sort((a, b) => a.row - b.row);
  const errorRows = new Set(all.map((i) => i.row)).size;
  const report: ImportReport = {
    fileName: file.name,
    format: sheet.format,
    encoding: sheet.encoding,
    separator: sheet.separator,
    rows: dataRows,
    projects: countsOf(plan.projects),
    fundingLines: countsOf(plan.funding),
    actions: countsOf(plan.actions),
    errorRows,
    errorCount: all.length,
    errors: all.slice(0, MAX_LISTED),
    warnings: plan.warnings.slice(0, MAX_LISTED),
    ok: all.length === 0,
    token: all.length === 0 ? tokenOf(plan) : null,
    committed: false,
  };
  return { plan, report };
}

/** Only an officer of the comune imports into it; anyone else gets "not found". */
export function requireImporter(actor: Actor, istat: string): string {
  if (actor.role !== "OFFICER" || !actor.comuneIstat || !can(actor, "projects.write", istat))
    throw notFound();
  return actor.comuneIstat;
}

/** What importing `file` would do (nothing is written). File-level problems throw AppError("INVALID"). */
export async function previewImport(actor: Actor, istat: string, file: ImportFile): Promise<ImportReport> {
  const comuneIstat = requireImporter(actor, istat);
  const sheet = await readSheet(file.bytes);
  return withActor(actor, async (tx) => (await analyse(tx, comuneIstat, file, sheet)).report, TX_OPTIONS);
}

/**
 * Imports `file` all or nothing. Row errors → ImportRejected (nothing written); a `token` from the preview
 * that no longer matches → CONFLICT. Returns the report with `committed: true`.
 */
export async function commitImport(
  actor: Actor,
  istat: string,
  file: ImportFile,
  opts: { token?: string | null } = {},
): Promise<ImportReport> {
  const comuneIstat = requireImporter(actor, istat);
  const sheet = await readSheet(file.bytes);
  const report = await withActor(
    actor,
    async (tx) => {
      const t0 = Date.now();
      const { plan, report } = await analyse(tx, comuneIstat, file, sheet);
      if (process.env.IMPORT_PROFILE) console.log(`  [import] analysed ${Date.now() - t0} ms`);
      if (!report.ok) throw new ImportRejected(report);
      if (opts.token && opts.token !== report.token) throw new AppError("CONFLICT", IMPORT_MESSAGES.changed);
      await writePlan(tx, actor, comuneIstat, plan);
      return { ...report, committed: true };
    },
    TX_OPTIONS,
  );
  const p = report.projects,
    f = report.fundingLines,
    a = report.actions;
  if (p.create + p.update + f.create + f.update + a.create + a.update > 0) scheduleRollupRefresh();
  return report;
}

// ---------------------------------------------------------------------------------------------------------
// Writes

const CHUNK = 2_000;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

const isoOrNull = (d: Date | null) => (d ? toIsoDate(d) : null);

/** Rows as one JSON parameter for jsonb_to_recordset: dates as "yyyy-mm-dd" (they are UTC midnight). */
const json = (rows: readonly object[]) =>
  JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(value)
      ? value.slice(0, 10)
      : value,
  );

async function writePlan(tx: Tx, actor: Actor, comuneIstat: string, plan: Plan) {
  const t0 = Date.now();
  const lap = (what: string) =>
    process.env.IMPORT_PROFILE && console.log(`  [import] ${what} ${Date.now() - t0} ms`);
  const events: AuditEventInput[] = [];
  const event = (
    entity: AuditEventInput["entity"],
    entityId: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): AuditEventInput => ({ entity, entityId, action, comuneIstat, before, after });
  const conflict = () => new AppError("CONFLICT", IMPORT_MESSAGES.changed);

  // Projects
  const newProjects = plan.projects.create.map((op) => ({ id: op.id, comuneIstat, ...op.data }));
  await inChunks(
    newProjects,
    (rows) => tx.$executeRaw`
      INSERT INTO "Project" (id, "comuneIstat", "streamId", title, summary, cup, "localCode", "totalCost",
        "plannedStart", "plannedEnd", "actualStart", "actualEnd", status, health, progress)
      SELECT v.id, ${comuneIstat}, v."streamId", v.title, v.summary, v.cup, v."localCode", v."totalCost",
        v."plannedStart", v."plannedEnd", v."actualStart", v."actualEnd", v.status, v.health, v.progress
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, "streamId" uuid, title text, summary text,
        cup text, "localCode" text, "totalCost" numeric, "plannedStart" date, "plannedEnd" date,
        "actualStart" date, "actualEnd" date, status "ProjectStatus", health "Health", progress int)`,
  );
  lap("projects created");
  for (const p of newProjects)
    events.push(event("Project", p.id, "CREATE", null, { ...p, partnerIstat: [] }));

  const up = plan.projects.update;
  if (up.length) {
    const col = <K extends keyof ProjectFields>(k: K) => up.map((op) => op.data[k]);
    const dates = (k: "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd") =>
      up.map((op) => isoOrNull(op.data[k]));
    const count = await tx.$executeRaw`
      UPDATE "Project" AS p SET "streamId" = v.stream_id, title = v.title, summary = v.summary, cup = v.cup,
        "localCode" = v.local_code, "totalCost" = v.total_cost, "plannedStart" = v.planned_start,
        "plannedEnd" = v.planned_end, "actualStart" = v.actual_start, "actualEnd" = v.actual_end,
        status = v.status::"ProjectStatus", health = v.health::"Health", progress = v.progress,
        version = p.version + 1, "updatedAt" = now()
      FROM unnest(${up.map((op) => op.id)}::uuid[], ${up.map((op) => op.current!.version)}::int[],
        ${col("streamId")}::uuid[], ${col("title")}::text[], ${col("summary")}::text[], ${col("cup")}::text[],
        ${col("localCode")}::text[], ${col("totalCost")}::numeric[], ${dates("plannedStart")}::date[],
        ${dates("plannedEnd")}::date[], ${dates("actualStart")}::date[], ${dates("actualEnd")}::date[],
        ${col("status")}::text[], ${col("health")}::text[], ${col("progress")}::int[])
        AS v(id, version, stream_id, title, summary, cup, local_code, total_cost, planned_start, planned_end,
             actual_start, actual_end, status, health, progress)
      WHERE p.id = v.id AND p.version = v.version AND p."comuneIstat" = ${comuneIstat} AND p."deletedAt" IS NULL`;
    if (count !== up.length) throw conflict();
    for (const op of up) {
      const changes = diff(pick(op.current!, PROJECT_FIELDS), pick(op.data, PROJECT_FIELDS));
      events.push(event("Project", op.id, "UPDATE", changes.before, changes.after));
    }
  }

  // Funding lines
  const newFunding = plan.funding.create.map((op) => ({
    id: op.id,
    projectId: op.projectId!,
    comuneIstat,
    ...op.data,
  }));
  await inChunks(
    newFunding,
    (rows) => tx.$executeRaw`
      INSERT INTO "FundingLine" (id, "projectId", "comuneIstat", source, programme, year, "amountPlanned",
        "amountCommitted", "amountPaid")
      SELECT v.id, v."projectId", ${comuneIstat}, v.source, v.programme, v.year, v."amountPlanned",
        v."amountCommitted", v."amountPaid"
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, "projectId" uuid, source "FundingSource",
        programme text, year int, "amountPlanned" numeric, "amountCommitted" numeric, "amountPaid" numeric)`,
  );
  lap("funding created");
  for (const f of newFunding) events.push(event("FundingLine", f.id, "CREATE", null, f));
  const fu = plan.funding.update;
  if (fu.length) {
    const count = await tx.$executeRaw`
      UPDATE "FundingLine" AS f SET "amountPlanned" = v.planned, "amountCommitted" = v.committed,
        "amountPaid" = v.paid, version = f.version + 1, "updatedAt" = now()
      FROM unnest(${fu.map((op) => op.id)}::uuid[], ${fu.map((op) => op.current!.version)}::int[],
        ${fu.map((op) => op.data.amountPlanned)}::numeric[], ${fu.map((op) => op.data.amountCommitted)}::numeric[],
        ${fu.map((op) => op.data.amountPaid)}::numeric[]) AS v(id, version, planned, committed, paid)
      WHERE f.id = v.id AND f.version = v.version AND f."comuneIstat" = ${comuneIstat}`;
    if (count !== fu.length) throw conflict();
    for (const op of fu) {
      const changes = diff(pick(op.current!, FUNDING_FIELDS), pick(op.data, FUNDING_FIELDS));
      const projectId = op.projectId!;
      events.push(
        event(
          "FundingLine",
          op.id,
          "UPDATE",
          { ...changes.before, projectId },
          { ...changes.after, projectId },
        ),
      );
    }
  }

  // Actions
  const newActions = plan.actions.create.map((op) => ({
    id: op.id,
    projectId: op.projectId!,
    comuneIstat,
    ...op.data,
  }));
  await inChunks(
    newActions,
    (rows) => tx.$executeRaw`
      INSERT INTO "Action" (id, "projectId", "comuneIstat", title, kind, owner, "dueDate", "doneDate", status, cig)
      SELECT v.id, v."projectId", ${comuneIstat}, v.title, v.kind, v.owner, v."dueDate", v."doneDate", v.status, v.cig
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, "projectId" uuid, title text, kind "ActionKind",
        owner text, "dueDate" date, "doneDate" date, status "ActionStatus", cig text)`,
  );
  lap("actions created");
  for (const a of newActions) events.push(event("Action", a.id, "CREATE", null, a));
  const au = plan.actions.update;
  if (au.length) {
    const count = await tx.$executeRaw`
      UPDATE "Action" AS a SET kind = v.kind::"ActionKind", owner = v.owner, "doneDate" = v.done_date,
        status = v.status::"ActionStatus", cig = v.cig, version = a.version + 1, "updatedAt" = now()
      FROM unnest(${au.map((op) => op.id)}::uuid[], ${au.map((op) => op.current!.version)}::int[],
        ${au.map((op) => op.data.kind)}::text[], ${au.map((op) => op.data.owner)}::text[],
        ${au.map((op) => isoOrNull(op.data.doneDate))}::date[], ${au.map((op) => op.data.status)}::text[],
        ${au.map((op) => op.data.cig)}::text[]) AS v(id, version, kind, owner, done_date, status, cig)
      WHERE a.id = v.id AND a.version = v.version AND a."comuneIstat" = ${comuneIstat}`;
    if (count !== au.length) throw conflict();
    for (const op of au) {
      const changes = diff(pick(op.current!, ACTION_FIELDS), pick(op.data, ACTION_FIELDS));
      const projectId = op.projectId!;
      events.push(
        event("Action", op.id, "UPDATE", { ...changes.before, projectId }, { ...changes.after, projectId }),
      );
    }
  }

  await recordAudit(tx, actor, events);
  lap("audit written");
}

function pick<T extends object>(obj: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = comparable((obj as Record<string, unknown>)[f]);
  return out;
}
