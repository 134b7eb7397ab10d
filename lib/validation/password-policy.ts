import "server-only";
// The list is bundled with this module (a JSON import, located from here): no file is read at run time.
import COMMON_PASSWORDS from "./common-passwords.json";

/** NIST SP 800-63B style: length over composition rules, and no password from a list of common ones. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_MESSAGES = {
  required: "Campo obbligatorio.",
  tooShort: `La password deve avere almeno ${PASSWORD_MIN_LENGTH} caratteri.`,
  tooLong: `La password può avere al massimo ${PASSWORD_MAX_LENGTH} caratteri.`,
  common: "Questa password è tra le più usate e facili da indovinare: scegline un'altra.",
  email: "La password non può coincidere con il tuo indirizzo email.",
  mismatch: "Le due password non coincidono.",
  wrongCurrent: "La password attuale non è corretta.",
  sameAsCurrent: "La nuova password deve essere diversa da quella attuale.",
} as const;

let common: Set<string> | undefined;

/** The shipped list (common-passwords.json beside this module, its source in its "about"), built once. */
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.passwords.map((p) => p.trim().toLowerCase()));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** The first rule a new password breaks, as an Italian message; null when it is acceptable. */
export function passwordProblem(password: string, email?: string | null): string | null {
  if (password.length === 0) return PASSWORD_MESSAGES.required;
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (password.length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;
  if (email) {
    const p = password.trim().toLowerCase();
    const e = email.trim().toLowerCase();
    if (p === e || p === e.split("@")[0]) return PASSWORD_MESSAGES.email;
  }
  if (isCommonPassword(password)) return PASSWORD_MESSAGES.common;
  return null;
}
