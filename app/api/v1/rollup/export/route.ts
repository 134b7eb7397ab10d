import { apiRoute } from "@/lib/http/api-handler";
import { exportRollupTable } from "@/lib/rollup/export";
import { parseRollupFilters } from "@/lib/rollup/filters";

/** GET /api/v1/rollup/export?tabella=interventi|filoni|…&formato=csv|xlsx&<roll-up filters> */
export const GET = apiRoute(async ({ actor, request }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.formato === "xlsx" ? "xlsx" : "csv";
  return exportRollupTable(actor, parseRollupFilters(params), params.tabella ?? "interventi", format);
});
