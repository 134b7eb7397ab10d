import { listCatalogStreams } from "@/lib/api/catalog";
import { parseQuery, streamsQuerySchema } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/streams?archiviati=true|false */
export const GET = apiRoute(async ({ actor, request }) =>
  listCatalogStreams(actor, parseQuery(streamsQuerySchema, request)),
);
