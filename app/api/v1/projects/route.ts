import { apiRoute, readJson } from "@/lib/http/api-handler";
import { getProjectForActor } from "@/lib/projects/get-project";
import { listProjects, MAX_PAGE_SIZE } from "@/lib/projects/list-projects";
import { parseListParams } from "@/lib/projects/list-query";
import { createProject } from "@/lib/projects/save-project";
import { serializeProject, serializeProjectSummary } from "@/lib/projects/serialize";

export const GET = apiRoute(async ({ actor, request }) => {
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const page = Number(params.page ?? 1) || 1;
  const pageSize = Math.min(Number(params.pageSize ?? 25) || 25, MAX_PAGE_SIZE);
  const query = parseListParams(params);
  const result = await listProjects(actor, {
    ...query,
    scope: params.ambito ? query.scope : "all",
    comuneIstat: params.comune,
    page,
    pageSize,
  });
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
