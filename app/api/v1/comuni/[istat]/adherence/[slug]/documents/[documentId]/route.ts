import { documentDeleteQuerySchema, parseQuery } from "@/lib/api/queries";
import { adherenceOwner } from "@/lib/documents/adherence-owner";
import { deleteOwnedDocument, downloadOwnedDocument } from "@/lib/documents/store";
import { apiRoute } from "@/lib/http/api-handler";

type Params = { istat: string; slug: string; documentId: string };

/** GET — the act's file, streamed as an attachment (the comune, coordinators, administrators). */
export const GET = apiRoute<Params>(async ({ actor, params }) =>
  downloadOwnedDocument(actor, await adherenceOwner(actor, params.istat, params.slug), params.documentId),
);

/** DELETE [?versione=n] — removed from the list and downloads (kept in the database, audited). */
export const DELETE = apiRoute<Params>(async ({ actor, params, request }) => {
  const { version } = parseQuery(documentDeleteQuerySchema, request);
  await deleteOwnedDocument(
    actor,
    await adherenceOwner(actor, params.istat, params.slug),
    params.documentId,
    version,
  );
  return new Response(null, { status: 204 });
});
