import { apiRoute } from "@/lib/http/api-handler";
import { exportComuneProjects } from "@/lib/import/export-comune";

/** GET /api/v1/comuni/{istat}/export?formato=csv|xlsx[&modello=1] — the comune's projects (or the empty template). */
export const GET = apiRoute<{ istat: string }>(async ({ actor, request, params }) => {
  const query = new URL(request.url).searchParams;
  const format = query.get("formato") === "xlsx" ? "xlsx" : "csv";
  return exportComuneProjects(actor, params.istat, format, { template: query.get("modello") === "1" });
});
