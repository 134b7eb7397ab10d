import { milestonesQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { listMilestones } from "@/lib/phases/milestones";

/** GET /api/v1/smart-lands/{slug}/milestones?vista=&giorni=&comune=&filone=&pagina= — late or due phases. */
export const GET = apiRoute<{ slug: string }>(async ({ actor, request, params }) => ({
  data: await listMilestones(actor, {
    ...parseQuery(milestonesQuerySchema, request),
    smartLand: params.slug,
  }),
}));
