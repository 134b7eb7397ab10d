import { listCatalogComuni } from "@/lib/api/catalog";
import { comuniQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/comuni?provincia=&membro=&q=&smart_land=&ordina=&verso=&pagina=&per_pagina= */
export const GET = apiRoute(async ({ actor, request }) =>
  listCatalogComuni(actor, parseQuery(comuniQuerySchema, request)),
);
