// The one schema family of every password form (activation, reset, own change): the new password follows
// password-policy.ts and is typed twice. Server-only: the policy reads the common-password list.
import "server-only";
import * as z from "zod";
import { PASSWORD_MESSAGES, passwordProblem } from "./password-policy";

const anyText = () => z.string({ error: PASSWORD_MESSAGES.required });

/** `email`: the account's address, which the password may not repeat. Passwords are never trimmed. */
function newPasswordFields(email: string | null) {
  return {
    password: anyText().superRefine((value, ctx) => {
      const problem = passwordProblem(value, email);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    passwordConfirm: anyText(),
  };
}

function confirmationMatches(value: { password?: unknown; passwordConfirm?: unknown }, ctx: z.RefinementCtx) {
  if (typeof value.passwordConfirm === "string" && value.passwordConfirm !== value.password) {
    ctx.addIssue({ code: "custom", message: PASSWORD_MESSAGES.mismatch, path: ["passwordConfirm"] });
  }
}

// Runs even when the new password broke a rule, so both messages are shown at once.
const whenObject = { when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null };

/** Activation and reset links: new password + confirmation. */
export function newPasswordSchema(email: string | null) {
  return z.object(newPasswordFields(email)).superRefine(confirmationMatches, whenObject);
}

/** The user's own change: the current password as well. */
export function changePasswordSchema(email: string | null) {
  return z
    .object({
      currentPassword: anyText().min(1, PASSWORD_MESSAGES.required).max(256, PASSWORD_MESSAGES.wrongCurrent),
      ...newPasswordFields(email),
    })
    .superRefine(confirmationMatches, whenObject);
}
