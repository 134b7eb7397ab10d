import { documentDeleteQuerySchema, parseQuery } from "@/lib/api/queries";
import { roundSubmissionOwner } from "@/lib/documents/round-owner";
import { deleteOwnedDocument, downloadOwnedDocument } from "@/lib/documents/store";
import { apiRoute } from "@/lib/http/api-handler";

type Params = { id: string; istat: string; documentId: string };

/** GET — the file, streamed as an attachment (the comune, coordinators, administrators). */
export const GET = apiRoute<Params>(async ({ actor, params }) =>
  downloadOwnedDocument(
    actor,
    await roundSubmissionOwner(actor, { roundId: params.id, istat: params.istat }),
    params.documentId,
  ),
);

/** DELETE [?versione=n] — removed from the list and downloads (kept in the database, audited). */
export const DELETE = apiRoute<Params>(async ({ actor, params, request }) => {
  const { version } = parseQuery(documentDeleteQuerySchema, request);
  const owner = await roundSubmissionOwner(actor, { roundId: params.id, istat: params.istat }, "write");
  await deleteOwnedDocument(actor, owner, params.documentId, version);
  return new Response(null, { status: 204 });
});
