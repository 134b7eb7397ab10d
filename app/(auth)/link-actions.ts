"use server";

import { redirect } from "next/navigation";
import { MESSAGES, toAppError } from "@/lib/errors";
import type { UserTokenKind } from "@/lib/generated/prisma/enums";
import type { FormState } from "@/lib/validation/form-state";
import { redeemLink } from "@/lib/users/redeem-link";
import { formDataToObject } from "@/lib/validation/schemas";

// Anonymous by nature: whoever holds the one-time link sets the password (lib/users/redeem-link.ts).
// Passwords are never sent back to the browser in the answer (no `values`).

async function redeem(kind: UserTokenKind, formData: FormData, notice: string): Promise<FormState> {
  try {
    await redeemLink(kind, String(formData.get("token") ?? ""), formDataToObject(formData));
  } catch (e) {
    const appError = toAppError(e);
    if (!appError) {
      console.error("Unhandled link redemption error", e);
      return { ok: false, message: "Errore imprevisto: la password non è stata salvata. Riprova." };
    }
    return {
      ok: false,
      code: appError.code,
      message: appError.code === "INVALID" ? MESSAGES.INVALID : appError.message,
      fieldErrors: appError.fieldErrors,
    };
  }
  redirect(`/login?avviso=${notice}`);
}

export async function activateAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return redeem("ACTIVATION", formData, "attivato");
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return redeem("PASSWORD_RESET", formData, "reimpostata");
}
