import { documentDeleteQuerySchema, parseQuery } from "@/lib/api/queries";
import { documentPublicInput, serializeDocument } from "@/lib/documents/serialize";
import { deleteDocument, downloadDocument, setDocumentPublic } from "@/lib/documents/store";
import { apiRoute, readJson } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/validation/parse";

type Params = { id: string; documentId: string };

/** GET — the file, streamed (Content-Disposition attachment, the detected type, nosniff). */
export const GET = apiRoute<Params>(async ({ actor, params }) =>
  downloadDocument(actor, params.id, params.documentId),
);

/** PATCH { public, version } — public (on the published project's page) or reserved. */
export const PATCH = apiRoute<Params>(async ({ actor, params, request }) => {
  const input = parseOrThrow(documentPublicInput, await readJson(request));
  return { data: serializeDocument(await setDocumentPublic(actor, params.id, params.documentId, input)) };
});

/** DELETE [?versione=n] — removed from the lists and downloads (kept in the database, audited). */
export const DELETE = apiRoute<Params>(async ({ actor, params, request }) => {
  const { version } = parseQuery(documentDeleteQuerySchema, request);
  await deleteDocument(actor, params.id, params.documentId, version);
  return new Response(null, { status: 204 });
});
