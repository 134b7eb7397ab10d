import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { DocumentOwnerKind } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";

/** Where an owner lives: its comune (the tenant key) and, when it has one, its project. */
export type OwnerPlace = { comuneIstat: string; projectId: string | null };

/**
 * What a document can be attached to. Each kind answers one question: the owner with this id, as far as
 * the transaction's actor can see it (row-level security applies), or null. The guards below add the
 * permission and the "live" rule; a missing, deleted or foreign owner is the same NOT_FOUND.
 *
 * Adding a kind (an adherence act, a round submission): one value in the Prisma enum `DocumentOwnerKind`
 * (migration: `ALTER TYPE "DocumentOwnerKind" ADD VALUE '…'`), one entry here, an API route that passes
 * the kind to lib/documents/store.ts, and a label in OWNER_LABELS. Nothing else changes: storage, type
 * checks, the wall, download and audit are the same for every kind.
 */
export const OWNER_KINDS: Record<DocumentOwnerKind, (tx: Tx, id: string) => Promise<OwnerPlace | null>> = {
  PROJECT: async (tx, id) => {
    const p = await tx.project.findFirst({
      where: { id, deletedAt: null },
      select: { id: true, comuneIstat: true },
    });
    return p ? { comuneIstat: p.comuneIstat, projectId: p.id } : null;
  },
  ACTION: async (tx, id) => {
    const a = await tx.action.findFirst({
      where: { id, project: { deletedAt: null } },
      select: { projectId: true, comuneIstat: true },
    });
    return a ? { comuneIstat: a.comuneIstat, projectId: a.projectId } : null;
  },
  // The act of adherence of a comune to a Smart Land (its PDF): no project.
  ADHERENCE: async (tx, id) => {
    const a = await tx.adherence.findUnique({ where: { id }, select: { comuneIstat: true } });
    return a ? { comuneIstat: a.comuneIstat, projectId: null } : null;
  },
  // A comune's submission to a monitoring round (the acts behind its figures): no project.
  ROUND_SUBMISSION: async (tx, id) => {
    const s = await tx.roundSubmission.findUnique({ where: { id }, select: { comuneIstat: true } });
    return s ? { comuneIstat: s.comuneIstat, projectId: null } : null;
  },
};

export const OWNER_LABELS: Record<DocumentOwnerKind, string> = {
  PROJECT: "Intervento",
  ACTION: "Azione",
  ADHERENCE: "Atto di adesione",
  ROUND_SUBMISSION: "Trasmissione di una rilevazione",
};

export type DocumentOwner = { kind: DocumentOwnerKind; id: string };

/** The owner if the actor may read its documents, else NOT_FOUND (a partner comune reads none). */
export async function readableOwner(tx: Tx, actor: Actor, owner: DocumentOwner): Promise<OwnerPlace> {
  if (!isUuid(owner.id) || !can(actor, "documents.read")) throw notFound();
  const place = await OWNER_KINDS[owner.kind](tx, owner.id);
  if (!place || !can(actor, "documents.read", place.comuneIstat)) throw notFound();
  return place;
}

/** The owner if the actor may attach, delete and publish its documents (the comune's officers), else NOT_FOUND. */
export async function writableOwner(tx: Tx, actor: Actor, owner: DocumentOwner): Promise<OwnerPlace> {
  if (!isUuid(owner.id) || !actor.comuneIstat || !can(actor, "documents.write", actor.comuneIstat))
    throw notFound();
  const place = await OWNER_KINDS[owner.kind](tx, owner.id);
  if (!place || !can(actor, "documents.write", place.comuneIstat)) throw notFound();
  return place;
}
