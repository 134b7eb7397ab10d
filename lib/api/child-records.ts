// Create / update / delete of the records that live under a project, for every kind of lib/api/child-kinds.ts,
// and the lookups the API routes and the portal's server actions use to turn a URL or form segment into a kind.
import "server-only";
import type * as z from "zod";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { isUuid } from "@/lib/ids.mjs";
import type { ProjectDetail } from "@/lib/projects/get-project";
import { serializeProject } from "@/lib/projects/serialize";
import { CONCURRENT_EDIT_ITEM, getWritableProject } from "@/lib/projects/writable";
import { CHILD_KIND_LIST, CHILD_KINDS, findChildKind, type ChildKind } from "./child-kinds";

type Row = { id: string; projectId: string; comuneIstat: string; version: number } & Record<string, unknown>;
type Where = { id?: string; projectId: string; comuneIstat: string; version?: number };

/** The part of a Prisma delegate that every project child (funding line, action, indicator) shares. */
type ChildDelegate = {
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  findFirst(args: { where: Where }): Promise<Row | null>;
  updateMany(args: { where: Where; data: Record<string, unknown> }): Promise<{ count: number }>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
};

export type ChildRecords = {
  create(actor: Actor, projectId: string, input: unknown): Promise<Row>;
  update(actor: Actor, projectId: string, id: string, input: unknown): Promise<Row>;
  remove(actor: Actor, projectId: string, id: string): Promise<void>;
};

/**
 * Every operation goes through the project's write guard, scopes the child by project and comune, checks
 * `version`, writes an audit event in the same transaction (the roll-up follows in it: its triggers).
 */
function childRecords(kind: ChildKind): ChildRecords {
  const table = (tx: Tx) => kind.delegate(tx) as unknown as ChildDelegate;
  const parse = (schema: z.ZodType, input: unknown) => parseOrThrow(schema, input) as Record<string, unknown>;

  async function create(actor: Actor, projectId: string, input: unknown): Promise<Row> {
    return withActor(actor, async (tx) => {
      // Scope first: outside it the answer is "not found" whatever the input.
      const project = await getWritableProject(tx, actor, projectId);
      const data = parse(kind.createSchema, input);
      const row = await table(tx).create({ data: { ...data, projectId, comuneIstat: project.comuneIstat } });
      await recordAudit(tx, actor, {
        entity: kind.entity,
        entityId: row.id,
        action: "CREATE",
        comuneIstat: project.comuneIstat,
        after: row,
      });
      return row;
    });
  }

  /** The child, in this project of the actor's comune: the scope of every update and delete. */
  async function current(tx: Tx, actor: Actor, projectId: string, id: string) {
    const project = await getWritableProject(tx, actor, projectId);
    const scope = { projectId, comuneIstat: project.comuneIstat };
    const row = await table(tx).findFirst({ where: { id, ...scope } });
    if (!row) throw notFound();
    return { scope, row };
  }

  async function update(actor: Actor, projectId: string, id: string, input: unknown): Promise<Row> {
    if (!isUuid(id)) throw notFound();
    return withActor(actor, async (tx) => {
      const { scope, row: before } = await current(tx, actor, projectId, id);
      const { version, ...data } = parse(kind.updateSchema, input) as { version: number };
      const { count } = await table(tx).updateMany({
        where: { id, ...scope, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", CONCURRENT_EDIT_ITEM);
      const updated = (await table(tx).findFirst({ where: { id, ...scope } }))!;
      await recordAudit(tx, actor, {
        entity: kind.entity,
        entityId: id,
        action: "UPDATE",
        comuneIstat: scope.comuneIstat,
        ...withProject(diff(before, updated), projectId),
      });
      return updated;
    });
  }

  async function remove(actor: Actor, projectId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound();
    await withActor(actor, async (tx) => {
      const { scope, row: before } = await current(tx, actor, projectId, id);
      await table(tx).deleteMany({ where: { id, ...scope } });
      await recordAudit(tx, actor, {
        entity: kind.entity,
        entityId: id,
        action: "DELETE",
        comuneIstat: scope.comuneIstat,
        before,
      });
    });
  }

  // The regional roll-up follows in the same transaction (its facts' triggers): nothing to schedule.
  return { create, update, remove };
}

// The project's history lists its children's changes too: keep the project id on both sides of a diff.
function withProject(
  changes: { before: Record<string, unknown>; after: Record<string, unknown> },
  projectId: string,
) {
  return { before: { ...changes.before, projectId }, after: { ...changes.after, projectId } };
}

/** A kind with its operations. */
export type ChildCollection = ChildKind & ChildRecords;

const COLLECTIONS = new Map<ChildKind, ChildCollection>(
  CHILD_KIND_LIST.map((kind) => [kind, { ...kind, ...childRecords(kind) }]),
);

export const {
  create: createFundingLine,
  update: updateFundingLine,
  remove: deleteFundingLine,
} = COLLECTIONS.get(CHILD_KINDS.FundingLine)!;
export const {
  create: createAction,
  update: updateAction,
  remove: deleteAction,
} = COLLECTIONS.get(CHILD_KINDS.Action)!;
export const {
  create: createIndicator,
  update: updateIndicator,
  remove: deleteIndicator,
} = COLLECTIONS.get(CHILD_KINDS.Indicator)!;

/**
 * The kind, with its operations, named by a segment of the API (`"api"`: /api/v1/projects/{id}/funding-lines)
 * or of the portal (`"page"`: the child form's `childKind`, "risorse"); anything else is NOT_FOUND (API 404,
 * action "Non trovato.").
 */
export function childCollection(segment: string, by: "api" | "page" = "api"): ChildCollection {
  const kind = findChildKind(segment, by);
  if (!kind) throw notFound();
  return COLLECTIONS.get(kind)!;
}

/** One child record in its API shape, read from the serialized project. */
export function serializeChild(project: ProjectDetail, collection: ChildKind, id: string) {
  const list = serializeProject(project)[collection.pick] as { id: string }[];
  const item = list.find((x) => x.id === id);
  if (!item) throw notFound();
  return item;
}
