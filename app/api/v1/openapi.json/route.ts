import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document. Public: it describes code, not data. */
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
