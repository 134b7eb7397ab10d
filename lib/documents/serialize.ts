import * as z from "zod";
import type { DocumentView } from "./store";

/** A document as the API returns it (no bytes: GET …/documents/{documentId} downloads them). */
export function serializeDocument(d: DocumentView) {
  return {
    id: d.id,
    ownerKind: d.ownerKind,
    ownerId: d.ownerId,
    projectId: d.projectId,
    fileName: d.fileName,
    mediaType: d.mediaType,
    size: d.size,
    sha256: d.sha256,
    public: d.public,
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt.toISOString(),
    version: d.version,
  };
}

/** PATCH …/documents/{documentId}: the public flag and the `version` read (409 if it changed since). */
export const documentPublicInput = z.object({
  public: z.boolean({ error: "Indica true (pubblico) o false (riservato)." }),
  version: z
    .number({ error: "Versione non valida." })
    .int("Versione non valida.")
    .min(1, "Versione non valida."),
});
