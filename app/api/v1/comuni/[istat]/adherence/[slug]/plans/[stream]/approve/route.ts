import { decidePlan } from "@/lib/adherence/adherence";
import { apiRoute, readJson } from "@/lib/http/api-handler";

/** POST /api/v1/comuni/{istat}/adherence/{slug}/plans/{stream}/approve — the coordinator approves a submitted plan. */
export const POST = apiRoute<{ istat: string; slug: string; stream: string }>(
  async ({ actor, request, params: { stream, ...scope } }) => ({
    data: await decidePlan(actor, scope, stream, "APPROVED", await readJson(request)),
  }),
);
