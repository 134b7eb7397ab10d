import { parseQuery, projectsQuerySchema } from "@/lib/api/queries";
import { apiRoute, readJson } from "@/lib/http/api-handler";
import { getProjectForActor } from "@/lib/projects/get-project";
import { listProjects } from "@/lib/projects/list-projects";
import { createProject } from "@/lib/projects/save-project";
import { serializeProject, serializeProjectSummary } from "@/lib/projects/serialize";

/** The documented filters: lib/api/queries.ts (projectsQuerySchema); invalid values → 422. */
export const GET = apiRoute(async ({ actor, request }) => {
  const result = await listProjects(actor, parseQuery(projectsQuerySchema, request));
  return {
    data: result.items.map(serializeProjectSummary),
    meta: { page: result.page, pageSize: result.pageSize, total: result.total, pages: result.pages },
  };
});

export const POST = apiRoute(async ({ actor, request }) => {
  const created = await createProject(actor, await readJson(request));
  return Response.json(
    { data: serializeProject(await getProjectForActor(actor, created.id)) },
    { status: 201 },
  );
});
