"use server";

import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/http/server-action";
import { changeOwnPassword } from "@/lib/users/change-password";
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
