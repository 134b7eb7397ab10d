import { roundSubmissionOwner } from "@/lib/documents/round-owner";
import { serializeDocument } from "@/lib/documents/serialize";
import { listDocuments, uploadDocument } from "@/lib/documents/store";
import { DOCUMENT_BODY, fileNameHeader } from "@/lib/documents/upload-request";
import { apiRoute } from "@/lib/http/api-handler";

type Params = { id: string; istat: string };

/** GET /api/v1/rounds/{id}/comuni/{istat}/documents — the documents of a comune's submission. */
export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const owner = await roundSubmissionOwner(actor, { roundId: params.id, istat: params.istat });
  const docs = await listDocuments(actor, owner);
  return { data: docs.map(serializeDocument) };
});

/** POST — the body is the file (≤ 20 MB), its name in `x-file-name` (the comune's officers, while editable). */
export const POST = apiRoute<Params>(
  async ({ actor, params, request }) => {
    const owner = await roundSubmissionOwner(actor, { roundId: params.id, istat: params.istat }, "write");
    const doc = await uploadDocument(actor, owner, fileNameHeader(request), request.body);
    return Response.json({ data: serializeDocument(doc) }, { status: 201 });
  },
  { body: DOCUMENT_BODY },
);
