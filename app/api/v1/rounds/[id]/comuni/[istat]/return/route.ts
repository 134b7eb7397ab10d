import { apiRoute, readJson } from "@/lib/http/api-handler";
import { decideSubmission } from "@/lib/rounds/submission";

/** POST /api/v1/rounds/{id}/comuni/{istat}/return — the coordinator returns it with notes (per project). */
export const POST = apiRoute<{ id: string; istat: string }>(async ({ actor, request, params }) => ({
  data: await decideSubmission(
    actor,
    { roundId: params.id, istat: params.istat },
    "RETURNED",
    await readJson(request),
  ),
}));
