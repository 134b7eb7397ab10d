import { apiRoute, readJson } from "@/lib/http/api-handler";
import { closeRound } from "@/lib/rounds/rounds";

/** POST /api/v1/rounds/{id}/close — the coordinator closes an open round. */
export const POST = apiRoute<{ id: string }>(async ({ actor, request, params }) => ({
  data: await closeRound(actor, params.id, await readJson(request)),
}));
