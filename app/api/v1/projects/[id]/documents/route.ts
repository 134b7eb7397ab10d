import { documentsQuerySchema, parseQuery } from "@/lib/api/queries";
import { serializeDocument } from "@/lib/documents/serialize";
import { listDocuments, uploadDocument } from "@/lib/documents/store";
import { DOCUMENT_BODY, fileNameHeader } from "@/lib/documents/upload-request";
import { apiRoute } from "@/lib/http/api-handler";

type Params = { id: string };

const ownerOf = (projectId: string, action: string | undefined) =>
  action ? { kind: "ACTION" as const, id: action } : { kind: "PROJECT" as const, id: projectId };

/** GET /api/v1/projects/{id}/documents[?azione={actionId}] — the project's (or one action's) documents. */
export const GET = apiRoute<Params>(async ({ actor, params, request }) => {
  const { action } = parseQuery(documentsQuerySchema, request);
  // An action of another project is the same 404 as an unknown one.
  const docs = await listDocuments(actor, ownerOf(params.id, action), { projectId: params.id });
  return { data: docs.map(serializeDocument) };
});

/**
 * POST /api/v1/projects/{id}/documents[?azione={actionId}] — the body is the file itself (at most 20 MB,
 * streamed to the database), its name in `x-file-name` (URI-encoded). With the session cookie the content
 * type must be application/octet-stream or one of the accepted documents' types; the type stored is the
 * one the bytes show. 201 with the document; 413 too large, 415 not an accepted type, 422 empty.
 */
export const POST = apiRoute<Params>(
  async ({ actor, params, request }) => {
    const { action } = parseQuery(documentsQuerySchema, request);
    const doc = await uploadDocument(
      actor,
      ownerOf(params.id, action),
      fileNameHeader(request),
      request.body,
      {
        projectId: params.id,
      },
    );
    return Response.json({ data: serializeDocument(doc) }, { status: 201 });
  },
  { body: DOCUMENT_BODY },
);
