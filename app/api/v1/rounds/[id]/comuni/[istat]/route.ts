import { apiRoute } from "@/lib/http/api-handler";
import { getSubmissionForActor } from "@/lib/rounds/submission";

/** GET /api/v1/rounds/{id}/comuni/{istat} — the comune's submission, its checklist, snapshot and history. */
export const GET = apiRoute<{ id: string; istat: string }>(async ({ actor, params }) => ({
  data: await getSubmissionForActor(actor, { roundId: params.id, istat: params.istat }),
}));
