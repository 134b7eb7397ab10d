"use server";

import { headers } from "next/headers";
import { clientAddressOf } from "@/lib/http/client-address.mjs";
import { toAppError } from "@/lib/errors";
import { requestPasswordReset, SELF_RESET_ANSWER } from "@/lib/users/self-reset";
import type { FormState } from "@/lib/validation/form-state";
import { formDataToObject } from "@/lib/validation/schemas";

// Anonymous: the answer never tells whether the address has an account (lib/users/self-reset.ts).
export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const input = formDataToObject(formData);
  try {
    await requestPasswordReset(input, clientAddressOf(await headers()));
  } catch (e) {
    const appError = toAppError(e);
    if (appError?.code === "INVALID") {
      return {
        ok: false,
        code: appError.code,
        message: "Controlla l'indirizzo email.",
        fieldErrors: appError.fieldErrors,
        values: { email: String(input.email ?? "") },
      };
    }
    // The same answer as a success: a failure must not tell an address with an account from one without.
    console.error("Self-service password reset failed", appError?.code ?? "unexpected error");
  }
  return { ok: true, message: SELF_RESET_ANSWER };
}
