"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createApiToken, revokeApiToken } from "@/lib/users/api-tokens";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { changeOwnPassword } from "@/lib/users/change-password";
import { formatDay } from "@/lib/users/labels";
import { formDataToObject } from "@/lib/validation/schemas";

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    await changeOwnPassword(actor, formDataToObject(formData));
  });
  // Every session of the user ended with the change, this one too: log in again with the new password.
  if (state.ok) redirect("/login?avviso=password-cambiata");
  // Passwords are never sent back to the browser.
  return { ...state, values: undefined };
}

/** Creates a personal API token; its secret is returned once, in this answer only. */
export async function createApiTokenAction(
  _prev: FormState & { token?: string },
  formData: FormData,
): Promise<FormState & { token?: string }> {
  let created: Awaited<ReturnType<typeof createApiToken>> | undefined;
  const state = await runFormAction(formData, async (actor) => {
    created = await createApiToken(actor, formDataToObject(formData));
  });
  if (!state.ok || !created) return state;
  revalidatePath("/profilo");
  return {
    ok: true,
    message: `Token creato, scade il ${formatDay(created.summary.expiresAt)}. Copialo ora: non sarà più mostrato.`,
    token: created.token,
  };
}

export async function revokeApiTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(formData, async (actor) => {
    await revokeApiToken(actor, String(formData.get("id") ?? ""));
  });
  if (state.ok) revalidatePath("/profilo");
  return state.ok ? { ok: true, message: "Token revocato." } : state;
}
