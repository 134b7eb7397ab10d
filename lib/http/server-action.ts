import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getActor, type Actor } from "@/lib/auth/actor";
import { pinReadsToPrimary } from "@/lib/db/reader";
import { AppError, MESSAGES, toAppError } from "@/lib/errors";
import type { FormState } from "@/lib/validation/form-state";
import { reportRefusal } from "./refusal";
import { requestPath } from "./request-path";

export type { FormState };

export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$") || typeof value !== "string") continue;
    const prev = values[key];
    if (prev === undefined) values[key] = value;
    else values[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return values;
}

/**
 * The one wrapper for server actions: the actor comes from the session (never from the form), the work
 * runs in lib/, and expected failures come back as Italian messages; unexpected ones are logged only.
 */
export async function runFormAction(
  formData: FormData,
  work: (actor: Actor) => Promise<Omit<FormState, "ok"> | void>,
): Promise<FormState> {
  const values = formValues(formData);
  let actor: Actor | null = null;
  try {
    actor = await getActor();
    if (!actor) return { ok: false, code: "UNAUTHENTICATED", message: MESSAGES.UNAUTHENTICATED, values };
    const result = await work(actor);
    return { ok: true, ...(result ?? {}) };
  } catch (e) {
    unstable_rethrow(e); // redirect() / notFound() are control flow, not failures
    if (actor) await reportActionRefusal(e, actor, formData);
    const appError = toAppError(e);
    if (!appError) {
      console.error("Unhandled server action error", e);
      return { ok: false, message: "Errore imprevisto: i dati non sono stati salvati. Riprova.", values };
    }
    return {
      ok: false,
      code: appError.code,
      message: appError.message,
      fieldErrors: appError.fieldErrors,
      values,
    };
  } finally {
    // Read-your-writes: this user's next reads skip the replica for a few seconds (lib/db/reader.ts).
    pinReadsToPrimary(actor?.userId);
  }
}

/**
 * An action refused by the authorization layer is audited with the page it was posted to: a server action is
 * a POST to the page's own URL, so the path is the request's (as proxy.ts passes it on), never a Referer the
 * client chose.
 */
async function reportActionRefusal(e: unknown, actor: Actor, formData: FormData) {
  const path = await requestPath();
  const id = formData.get("id");
  await reportRefusal(
    e,
    { via: "action", method: "POST", path, requestedId: typeof id === "string" ? id : null },
    actor,
  );
}

export { AppError };
