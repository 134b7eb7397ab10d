import { apiRoute } from "@/lib/http/api-handler";
import { getProjectForActor } from "@/lib/projects/get-project";
import { restoreProject } from "@/lib/projects/save-project";
import { serializeProject } from "@/lib/projects/serialize";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  await restoreProject(actor, params.id);
  return { data: serializeProject(await getProjectForActor(actor, params.id)) };
});
