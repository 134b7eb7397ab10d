import { problemFromError } from "@/lib/http/problem";
import { publicDocumentResponse } from "@/lib/public/public-documents";

/**
 * GET /progetti/{id}/documenti/{documentId} — a public document of a published project, for anyone.
 * Reserved, deleted, a draft's or unknown: the same 404 (row-level security decides, as the anonymous reader).
 */
export async function GET(
  _request: Request,
  context: { params: Promise<{ id: string; documentId: string }> },
) {
  const { id, documentId } = await context.params;
  try {
    return await publicDocumentResponse(id, documentId);
  } catch (e) {
    return problemFromError(e);
  }
}
