import { comuneExportQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { exportComuneProjects } from "@/lib/import/export-comune";

/**
 * GET /api/v1/comuni/{istat}/export?formato=csv|xlsx[&modello=true][&q&filone&stato&andamento&fonte&anno] —
 * the comune's projects matching the project list's filters (or the empty template).
 */
export const GET = apiRoute<{ istat: string }>(async ({ actor, request, params }) => {
  const query = parseQuery(comuneExportQuerySchema, request);
  return exportComuneProjects(actor, params.istat, query.formato, {
    template: query.modello === true,
    filters: query.filters,
  });
});
