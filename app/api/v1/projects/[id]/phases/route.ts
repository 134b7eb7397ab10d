import { apiRoute, readJson } from "@/lib/http/api-handler";
import { getProjectPhases, saveProjectPhases } from "@/lib/phases/phases";

type Params = { id: string };

/** GET /api/v1/projects/{id}/phases — the project's eight phases, planned and actual dates. */
export const GET = apiRoute<Params>(async ({ actor, params }) => ({
  data: await getProjectPhases(actor, params.id),
}));

/** PUT — records or changes the listed phases (each with the version read; stale → 409). */
export const PUT = apiRoute<Params>(async ({ actor, request, params }) => ({
  data: await saveProjectPhases(actor, params.id, await readJson(request)),
}));
