import { AppError, MESSAGES, toAppError, type ErrorCode, type FieldErrors } from "@/lib/errors";

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 404, // outside the actor's scope is "not found", never "forbidden"
  CONFLICT: 409,
  INVALID: 422,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // A cross-site write is refused as such (never mapped to 404 like FORBIDDEN): it reveals nothing about
  // any record, and the browser's user is better told what happened.
  FORBIDDEN_ORIGIN: 403,
};

/** RFC 9457 problem details; `errors` carries field-level messages for invalid input. */
export function problem(
  code: ErrorCode | "INTERNAL",
  detail?: string,
  errors?: FieldErrors,
  headers?: HeadersInit,
): Response {
  // Outside the actor's scope is indistinguishable from absent, down to the body.
  if (code === "FORBIDDEN") code = "NOT_FOUND";
  const status = code === "INTERNAL" ? 500 : STATUS[code];
  const title = code === "INTERNAL" ? "Errore interno. Riprova più tardi." : MESSAGES[code];
  const body = {
    type: `/problems/${code.toLowerCase().replace(/_/g, "-")}`,
    title,
    status,
    code,
    ...(detail && detail !== title ? { detail } : {}),
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  };
  return Response.json(body, {
    status,
    headers: { "content-type": "application/problem+json", ...(headers ?? {}) },
  });
}

export function problemFromError(e: unknown): Response {
  const appError = toAppError(e);
  if (appError) {
    const headers = appError.code === "UNAVAILABLE" ? { "retry-after": "5" } : undefined;
    return problem(appError.code, appError.message, appError.fieldErrors, headers);
  }
  console.error("Unhandled API error", e);
  return problem("INTERNAL");
}

export { AppError };
