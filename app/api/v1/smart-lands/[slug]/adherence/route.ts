import { getAdherenceMatrix } from "@/lib/adherence/matrix";
import { adherenceMatrixQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/smart-lands/{slug}/adherence?anno= — the coordinator's matrix comuni × streams. */
export const GET = apiRoute<{ slug: string }>(async ({ actor, request, params }) => ({
  data: await getAdherenceMatrix(actor, params.slug, parseQuery(adherenceMatrixQuerySchema, request).anno),
}));
