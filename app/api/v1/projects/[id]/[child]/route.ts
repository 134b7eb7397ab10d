import { apiRoute, readJson } from "@/lib/http/api-handler";
import { childCollection, serializeChild } from "@/lib/api/child-records";
import { getProjectForActor } from "@/lib/projects/get-project";
import { serializeProject } from "@/lib/projects/serialize";

type Params = { id: string; child: string };

/** GET /api/v1/projects/{id}/(funding-lines|actions|indicators) */
export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const collection = childCollection(params.child);
  const project = serializeProject(await getProjectForActor(actor, params.id));
  return { data: project[collection.pick] };
});

export const POST = apiRoute<Params>(async ({ actor, params, request }) => {
  const collection = childCollection(params.child);
  const row = await collection.create(actor, params.id, await readJson(request));
  const item = serializeChild(await getProjectForActor(actor, params.id), collection, row.id);
  return Response.json({ data: item }, { status: 201 });
});
