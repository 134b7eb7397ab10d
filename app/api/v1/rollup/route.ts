import { apiRoute } from "@/lib/http/api-handler";
import { parseRollupFilters } from "@/lib/rollup/filters";
import { getRollup } from "@/lib/rollup/get-rollup";

/** GET /api/v1/rollup?provincia=&smartland=&filone=&tema=&fonte=&stato=&andamento=&anno_da=&anno_a= */
export const GET = apiRoute(async ({ actor, request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const rollup = await getRollup(actor, parseRollupFilters(params));
  return { data: { ...rollup, refreshedAt: rollup.refreshedAt.toISOString() } };
});
