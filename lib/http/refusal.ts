import "server-only";
import { cache } from "react";
import { recordAccessDenied, type RefusalTarget } from "@/lib/audit/access-denied";
import { getActor, type Actor } from "@/lib/auth/actor";
import { AppError, toAppError } from "@/lib/errors";

/** A refusal by the authorization layer: lib/ answers "not found" for anything outside the actor's scope. */
export function isRefusal(e: unknown): e is AppError {
  return e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN");
}

// One record per path and request: a page that awaits several refused lookups at once logs one refusal.
const recordedThisRequest = cache(() => new Set<string>());

/**
 * Records an ACCESS_DENIED audit event when `e` is a refusal and a logged-in actor made the request.
 * Never throws: the caller goes on answering 404 whatever happens here.
 */
export async function reportRefusal(
  e: unknown,
  target: RefusalTarget,
  knownActor?: Actor | null,
): Promise<void> {
  // Also a row-level-security refusal (42501), which toAppError reads as "not found".
  if (!isRefusal(toAppError(e))) return;
  try {
    const actor = knownActor === undefined ? await getActor() : knownActor;
    if (!actor) return;
    const path = target.path ?? null;
    if (target.via === "page") {
      let seen: Set<string> | null = null;
      try {
        seen = recordedThisRequest();
      } catch {
        seen = null; // outside a React request scope: no de-duplication
      }
      const key = path ?? "-";
      if (seen?.has(key)) return;
      seen?.add(key);
    }
    await recordAccessDenied(actor, { ...target, path });
  } catch (err) {
    console.error("Could not report an access refusal", err);
  }
}
