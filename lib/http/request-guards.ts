// What every /api/v1 request is checked for before a handler looks at it (apiRoute applies these):
// - its body's size (413 before the body is read in full: Content-Length first, then counted while streaming);
// - for a cookie-authenticated write: the portal's own origin (403) and the documented content type (415).
// Bearer-token requests are not checked for origin or type: a token is never attached by a browser on its
// own, so a foreign page cannot make a victim's browser send one.

import { AppError, MESSAGES } from "@/lib/errors";

/** JSON bodies: the largest real one (a project with a long summary) is a few KB. */
export const JSON_BODY_LIMIT = 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}`.replace(".", ",");

export const BODY_MESSAGES = {
  tooLarge: (limit: number) =>
    `Il corpo della richiesta è troppo grande: il limite è di ${megabytes(limit)} MB.`,
  json: "Tipo di contenuto non accettato: usa application/json.",
  document:
    "Tipo di contenuto non accettato: invia il file come application/octet-stream (o con il suo tipo, ad esempio application/pdf), con il nome nell'intestazione x-file-name.",
  upload:
    "Tipo di contenuto non accettato: invia il file come text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream o multipart/form-data.",
} as const;

const tooLarge = (limit: number, message?: string) =>
  new AppError("PAYLOAD_TOO_LARGE", message ?? BODY_MESSAGES.tooLarge(limit));

/** The declared Content-Length, or null when absent (chunked) or not a number. */
function declaredLength(request: Request): number | null {
  const raw = request.headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

/** Throws 413 when the request declares a body larger than `limit` (nothing of it is read). */
export function checkDeclaredSize(request: Request, limit: number, message?: string): void {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw tooLarge(limit, message);
}

/**
 * The whole body, at most `limit` bytes: a larger declared Content-Length is refused before reading, and
 * the bytes are counted as they stream in (a missing or lying Content-Length gains nothing): past the
 * limit the stream is cancelled and 413 is thrown. Never more than `limit` + one chunk is buffered.
 */
export async function readBody(request: Request, limit: number, message?: string): Promise<Uint8Array> {
  checkDeclaredSize(request, limit, message);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit, message);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// Cross-site writes

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const isUnsafeMethod = (method: string) => UNSAFE.has(method.toUpperCase());

/** The portal's public origin when NEXTAUTH_URL names it (behind a proxy), else null. */
function configuredOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    return null;
  }
}

/**
 * True when a cookie-authenticated request may write: it comes from the portal's own pages, or from no
 * browser at all.
 *
 * - `Sec-Fetch-Site` (every current browser sends it) decides when present: only "same-origin" passes.
 *   "same-site" is refused too: a sibling subdomain or another port of the same host is another
 *   application, and SameSite=Lax cookies do reach the portal from there.
 * - Otherwise `Origin`: browsers send it on every POST/PUT/PATCH/DELETE, same-origin ones included. It must
 *   equal the portal's origin: NEXTAUTH_URL's, or the request's own host (x-forwarded-host or Host), as
 *   Next.js compares it for server actions (proxy.ts). "null" (sandboxed frames, some redirects) is foreign.
 * - Neither header: not a browser (curl, a script, a test client holding the cookie itself). A browser
 *   cannot be made to omit both on a cross-site write, so such a request is not a forgery.
 */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === configuredOrigin()) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return host !== null && parsed.host === host;
}

/** The body kinds an operation documents (lib/api/openapi.ts), as media types. */
export type BodyKind = "json" | "upload" | "document";

/** What an operation takes as its body: its kind (documented content types) and its size limit. */
export type BodySpec = { kind: BodyKind; limit: number; tooLarge?: string };

export const JSON_BODY: BodySpec = { kind: "json", limit: JSON_BODY_LIMIT };

const ACCEPTED: Record<BodyKind, readonly string[]> = {
  json: ["application/json"],
  // The import: the file itself (the portal's own page sends application/octet-stream) or a form.
  upload: [
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
    "multipart/form-data",
  ],
  // A document (issue #18): the file itself as the body, its name in `x-file-name`. The declared type is
  // only a gate against foreign pages (none of these is sendable cross-site without a preflight); what
  // the file is comes from its bytes (lib/documents/detect.ts).
  document: [
    "application/octet-stream",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/tiff",
    "application/pkcs7-mime",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.graphics",
  ],
};

const mediaType = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/** True when the request carries a body (a declared length above 0, chunked, or a content type). */
function hasBody(request: Request): boolean {
  const declared = declaredLength(request);
  if (declared !== null) return declared > 0 || request.headers.has("content-type");
  return request.headers.has("transfer-encoding") || request.headers.has("content-type");
}

/**
 * Refuses a cookie-authenticated unsafe request from another site (403 FORBIDDEN_ORIGIN) or with a content
 * type the operation does not document (415). A request without a body (DELETE, restore) needs no type.
 * The type matters because text/plain, form-urlencoded and multipart are what a foreign page can send
 * without the browser first asking the portal (a CORS preflight, which the portal never grants).
 */
export function checkSessionWrite(request: Request, body: BodyKind): void {
  if (!isUnsafeMethod(request.method)) return;
  if (!isSameOriginRequest(request)) throw new AppError("FORBIDDEN_ORIGIN", MESSAGES.FORBIDDEN_ORIGIN);
  if (!hasBody(request)) return;
  const type = mediaType(request);
  const accepted = ACCEPTED[body];
  const ok =
    body === "json"
      ? accepted.includes(type) || /^application\/[\w.+-]+\+json$/.test(type)
      : accepted.includes(type);
  if (!ok) throw new AppError("UNSUPPORTED_MEDIA_TYPE", BODY_MESSAGES[body]);
}
