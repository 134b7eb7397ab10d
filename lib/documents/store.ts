// Documents attached to a comune's records (issue #18, item 4): upload, list, download, public flag, delete.
//
// Storage: "Document" (what the file is) and "DocumentChunk" (its bytes, ~1 MB a row, in order), both in
// PostgreSQL under row-level security, so the backup holds them and the tenant wall is the same one.
// Upload streams: the request body is read chunk by chunk inside ONE transaction, each ~1 MB written as it
// fills, so the server holds about two chunks (the one filling and the previous one, kept as the tail a
// zip's central directory is read from), never the file. The type is the content's (./detect.ts): the
// head is checked before the first chunk is written, the zip's directory at the end; a refusal or more
// than 20 MB rolls the transaction back (nothing stays). Download streams too: one chunk per read.

import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor, withActorClient, type DbActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";
import {
  contentDisposition,
  detectFromHead,
  detectZip,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_MESSAGES,
  documentFileName,
  DocumentRefused,
  oleKind,
  type DocumentKind,
} from "./detect";
import { readableOwner, writableOwner, type DocumentOwner } from "./owners";

/** Bytes per stored chunk. */
export const CHUNK_BYTES = 1024 * 1024;

const VIEW = {
  id: true,
  ownerKind: true,
  ownerId: true,
  projectId: true,
  comuneIstat: true,
  fileName: true,
  mediaType: true,
  size: true,
  sha256: true,
  public: true,
  uploadedBy: true,
  createdAt: true,
  version: true,
} as const;

export type DocumentView = {
  id: string;
  ownerKind: DocumentOwner["kind"];
  ownerId: string;
  projectId: string | null;
  comuneIstat: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  public: boolean;
  uploadedBy: string;
  createdAt: Date;
  version: number;
};

function refusal(e: DocumentRefused): AppError {
  if (e.tooLarge) return new AppError("PAYLOAD_TOO_LARGE", e.message, { file: [e.message] });
  if (e.message === DOCUMENT_MESSAGES.empty) return new AppError("INVALID", e.message, { file: [e.message] });
  return new AppError("UNSUPPORTED_MEDIA_TYPE", e.message, { file: [e.message] });
}

/**
 * Stores the file `body` (a byte stream) for `owner`, named `fileName` as the client gave it. Only the
 * owner's comune's officers (writableOwner); 413 past 20 MB, 415 for a type the portal does not accept,
 * 422 for an empty file. The extension is made to agree with the detected type (documentFileName).
 */
export async function uploadDocument(
  actor: Actor,
  owner: DocumentOwner,
  fileName: string,
  body: ReadableStream<Uint8Array> | null,
  opts: { projectId?: string } = {},
): Promise<DocumentView> {
  // The guard first (its own short transaction); the INSERT policy, the composite key to the project and
  // the comune in every row repeat it inside the writing transaction.
  const place = await withActor(actor, (tx) => writableOwner(tx, actor, owner));
  if (opts.projectId !== undefined && place.projectId !== opts.projectId) throw notFound();
  let id: string;
  try {
    id = await withActorClient(actor, async (client) => {
      if (!body) throw new DocumentRefused(DOCUMENT_MESSAGES.empty);
      const reader = body.getReader();
      const hash = createHash("sha256");
      let documentId: string | null = null;
      let head: DocumentKind | "zip" | "ole" | null = null;
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      let size = 0;
      let seq = 0;
      let previous: Uint8Array = new Uint8Array();
      let last: Uint8Array = new Uint8Array();

      // Writes one chunk of exactly CHUNK_BYTES (the last one: what is left), keeping the rest pending.
      const flush = async () => {
        if (pendingBytes === 0) return;
        const all = Buffer.concat(pending, pendingBytes);
        const chunk = all.subarray(0, Math.min(CHUNK_BYTES, all.length));
        const rest = Buffer.from(all.subarray(chunk.length));
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        if (documentId === null) {
          head = detectFromHead(chunk);
          if (head === null) throw new DocumentRefused(DOCUMENT_MESSAGES.refused);
          const created = await client.query<{ id: string }>(
            `INSERT INTO "Document" ("comuneIstat", "ownerKind", "ownerId", "projectId", "fileName", "mediaType",
               size, sha256, "uploadedById", "uploadedBy")
             VALUES ($1, $2::"DocumentOwnerKind", $3, $4, '…', 'application/octet-stream', 0, $5, $6, $7) RETURNING id`,
            [
              place.comuneIstat,
              owner.kind,
              owner.id,
              place.projectId,
              "0".repeat(64),
              actor.userId,
              actor.name.slice(0, 200),
            ],
          );
          documentId = created.rows[0]!.id;
        }
        // A Buffer parameter is sent in binary: no hex or base64 copy of the MiB.
        await client.query(
          `INSERT INTO "DocumentChunk" ("documentId", seq, "comuneIstat", data) VALUES ($1, $2, $3, $4)`,
          [documentId, seq++, place.comuneIstat, chunk],
        );
        previous = last;
        last = chunk;
      };

      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > DOCUMENT_MAX_BYTES) throw new DocumentRefused(DOCUMENT_MESSAGES.tooLarge, true);
          hash.update(value);
          pending.push(value);
          pendingBytes += value.byteLength;
          while (pendingBytes >= CHUNK_BYTES) await flush();
        }
      } catch (e) {
        await reader.cancel().catch(() => {});
        throw e;
      }
      while (pendingBytes > 0) await flush();
      if (documentId === null || size === 0) throw new DocumentRefused(DOCUMENT_MESSAGES.empty);
      const headKind = head as DocumentKind | "zip" | "ole" | null;
      let kind: DocumentKind;
      if (headKind === "zip") kind = await detectZip(Buffer.concat([previous, last]), size);
      else if (headKind === "ole") kind = oleKind(fileName);
      else kind = headKind!;
      const stored = {
        ownerKind: owner.kind,
        ownerId: owner.id,
        projectId: place.projectId,
        fileName: documentFileName(fileName, kind),
        mediaType: kind.mediaType,
        size,
        sha256: hash.digest("hex"),
        public: false,
      };
      await client.query(
        `UPDATE "Document" SET "fileName" = $2, "mediaType" = $3, size = $4, sha256 = $5 WHERE id = $1`,
        [documentId, stored.fileName, stored.mediaType, size, stored.sha256],
      );
      // recordAudit's statement (lib/audit/record-audit.ts) on this connection; the database's trigger
      // sets the actor columns from the transaction's settings.
      await client.query(
        `INSERT INTO "AuditEvent" ("actorId", "actorName", "actorRole", "comuneIstat", entity, "entityId", action, after)
         VALUES ($1::uuid, $2, $3, $4, 'Document', $5, 'CREATE', $6::jsonb)`,
        [actor.userId, actor.name, actor.role, place.comuneIstat, documentId, JSON.stringify(stored)],
      );
      return documentId;
    });
  } catch (e) {
    if (e instanceof DocumentRefused) throw refusal(e);
    throw e;
  }
  const stored = await withActor(actor, (tx) => tx.document.findUnique({ where: { id }, select: VIEW }));
  if (!stored) throw notFound();
  return stored;
}

const auditShape = (d: DocumentView) => ({
  ownerKind: d.ownerKind,
  ownerId: d.ownerId,
  projectId: d.projectId,
  fileName: d.fileName,
  mediaType: d.mediaType,
  size: d.size,
  sha256: d.sha256,
  public: d.public,
});

/** The owner's live documents, newest first; NOT_FOUND outside the actor's scope. */
export async function listDocuments(
  actor: Actor,
  owner: DocumentOwner,
  opts: { projectId?: string } = {},
): Promise<DocumentView[]> {
  return withActor(actor, async (tx) => {
    const place = await readableOwner(tx, actor, owner);
    if (opts.projectId !== undefined && place.projectId !== opts.projectId) throw notFound();
    return tx.document.findMany({
      where: { ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: VIEW,
    });
  });
}

/** Every live document under a project (its own and its actions'), for the project page. */
export async function listProjectDocuments(actor: Actor, projectId: string): Promise<DocumentView[]> {
  return withActor(actor, async (tx) => {
    await readableOwner(tx, actor, { kind: "PROJECT", id: projectId });
    return tx.document.findMany({
      where: { projectId, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: VIEW,
    });
  });
}

/** One live document of a project (its own or an action's), as far as the actor may read it; else NOT_FOUND. */
async function readableDocument(tx: Tx, actor: Actor, projectId: string, documentId: string) {
  if (!isUuid(documentId)) throw notFound();
  await readableOwner(tx, actor, { kind: "PROJECT", id: projectId });
  const doc = await tx.document.findFirst({
    where: { id: documentId, projectId, deletedAt: null },
    select: VIEW,
  });
  if (!doc || !can(actor, "documents.read", doc.comuneIstat)) throw notFound();
  return doc;
}

export async function getDocumentForActor(actor: Actor, projectId: string, documentId: string) {
  return withActor(actor, (tx) => readableDocument(tx, actor, projectId, documentId));
}

/** The write guard of a document: its owner is writable by the actor, the version matches (409 otherwise). */
async function writableDocument(
  tx: Tx,
  actor: Actor,
  projectId: string,
  documentId: string,
  version?: number,
) {
  if (!isUuid(documentId)) throw notFound();
  await writableOwner(tx, actor, { kind: "PROJECT", id: projectId });
  const doc = await tx.document.findFirst({
    where: { id: documentId, projectId, deletedAt: null },
    select: VIEW,
  });
  if (!doc || !can(actor, "documents.write", doc.comuneIstat)) throw notFound();
  if (version !== undefined && version !== doc.version) throw new AppError("CONFLICT", CONCURRENT_DOCUMENT);
  return doc;
}

export const CONCURRENT_DOCUMENT =
  "Qualcun altro ha modificato questo documento nel frattempo. Ricarica la pagina per vedere lo stato attuale.";

/** Marks a document public (it appears on the published project's public page) or reserved. Audited. */
export async function setDocumentPublic(
  actor: Actor,
  projectId: string,
  documentId: string,
  input: { public: boolean; version: number },
): Promise<DocumentView> {
  return withActor(actor, async (tx) => {
    const doc = await writableDocument(tx, actor, projectId, documentId, input.version);
    const updated = await tx.document.updateMany({
      where: { id: doc.id, version: doc.version },
      data: { public: input.public, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", CONCURRENT_DOCUMENT);
    const after = { ...doc, public: input.public, version: doc.version + 1 };
    await recordAudit(tx, actor, {
      entity: "Document",
      entityId: doc.id,
      action: input.public ? "PUBLISH" : "UNPUBLISH",
      comuneIstat: doc.comuneIstat,
      before: { public: doc.public },
      after: { public: input.public, fileName: doc.fileName },
    });
    return after;
  });
}

/** Soft-deletes a document (its bytes stay until the project goes: a restore is an administrator's SQL). */
export async function deleteDocument(
  actor: Actor,
  projectId: string,
  documentId: string,
  version?: number,
): Promise<void> {
  await withActor(actor, async (tx) => {
    const doc = await writableDocument(tx, actor, projectId, documentId, version);
    const updated = await tx.document.updateMany({
      where: { id: doc.id, version: doc.version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", CONCURRENT_DOCUMENT);
    await recordAudit(tx, actor, {
      entity: "Document",
      entityId: doc.id,
      action: "DELETE",
      comuneIstat: doc.comuneIstat,
      before: auditShape(doc),
    });
  });
}

/**
 * The bytes of a document as a stream: one chunk per read, each in its own short transaction as `reader`
 * (row-level security decides on every chunk), so a slow client holds no connection between reads.
 */
export function documentBytes(reader: DbActor, documentId: string): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const row = await withActorClient(reader, async (client) => {
          // Text format: pg parses the hex into a Buffer (pg's binary mode decodes bytea as UTF-8 text).
          const result = await client.query<{ data: Buffer }>(
            `SELECT data FROM "DocumentChunk" WHERE "documentId" = $1 AND seq = $2`,
            [documentId, seq],
          );
          return result.rows[0];
        });
        if (!row) {
          controller.close();
          return;
        }
        seq += 1;
        controller.enqueue(row.data);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The download: always an attachment (a PDF shown inline would run its scripts in the browser's viewer,
 * and Chrome refuses to show one under a CSP sandbox), the detected type, nosniff, and a policy that
 * allows nothing should a browser render it anyway.
 */
export function documentResponse(
  doc: Pick<DocumentView, "id" | "fileName" | "mediaType" | "size" | "sha256">,
  reader: DbActor,
): Response {
  return new Response(documentBytes(reader, doc.id), {
    headers: {
      "content-type": doc.mediaType,
      "content-length": String(doc.size),
      "content-disposition": contentDisposition(doc.fileName),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
      etag: `"${doc.sha256}"`,
    },
  });
}

/** GET …/documents/{id}: the guard, then the stream as the actor. */
export async function downloadDocument(
  actor: Actor,
  projectId: string,
  documentId: string,
): Promise<Response> {
  const doc = await getDocumentForActor(actor, projectId, documentId);
  return documentResponse(doc, actor);
}

/** One live document of an owner (an adherence act…), as far as the actor may read it; else NOT_FOUND. */
async function readableOwnedDocument(tx: Tx, actor: Actor, owner: DocumentOwner, documentId: string) {
  if (!isUuid(documentId)) throw notFound();
  await readableOwner(tx, actor, owner);
  const doc = await tx.document.findFirst({
    where: { id: documentId, ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
    select: VIEW,
  });
  if (!doc || !can(actor, "documents.read", doc.comuneIstat)) throw notFound();
  return doc;
}

/** GET of an owner's document (not a project's: those go through downloadDocument). */
export async function downloadOwnedDocument(
  actor: Actor,
  owner: DocumentOwner,
  documentId: string,
): Promise<Response> {
  const doc = await withActor(actor, (tx) => readableOwnedDocument(tx, actor, owner, documentId));
  return documentResponse(doc, actor);
}

/** Soft-deletes an owner's document (the comune's officers; 409 on a stale `version`). Audited. */
export async function deleteOwnedDocument(
  actor: Actor,
  owner: DocumentOwner,
  documentId: string,
  version?: number,
): Promise<void> {
  await withActor(actor, async (tx) => {
    if (!isUuid(documentId)) throw notFound();
    await writableOwner(tx, actor, owner);
    const doc = await tx.document.findFirst({
      where: { id: documentId, ownerKind: owner.kind, ownerId: owner.id, deletedAt: null },
      select: VIEW,
    });
    if (!doc || !can(actor, "documents.write", doc.comuneIstat)) throw notFound();
    if (version !== undefined && version !== doc.version) throw new AppError("CONFLICT", CONCURRENT_DOCUMENT);
    const updated = await tx.document.updateMany({
      where: { id: doc.id, version: doc.version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", CONCURRENT_DOCUMENT);
    await recordAudit(tx, actor, {
      entity: "Document",
      entityId: doc.id,
      action: "DELETE",
      comuneIstat: doc.comuneIstat,
      before: auditShape(doc),
    });
  });
}
