import { parseQuery, rollupQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { getRollup } from "@/lib/rollup/get-rollup";

/** GET /api/v1/rollup?provincia=&smart_land=&filone=&tema=&fonte=&stato=&andamento=&anno_da=&anno_a= */
export const GET = apiRoute(async ({ actor, request }) => {
  const rollup = await getRollup(actor, parseQuery(rollupQuerySchema, request));
  return { data: { ...rollup, refreshedAt: rollup.refreshedAt.toISOString() } };
});
