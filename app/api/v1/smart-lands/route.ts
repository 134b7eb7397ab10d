import { listCatalogSmartLands } from "@/lib/api/catalog";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/smart-lands — every Smart Land, by name. */
export const GET = apiRoute(async ({ actor }) => listCatalogSmartLands(actor));
