import { decidePlan } from "@/lib/adherence/adherence";
import { apiRoute, readJson } from "@/lib/http/api-handler";

/** POST /api/v1/comuni/{istat}/adherence/{slug}/plans/{stream}/return — the coordinator returns a submitted plan with a comment. */
export const POST = apiRoute<{ istat: string; slug: string; stream: string }>(
  async ({ actor, request, params: { stream, ...scope } }) => ({
    data: await decidePlan(actor, scope, stream, "RETURNED", await readJson(request)),
  }),
);
