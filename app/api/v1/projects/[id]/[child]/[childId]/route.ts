import { apiRoute, readJson } from "@/lib/http/api-handler";
import { childCollection, serializeChild } from "@/lib/api/child-records";
import { getProjectForActor } from "@/lib/projects/get-project";

type Params = { id: string; child: string; childId: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const collection = childCollection(params.child);
  return { data: serializeChild(await getProjectForActor(actor, params.id), collection, params.childId) };
});

/** Full update with the `version` you read (409 if someone saved in between). */
export const PATCH = apiRoute<Params>(async ({ actor, params, request }) => {
  const collection = childCollection(params.child);
  await collection.update(actor, params.id, params.childId, await readJson(request));
  return { data: serializeChild(await getProjectForActor(actor, params.id), collection, params.childId) };
});

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  await childCollection(params.child).remove(actor, params.id, params.childId);
  return new Response(null, { status: 204 });
});
