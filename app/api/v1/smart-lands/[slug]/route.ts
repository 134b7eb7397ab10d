import { getCatalogSmartLand } from "@/lib/api/catalog";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/smart-lands/{slug} — with its member comuni and lead. */
export const GET = apiRoute<{ slug: string }>(async ({ actor, params }) => ({
  data: await getCatalogSmartLand(actor, params.slug),
}));
