import { deleteProjectQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute, readJson } from "@/lib/http/api-handler";
import { getProjectForActor } from "@/lib/projects/get-project";
import { deleteProject, updateProject } from "@/lib/projects/save-project";
import { serializeProject } from "@/lib/projects/serialize";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return { data: serializeProject(await getProjectForActor(actor, params.id)) };
});

/** Full update: send every field plus the `version` you read (409 if someone saved in between). */
export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await updateProject(actor, params.id, await readJson(request));
  return { data: serializeProject(await getProjectForActor(actor, params.id)) };
});

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const { version } = parseQuery(deleteProjectQuerySchema, request);
  await deleteProject(actor, params.id, version);
  return new Response(null, { status: 204 });
});
