import { getComuneAdherence } from "@/lib/adherence/adherence";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /api/v1/comuni/{istat}/adherence — the comune's Smart Lands, acts and plan statuses. */
export const GET = apiRoute<{ istat: string }>(async ({ actor, params }) => ({
  data: await getComuneAdherence(actor, params.istat),
}));
