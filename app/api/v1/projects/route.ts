import { apiRoute } from "@/lib/http/api-handler";
import { listProjects, MAX_PAGE_SIZE } from "@/lib/projects/list-projects";
import { serializeProjectSummary } from "@/lib/projects/serialize";

export const GET = apiRoute(async ({ actor, request }) => {
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? 1) || 1;
  const pageSize = Math.min(Number(url.searchParams.get("pageSize") ?? 25) || 25, MAX_PAGE_SIZE);
  const result = await listProjects(actor, { page, pageSize });
  return {
    data: result.items.map(serializeProjectSummary),
    meta: { page: result.page, pageSize: result.pageSize, total: result.total, pages: result.pages },
  };
});
