import { getActor, type Actor } from "@/lib/auth/actor";
import { actorForRequest } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/errors";
import { problem, problemFromError } from "./problem";
import { reportRefusal } from "./refusal";

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper for /api/v1 route handlers: resolves the actor from a personal API token or the
 * session (401 without one), hands it to the handler, and turns every failure into problem+json.
 * Authorization happens in lib/. `sessionOnly` routes (token management) refuse token authentication.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (args: { actor: Actor; request: Request; params: P }) => Promise<Response | unknown>,
  options: { sessionOnly?: boolean } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let actor: Actor | null = null;
    try {
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
      const params = (await context.params) ?? ({} as P);
      const result = await handler({ actor, request, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      // A refusal by the authorization layer is audited (ACCESS_DENIED); the answer stays a 404.
      if (actor) await reportRefusal(e, { via: "api", method: request.method, path: request.url }, actor);
      return problemFromError(e);
    }
  };
}

/** Parses a JSON request body; malformed JSON is a 400-class problem, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("INVALID", "Il corpo della richiesta non è un JSON valido.");
  }
}
