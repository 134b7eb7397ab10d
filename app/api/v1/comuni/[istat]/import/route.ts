import { importQuerySchema, parseQuery } from "@/lib/api/queries";
import { apiRoute } from "@/lib/http/api-handler";
import { problem } from "@/lib/http/problem";
import { AppError } from "@/lib/errors";
import { parseMappingParam } from "@/lib/import/column-mapping";
import { commitImport, ImportRejected, previewImport, requireImporter } from "@/lib/import/import-projects";
import { readUpload, UPLOAD_BODY } from "@/lib/import/upload";

/**
 * POST /api/v1/comuni/{istat}/import[?anteprima=1][&token=…] — body (at most 5 MB): the CSV/XLSX file itself
 * (the file name in `x-file-name`, URI-encoded) or multipart form data with a `file` field. With the
 * session cookie the content type must be one of UPLOAD_BODY's (text/csv, the XLSX type,
 * application/octet-stream, multipart/form-data); with a token any type is read.
 * mappatura={"file header": "portal header" | null}: the column mapping (remembered for the comune).
 * anteprima=1 (alias dryRun=1): the preview report (nothing written). Otherwise: all-or-nothing import; a file with row errors
 * answers 422 problem+json with the report in `report`.
 */
export const POST = apiRoute<{ istat: string }>(
  async ({ actor, request, params }) => {
    requireImporter(actor, params.istat); // before reading the body: outside the scope is a plain 404
    const query = parseQuery(importQuerySchema, request);
    let mapping;
    try {
      mapping = parseMappingParam(query.mapping);
    } catch (e) {
      throw new AppError("INVALID", (e as Error).message);
    }
    const file = await readUpload(request);
    if (query.dryRun) return previewImport(actor, params.istat, file, { mapping });
    try {
      return await commitImport(actor, params.istat, file, { token: query.token, mapping });
    } catch (e) {
      if (e instanceof ImportRejected) {
        const response = problem("INVALID", e.message);
        const body = (await response.json()) as Record<string, unknown>;
        return Response.json(
          { ...body, report: e.report },
          { status: response.status, headers: { "content-type": "application/problem+json" } },
        );
      }
      throw e;
    }
  },
  { body: UPLOAD_BODY },
);
