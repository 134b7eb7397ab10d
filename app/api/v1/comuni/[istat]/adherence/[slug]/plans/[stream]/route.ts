import { getPlanForActor, savePlan } from "@/lib/adherence/adherence";
import { apiRoute, readJson } from "@/lib/http/api-handler";

type Params = { istat: string; slug: string; stream: string };

/** GET /api/v1/comuni/{istat}/adherence/{slug}/plans/{stream} — the plan and its history. */
export const GET = apiRoute<Params>(async ({ actor, params: { stream, ...scope } }) => ({
  data: await getPlanForActor(actor, scope, stream),
}));

/** PUT — saves the plan (a draft; a returned or approved plan becomes a new draft revision). */
export const PUT = apiRoute<Params>(async ({ actor, request, params: { stream, ...scope } }) => ({
  data: await savePlan(actor, scope, stream, await readJson(request)),
}));
