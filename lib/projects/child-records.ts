import type * as z from "zod";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { isUuid } from "@/lib/ids";
import { scheduleRollupRefresh } from "@/lib/rollup/refresh";
import { CONCURRENT_EDIT_ITEM, getWritableProject } from "./writable";

type Row = { id: string; projectId: string; comuneIstat: string; version: number } & Record<string, unknown>;
type Where = { id?: string; projectId: string; comuneIstat: string; version?: number };

/** The part of a Prisma delegate that every project child (funding line, action, indicator) shares. */
type ChildDelegate = {
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  findFirst(args: { where: Where }): Promise<Row | null>;
  updateMany(args: { where: Where; data: Record<string, unknown> }): Promise<{ count: number }>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
};

/**
 * Create / update / delete for the records that live under a project. Every operation goes through the
 * project's write guard, scopes the child by project and comune, checks `version` and writes an audit event.
 */
export function childRecords<C extends z.ZodType, U extends z.ZodType>(config: {
  entity: "FundingLine" | "Action" | "Indicator";
  delegate: (tx: Tx) => unknown;
  createSchema: C;
  updateSchema: U;
}) {
  const table = (tx: Tx) => config.delegate(tx) as ChildDelegate;

  async function create(actor: Actor, projectId: string, input: unknown): Promise<Row> {
    return withActor(actor, async (tx) => {
      // Scope first: outside it the answer is "not found" whatever the input.
      const project = await getWritableProject(tx, actor, projectId);
      const data = parseOrThrow(config.createSchema, input) as Record<string, unknown>;
      const row = await table(tx).create({ data: { ...data, projectId, comuneIstat: project.comuneIstat } });
      await recordAudit(tx, actor, {
        entity: config.entity,
        entityId: row.id,
        action: "CREATE",
        comuneIstat: project.comuneIstat,
        after: row,
      });
      return row;
    });
  }

  async function update(actor: Actor, projectId: string, id: string, input: unknown): Promise<Row> {
    if (!isUuid(id)) throw notFound();
    return withActor(actor, async (tx) => {
      const project = await getWritableProject(tx, actor, projectId);
      const scope = { projectId, comuneIstat: project.comuneIstat };
      const current = await table(tx).findFirst({ where: { id, ...scope } });
      if (!current) throw notFound();
      const { version, ...data } = parseOrThrow(config.updateSchema, input) as { version: number } & Record<
        string,
        unknown
      >;
      const { count } = await table(tx).updateMany({
        where: { id, ...scope, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("CONFLICT", CONCURRENT_EDIT_ITEM);
      const updated = (await table(tx).findFirst({ where: { id, ...scope } }))!;
      await recordAudit(tx, actor, {
        entity: config.entity,
        entityId: id,
        action: "UPDATE",
        comuneIstat: project.comuneIstat,
        ...withProject(diff(current, updated), projectId),
      });
      return updated;
    });
  }

  async function remove(actor: Actor, projectId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound();
    await withActor(actor, async (tx) => {
      const project = await getWritableProject(tx, actor, projectId);
      const scope = { projectId, comuneIstat: project.comuneIstat };
      const current = await table(tx).findFirst({ where: { id, ...scope } });
      if (!current) throw notFound();
      await table(tx).deleteMany({ where: { id, ...scope } });
      await recordAudit(tx, actor, {
        entity: config.entity,
        entityId: id,
        action: "DELETE",
        comuneIstat: project.comuneIstat,
        before: current,
      });
    });
  }

  const refreshing =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await fn(...args);
      scheduleRollupRefresh();
      return result;
    };
  return { create: refreshing(create), update: refreshing(update), remove: refreshing(remove) };
}

// The project's history lists its children's changes too: keep the project id on both sides of a diff.
function withProject(
  changes: { before: Record<string, unknown>; after: Record<string, unknown> },
  projectId: string,
) {
  return { before: { ...changes.before, projectId }, after: { ...changes.after, projectId } };
}
