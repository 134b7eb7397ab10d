// The public documents of a published project (issue #18, item 4): read as the anonymous PUBLIC_READER,
// whose row-level policy shows a document only when it is public, not deleted, and its project has a
// published copy of a live project. Anything else (reserved, deleted, a draft's, unknown) is NOT_FOUND.

import "server-only";
import { documentResponse } from "@/lib/documents/store";
import { PUBLIC_READER, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";

export type PublicDocument = {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: Date;
};

const SELECT = { id: true, fileName: true, mediaType: true, size: true, createdAt: true } as const;

export async function listPublicDocuments(projectId: string): Promise<PublicDocument[]> {
  if (!isUuid(projectId)) return [];
  return withActor(PUBLIC_READER, (tx) =>
    tx.document.findMany({
      where: { projectId, public: true, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: SELECT,
    }),
  );
}

/** The download of a public document, streamed as the anonymous reader (RLS decides on every chunk). */
export async function publicDocumentResponse(projectId: string, documentId: string): Promise<Response> {
  if (!isUuid(projectId) || !isUuid(documentId)) throw notFound();
  const doc = await withActor(PUBLIC_READER, (tx) =>
    tx.document.findFirst({
      where: { id: documentId, projectId, public: true, deletedAt: null },
      select: { ...SELECT, sha256: true },
    }),
  );
  if (!doc) throw notFound();
  return documentResponse(doc, PUBLIC_READER);
}
