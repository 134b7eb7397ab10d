import { adherenceOwner } from "@/lib/documents/adherence-owner";
import { serializeDocument } from "@/lib/documents/serialize";
import { listDocuments, uploadDocument } from "@/lib/documents/store";
import { DOCUMENT_BODY, fileNameHeader } from "@/lib/documents/upload-request";
import { apiRoute } from "@/lib/http/api-handler";

type Params = { istat: string; slug: string };

/** GET /api/v1/comuni/{istat}/adherence/{slug}/documents — the act of adherence's documents. */
export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const docs = await listDocuments(actor, await adherenceOwner(actor, params.istat, params.slug));
  return { data: docs.map(serializeDocument) };
});

/** POST — the body is the file (≤ 20 MB), its name in `x-file-name`: the act's PDF (the comune's officers). */
export const POST = apiRoute<Params>(
  async ({ actor, params, request }) => {
    const owner = await adherenceOwner(actor, params.istat, params.slug);
    const doc = await uploadDocument(actor, owner, fileNameHeader(request), request.body);
    return Response.json({ data: serializeDocument(doc) }, { status: 201 });
  },
  { body: DOCUMENT_BODY },
);
