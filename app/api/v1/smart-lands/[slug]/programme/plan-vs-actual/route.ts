import { parseQuery, planVsActualQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { getPlanVsActual } from "@/lib/programme/plan-vs-actual";

/** GET /api/v1/smart-lands/{slug}/programme/plan-vs-actual?anno=&comune= — plan vs adhered vs registered vs secured. */
export const GET = apiRoute<{ slug: string }>(async ({ actor, params, request }) => {
  const { anno, comune } = parseQuery(planVsActualQuerySchema, request);
  return { data: await getPlanVsActual(actor, params.slug, { year: anno, comune }) };
});
