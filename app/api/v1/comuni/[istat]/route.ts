import { getCatalogComune } from "@/lib/api/catalog";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/comuni/{istat} — unknown code → 404. */
export const GET = apiRoute<{ istat: string }>(async ({ actor, params }) => ({
  data: await getCatalogComune(actor, params.istat),
}));
