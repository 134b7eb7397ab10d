import "server-only";
import { getActor, type Actor } from "@/lib/auth/actor";
import { actorForRequest } from "@/lib/auth/bearer-token";
import { pinReadsToPrimary } from "@/lib/db/reader";
import { AppError } from "@/lib/errors";
import { problem, problemFromError } from "./problem";
import { reportRefusal } from "./refusal";
import {
  checkDeclaredSize,
  checkSessionWrite,
  JSON_BODY,
  JSON_BODY_LIMIT,
  readBody,
  type BodySpec,
} from "./request-guards";

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper for /api/v1 route handlers: resolves the actor from a personal API token or the
 * session (401 without one), hands it to the handler, and turns every failure into problem+json.
 * Authorization happens in lib/. `sessionOnly` routes (token management) refuse token authentication.
 *
 * Before the handler (lib/http/request-guards.ts): a body declared larger than the operation's limit is
 * 413 (JSON by default, ~1 MB; the handler's own read counts the bytes too), and a cookie-authenticated
 * write must come from the portal's own origin (403) with the documented content type (415).
 */
export function apiRoute<P = Record<string, never>>(
  handler: (args: { actor: Actor; request: Request; params: P }) => Promise<Response | unknown>,
  options: { sessionOnly?: boolean; body?: BodySpec } = {},
) {
  const body = options.body ?? JSON_BODY;
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let actor: Actor | null = null;
    try {
      checkDeclaredSize(request, body.limit, body.tooLarge);
      const resolved = await actorForRequest(request, getActor);
      actor = resolved.actor;
      const via = resolved.via;
      if (!actor) return problem("UNAUTHENTICATED");
      if (options.sessionOnly && via === "token") {
        return problem(
          "UNAUTHENTICATED",
          "Questa operazione richiede l'accesso con le credenziali, non con un token.",
        );
      }
      if (via === "session") checkSessionWrite(request, body.kind);
      const params = (await context.params) ?? ({} as P);
      const result = await handler({ actor, request, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      // A refusal by the authorization layer is audited (ACCESS_DENIED); the answer stays a 404.
      if (actor) await reportRefusal(e, { via: "api", method: request.method, path: request.url }, actor);
      return problemFromError(e);
    } finally {
      // Read-your-writes after a writing method: this user's reads skip the replica for a few seconds.
      if (request.method !== "GET" && request.method !== "HEAD") pinReadsToPrimary(actor?.userId);
    }
  };
}

/**
 * Parses a JSON request body of at most JSON_BODY_LIMIT bytes (413 past it, counted while streaming);
 * malformed JSON is a 400-class problem, not a crash.
 */
export async function readJson(request: Request): Promise<unknown> {
  const bytes = await readBody(request, JSON_BODY_LIMIT);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new AppError("INVALID", "Il corpo della richiesta non è un JSON valido.");
  }
}
