import { submitPlan } from "@/lib/adherence/adherence";
import { apiRoute, readJson } from "@/lib/http/api-handler";

/** POST /api/v1/comuni/{istat}/adherence/{slug}/plans/{stream}/submit — the officer submits the draft. */
export const POST = apiRoute<{ istat: string; slug: string; stream: string }>(
  async ({ actor, request, params: { stream, ...scope } }) => ({
    data: await submitPlan(actor, scope, stream, await readJson(request)),
  }),
);
