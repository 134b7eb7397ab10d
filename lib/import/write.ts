// Writes a plan (plan.ts) inside the import's transaction: per table, the new records as batch INSERTs
// (chunks of rows as one JSON parameter for jsonb_to_recordset) and the changed ones as ONE UPDATE from
// unnest(…) that checks each record's version; then an audit event per written record. The statements are
// built from the table specs of stored.ts, so their column lists and types are the schema's, in one place.
// A record that changed since it was read (its version moved, or it was deleted) fails the whole file.

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit, type AuditEventInput } from "@/lib/audit/record-audit";
import { Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toIsoDate } from "@/lib/format";
import { IMPORT_MESSAGES } from "./messages";
import { pick, type Changes, type Op, type Plan } from "./plan";
import {
  ACTION_TABLE,
  FUNDING_TABLE,
  INDICATOR_TABLE,
  PROJECT_TABLE,
  updatedFields,
  type SqlType,
  type StoredState,
  type TableSpec,
} from "./stored";

const CHUNK = 2_000;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

/** Rows as one JSON parameter for jsonb_to_recordset: dates as "yyyy-mm-dd" (they are UTC midnight). */
const json = (rows: readonly object[]) =>
  JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/.test(value)
      ? value.slice(0, 10)
      : value,
  );

const ident = (name: string) => Prisma.raw(`"${name}"`);
const list = (parts: Prisma.Sql[]) => Prisma.join(parts, ", ");
/** unnest() takes enum values as text (a text[] parameter does not cast to an enum array); SET casts them. */
const arrayType = (type: SqlType) => Prisma.raw(`${type.startsWith('"') ? "text" : type}[]`);

type Event = AuditEventInput;

const event = (
  entity: Event["entity"],
  entityId: string,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Event => ({ entity, entityId, action, comuneIstat: null, before, after });

/** A new record as written: its id, its comune, its project (children) and its columns. */
type NewRow = { id?: string; comuneIstat: string; projectId?: string };

async function insertRows<D>(tx: Tx, spec: TableSpec<D>, comuneIstat: string, rows: NewRow[]) {
  const child = spec.child ?? false;
  const fields = Object.keys(spec.columns) as (keyof typeof spec.columns & string)[];
  const columns = [ident("id"), ...(child ? [ident("projectId")] : []), ident("comuneIstat")];
  const values = [
    Prisma.sql`v.id`,
    ...(child ? [Prisma.sql`v."projectId"`] : []),
    Prisma.sql`${comuneIstat}`,
  ];
  const types = [Prisma.sql`id uuid`, ...(child ? [Prisma.sql`"projectId" uuid`] : [])];
  for (const f of fields) {
    columns.push(ident(f));
    values.push(Prisma.sql`v.${ident(f)}`);
    types.push(Prisma.sql`${ident(f)} ${Prisma.raw(spec.columns[f])}`);
  }
  await inChunks(
    rows,
    (chunk) => tx.$executeRaw`
      INSERT INTO ${ident(spec.table)} (${list(columns)})
      SELECT ${list(values)} FROM jsonb_to_recordset(${json(chunk)}::jsonb) AS v(${list(types)})`,
  );
}

/** ONE UPDATE of `fields` for every op; false when a record changed since it was read (version, deletion). */
async function updateRows<D>(
  tx: Tx,
  spec: TableSpec<D>,
  comuneIstat: string,
  ops: Op<{ version: number }, D>[],
  fields: readonly (keyof D & string)[],
): Promise<boolean> {
  if (ops.length === 0) return true;
  const type = (f: keyof D & string) => spec.columns[f] as SqlType;
  const sqlValue = (v: unknown) => (v instanceof Date ? toIsoDate(v) : v);
  const set = fields.map((f) => Prisma.sql`${ident(f)} = v.${ident(f)}::${Prisma.raw(type(f))}`);
  const arrays = fields.map(
    (f) => Prisma.sql`${ops.map((op) => sqlValue(op.data[f]))}::${arrayType(type(f))}`,
  );
  const live = spec.softDelete ? Prisma.sql`AND t."deletedAt" IS NULL` : Prisma.empty;
  const count = await tx.$executeRaw`
    UPDATE ${ident(spec.table)} AS t SET ${list(set)}, version = t.version + 1, "updatedAt" = now()
    FROM unnest(${ops.map((op) => op.id)}::uuid[], ${ops.map((op) => op.current!.version)}::int[], ${list(arrays)})
      AS v(id, version, ${list(fields.map(ident))})
    WHERE t.id = v.id AND t.version = v.version AND t."comuneIstat" = ${comuneIstat} ${live}`;
  return count === ops.length;
}

type Writer = { tx: Tx; comuneIstat: string; events: Event[]; lap: (what: string) => void };

/**
 * A table's creates (`toRow`: the new record, typed as its model's create input) and updates, with their
 * audit events (a child's update event names its project on both sides).
 */
async function writeTable<
  D extends object,
  O extends Op<{ version: number }, D> & { projectId?: string },
  Row extends NewRow,
>(
  w: Writer,
  spec: TableSpec<D>,
  changes: Changes<O>,
  toRow: (op: O) => Row,
  created: (row: Row) => Record<string, unknown> = (row) => row,
) {
  const fields = updatedFields(spec);
  const rows = changes.create.map(toRow);
  await insertRows(w.tx, spec, w.comuneIstat, rows);
  w.lap(`${spec.table} created`);
  changes.create.forEach((op, i) =>
    w.events.push(event(spec.table, op.id, "CREATE", null, created(rows[i]!))),
  );

  if (!(await updateRows(w.tx, spec, w.comuneIstat, changes.update, fields)))
    throw new AppError("CONFLICT", IMPORT_MESSAGES.changed);
  for (const op of changes.update) {
    const { before, after } = diff(pick(op.current!, fields), pick(op.data, fields));
    const project = op.projectId ? { projectId: op.projectId } : {};
    w.events.push(event(spec.table, op.id, "UPDATE", { ...before, ...project }, { ...after, ...project }));
  }
}

/**
 * The partner comuni to add: inserted, and each project that gains partners gets a new version (so a form
 * opened before the import cannot silently drop them) and a Project UPDATE event with its partners before
 * and after, as the project form records them. `state` gives the stored partners and versions.
 */
async function writePartners(w: Writer, plan: Plan, state: Pick<StoredState, "partners" | "projects">) {
  const added = new Map<string, string[]>();
  for (const op of plan.partners.create)
    added.set(op.projectId, [...(added.get(op.projectId) ?? []), op.data.partnerIstat]);
  if (added.size === 0) return;
  const rows = plan.partners.create.map((op) => ({
    projectId: op.projectId,
    partnerIstat: op.data.partnerIstat,
  }));
  await inChunks(
    rows,
    (chunk) => w.tx.$executeRaw`
      INSERT INTO "ProjectPartner" ("projectId", "comuneIstat", "partnerIstat")
      SELECT v."projectId", ${w.comuneIstat}, v."partnerIstat"
      FROM jsonb_to_recordset(${json(chunk)}::jsonb) AS v("projectId" uuid, "partnerIstat" text)`,
  );
  // Stored projects that this import does not otherwise update: their version moves now, checked.
  const updated = new Set(plan.projects.update.map((op) => op.id));
  const versions = new Map(state.projects.map((p) => [p.id, p.version]));
  const bump = [...added.keys()].filter((id) => versions.has(id) && !updated.has(id));
  if (bump.length) {
    const count = await w.tx.$executeRaw`
      UPDATE "Project" AS t SET version = t.version + 1, "updatedAt" = now()
      FROM unnest(${bump}::uuid[], ${bump.map((id) => versions.get(id)!)}::int[]) AS v(id, version)
      WHERE t.id = v.id AND t.version = v.version AND t."comuneIstat" = ${w.comuneIstat} AND t."deletedAt" IS NULL`;
    if (count !== bump.length) throw new AppError("CONFLICT", IMPORT_MESSAGES.changed);
  }
  const before = new Map<string, string[]>();
  for (const p of state.partners)
    before.set(p.projectId, [...(before.get(p.projectId) ?? []), p.partnerIstat]);
  for (const [projectId, istats] of added) {
    const old = [...(before.get(projectId) ?? [])].sort();
    const now = [...old, ...istats].sort();
    w.events.push(event("Project", projectId, "UPDATE", { partnerIstat: old }, { partnerIstat: now }));
  }
  w.lap("ProjectPartner created");
}

/** Writes every change of `plan` (projects first: the children's foreign keys need them), then the audit. */
export async function writePlan(
  tx: Tx,
  actor: Actor,
  comuneIstat: string,
  plan: Plan,
  state: Pick<StoredState, "partners" | "projects"> = { partners: [], projects: [] },
): Promise<void> {
  const t0 = Date.now();
  const lap = (what: string) =>
    process.env.IMPORT_PROFILE && console.log(`  [import] ${what} ${Date.now() - t0} ms`);
  const w: Writer = { tx, comuneIstat, events: [], lap };
  const child = <D>(op: { id: string; projectId: string; data: D }) => ({
    id: op.id,
    projectId: op.projectId,
    comuneIstat,
    ...op.data,
  });
  await writeTable(
    w,
    PROJECT_TABLE,
    plan.projects,
    (op): Prisma.ProjectCreateManyInput => ({ id: op.id, comuneIstat, ...op.data }),
    (project) => ({ ...project, partnerIstat: [] }),
  );
  await writeTable(w, FUNDING_TABLE, plan.funding, (op): Prisma.FundingLineCreateManyInput => child(op));
  await writeTable(w, ACTION_TABLE, plan.actions, (op): Prisma.ActionCreateManyInput => child(op));
  await writeTable(w, INDICATOR_TABLE, plan.indicators, (op): Prisma.IndicatorCreateManyInput => child(op));
  await writePartners(w, plan, state);
  await recordAudit(
    tx,
    actor,
    w.events.map((e) => ({ ...e, comuneIstat })),
  );
  lap("audit written");
}
