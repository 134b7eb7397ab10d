import { apiRoute } from "@/lib/http/api-handler";
import { getProjectForActor } from "@/lib/projects/get-project";
import { serializeProject } from "@/lib/projects/serialize";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const project = await getProjectForActor(actor, params.id);
  return { data: serializeProject(project) };
});
