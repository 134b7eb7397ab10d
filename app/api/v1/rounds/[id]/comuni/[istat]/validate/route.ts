import { apiRoute, readJson } from "@/lib/http/api-handler";
import { decideSubmission } from "@/lib/rounds/submission";

/** POST /api/v1/rounds/{id}/comuni/{istat}/validate — the coordinator validates a submission. */
export const POST = apiRoute<{ id: string; istat: string }>(async ({ actor, request, params }) => ({
  data: await decideSubmission(
    actor,
    { roundId: params.id, istat: params.istat },
    "VALIDATED",
    await readJson(request),
  ),
}));
