import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { diff, recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { invalidField, parseOrThrow } from "@/lib/validation/parse";
import { isUuid } from "@/lib/ids.mjs";
import { streamSchema, streamUpdateSchema, TAXONOMY_MESSAGES, versionField } from "@/lib/validation/taxonomy";

export const CONCURRENT_STREAM_EDIT =
  "Qualcun altro ha modificato questo filone mentre lo stavi modificando. Ricarica la pagina: le tue modifiche non sono state salvate.";
export const STREAM_IN_USE =
  "Il filone è usato da almeno un intervento (anche eliminato): non si può cancellare. Archivialo: resterà sugli interventi esistenti ma non sarà più proposto per i nuovi.";

/** A stream's own fields (without its id), as the coordinator edits them and the API lists them. */
export const STREAM_FIELDS = {
  code: true,
  name: true,
  description: true,
  theme: true,
  pnrrMission: true,
  values: true,
  archived: true,
} as const;

function requireEditor(actor: Actor) {
  if (!can(actor, "streams.write")) throw notFound();
}

/** Every stream with the number of live (not deleted) projects on it, for the coordinator's list. */
export async function listStreamsForActor(actor: Actor) {
  requireEditor(actor);
  return withActor(actor, (tx) =>
    tx.stream.findMany({
      orderBy: [{ archived: "asc" }, { code: "asc" }],
      select: {
        id: true,
        version: true,
        ...STREAM_FIELDS,
        _count: { select: { projects: { where: { deletedAt: null } } } },
      },
    }),
  );
}

/** One stream for its form (`streams.write`, else NOT_FOUND), with the number of live projects on it. */
export async function getStreamForActor(actor: Actor, id: string) {
  requireEditor(actor);
  if (!isUuid(id)) throw notFound();
  const stream = await withActor(actor, (tx) =>
    tx.stream.findUnique({
      where: { id },
      select: {
        id: true,
        version: true,
        ...STREAM_FIELDS,
        _count: { select: { projects: { where: { deletedAt: null } } } },
      },
    }),
  );
  if (!stream) throw notFound();
  return stream;
}

async function assertCodeFree(tx: Tx, code: string, exceptId?: string) {
  const clash = await tx.stream.findFirst({
    where: { code, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw invalidField("code", TAXONOMY_MESSAGES.codeTaken);
}

async function lockForUpdate(tx: Tx, id: string, version: number) {
  if (!isUuid(id)) throw notFound();
  const current = await tx.stream.findUnique({
    where: { id },
    select: { id: true, version: true, ...STREAM_FIELDS },
  });
  if (!current) throw notFound();
  if (current.version !== version) throw new AppError("CONFLICT", CONCURRENT_STREAM_EDIT);
  return current;
}

export async function createStream(actor: Actor, input: unknown) {
  requireEditor(actor);
  const data = parseOrThrow(streamSchema, input);
  return withActor(actor, async (tx) => {
    await assertCodeFree(tx, data.code);
    const stream = await tx.stream.create({ data, select: { id: true, ...STREAM_FIELDS } });
    await recordAudit(tx, actor, {
      entity: "Stream",
      entityId: stream.id,
      action: "CREATE",
      comuneIstat: null,
      after: data,
    });
    return stream;
  });
}

export async function updateStream(actor: Actor, id: string, input: unknown) {
  requireEditor(actor);
  const { version, ...data } = parseOrThrow(streamUpdateSchema, input);
  return withActor(actor, async (tx) => {
    const current = await lockForUpdate(tx, id, version);
    await assertCodeFree(tx, data.code, id);
    const { count } = await tx.stream.updateMany({
      where: { id, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", CONCURRENT_STREAM_EDIT);
    const { id: _id, version: _v, ...before } = current;
    const changes = diff(before, { ...before, ...data });
    await recordAudit(tx, actor, {
      entity: "Stream",
      entityId: id,
      action: "UPDATE",
      comuneIstat: null,
      ...changes,
    });
  });
}

/** Archived streams stay on their projects but are not offered for new ones (lib/projects/references.ts). */
export async function setStreamArchived(actor: Actor, id: string, archived: boolean, rawVersion: unknown) {
  requireEditor(actor);
  const version = parseOrThrow(versionField, rawVersion);
  return withActor(actor, async (tx) => {
    const current = await lockForUpdate(tx, id, version);
    if (current.archived === archived) return;
    await tx.stream.updateMany({ where: { id, version }, data: { archived, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entity: "Stream",
      entityId: id,
      action: archived ? "ARCHIVE" : "UNARCHIVE",
      comuneIstat: null,
      before: { archived: current.archived },
      after: { archived },
    });
  });
}

/**
 * Deletes a stream no project has ever used. The count sees every project, deleted ones included: the
 * coordinator's RLS policy reads them all (a restored project must find its stream again).
 */
export async function deleteStream(actor: Actor, id: string, rawVersion: unknown) {
  requireEditor(actor);
  const version = parseOrThrow(versionField, rawVersion);
  return withActor(actor, async (tx) => {
    const current = await lockForUpdate(tx, id, version);
    const used = await tx.project.count({ where: { streamId: id } });
    if (used > 0) throw new AppError("CONFLICT", STREAM_IN_USE);
    await tx.stream.delete({ where: { id } });
    const { id: _id, version: _v, ...before } = current;
    await recordAudit(tx, actor, {
      entity: "Stream",
      entityId: id,
      action: "DELETE",
      comuneIstat: null,
      before,
    });
  });
}
