import { saveAdherence } from "@/lib/adherence/adherence";
import { apiRoute, readJson } from "@/lib/http/api-handler";

/** PUT /api/v1/comuni/{istat}/adherence/{slug} — records or edits the act of adherence. */
export const PUT = apiRoute<{ istat: string; slug: string }>(async ({ actor, request, params }) => ({
  data: await saveAdherence(actor, params, await readJson(request)),
}));
