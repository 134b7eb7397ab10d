import { apiRoute, readJson } from "@/lib/http/api-handler";
import { submitRound } from "@/lib/rounds/submission";

/** POST /api/v1/rounds/{id}/comuni/{istat}/submit — the officer submits: the snapshot is frozen. */
export const POST = apiRoute<{ id: string; istat: string }>(async ({ actor, request, params }) => ({
  data: await submitRound(actor, { roundId: params.id, istat: params.istat }, await readJson(request)),
}));
