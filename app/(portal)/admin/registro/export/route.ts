import { exportAudit } from "@/lib/audit/export-audit";
import { apiRoute } from "@/lib/http/api-handler";

/** GET /admin/registro/export?<the viewer's filters>: the audit log as CSV (administrators only, else 404). */
export const GET = apiRoute(async ({ actor, request }) =>
  exportAudit(actor, Object.fromEntries(new URL(request.url).searchParams)),
);
