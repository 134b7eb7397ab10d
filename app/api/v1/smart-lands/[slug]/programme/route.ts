import { apiRoute, readJson } from "@/lib/http/api-handler";
import { getProgrammeForActor, saveProgramme } from "@/lib/programme/programme";

type Params = { slug: string };

/** GET /api/v1/smart-lands/{slug}/programme — the programme plan (phases, envelopes, targets). */
export const GET = apiRoute<Params>(async ({ actor, params }) => ({
  data: await getProgrammeForActor(actor, params.slug),
}));

/** PUT — replaces the whole plan under its `version` (0 for the first save; 409 if stale). Coordinators. */
export const PUT = apiRoute<Params>(async ({ actor, params, request }) => ({
  data: await saveProgramme(actor, params.slug, await readJson(request)),
}));
