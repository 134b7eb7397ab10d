import type { BodySpec } from "@/lib/http/request-guards";
import { DOCUMENT_MAX_BYTES, DOCUMENT_MESSAGES } from "./detect";

/** The body of a document upload: the file itself, at most 20 MB (413 from Content-Length, then counted). */
export const DOCUMENT_BODY: BodySpec = {
  kind: "document",
  limit: DOCUMENT_MAX_BYTES,
  tooLarge: DOCUMENT_MESSAGES.tooLarge,
};

/** The file's name from `x-file-name` (URI-encoded, so any Unicode name fits in a header), or "". */
export function fileNameHeader(request: Request): string {
  const raw = request.headers.get("x-file-name") ?? "";
  try {
    return decodeURIComponent(raw).slice(0, 1000);
  } catch {
    return raw.slice(0, 1000);
  }
}
