import { parseQuery, rollupExportQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { exportRollupTable } from "@/lib/rollup/export";

/** GET /api/v1/rollup/export?tabella=interventi|filoni|…&formato=csv|xlsx&<roll-up filters> */
export const GET = apiRoute(async ({ actor, request }) => {
  const { filters, table, format } = parseQuery(rollupExportQuerySchema, request);
  return exportRollupTable(actor, filters, table, format);
});
