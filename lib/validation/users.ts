// Users administration: one schema for the account's fields; create/update shapes derived from it.
import * as z from "zod";
import { ROLES } from "@/lib/format";
import type { Role } from "@/lib/generated/prisma/enums";
import { isValidIstatComune } from "./identifiers";
import { MAX_VERSION } from "./schemas";
import { refineText } from "./text";

export const USER_MESSAGES = {
  required: "Campo obbligatorio.",
  name: "Inserisci nome e cognome (da 2 a 120 caratteri).",
  email: "Indirizzo email non valido: scrivi ad esempio nome.cognome@comune.it.",
  role: "Scegli un ruolo.",
  comuneRequired: "Scegli il comune del referente.",
  comune: "Scegli un comune aderente e non sospeso.",
  version: "Versione non valida: ricarica la pagina.",
  emailTaken: "Esiste già un utente con questo indirizzo email.",
} as const;

const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && !raw.trim());
const trimmed = (raw: unknown) => (typeof raw === "string" ? raw.trim() : raw);

const name = z.preprocess(
  trimmed,
  z
    .string({ error: USER_MESSAGES.required })
    .min(2, USER_MESSAGES.name)
    .max(120, USER_MESSAGES.name)
    .superRefine(refineText()),
);
const email = z.preprocess(
  (raw) => (typeof raw === "string" ? raw.trim().toLowerCase() : raw),
  z
    .string({ error: USER_MESSAGES.required })
    .min(1, USER_MESSAGES.required)
    .max(254, USER_MESSAGES.email)
    .pipe(z.email({ error: USER_MESSAGES.email })),
);
/** «Password dimenticata?»: the address only. */
export const forgotPasswordSchema = z.object({ email });

const role = z.preprocess(
  trimmed,
  z.custom<Role>((v) => typeof v === "string" && (ROLES as readonly string[]).includes(v), {
    error: USER_MESSAGES.role,
  }),
);
const comuneIstat = z.preprocess(
  (raw) => (blank(raw) ? null : trimmed(raw)),
  z
    .string({ error: USER_MESSAGES.comune })
    .refine((v) => isValidIstatComune(v), USER_MESSAGES.comune)
    .nullable(),
);
const version = z.preprocess(
  (raw) => (typeof raw === "string" && /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : raw),
  z
    .number({ error: USER_MESSAGES.version })
    .int(USER_MESSAGES.version)
    .min(1, USER_MESSAGES.version)
    .max(MAX_VERSION, USER_MESSAGES.version),
);

/** An officer belongs to exactly one comune; coordinators and administrators to none. */
function comuneMatchesRole(value: { role?: unknown; comuneIstat?: unknown }, ctx: z.RefinementCtx) {
  if (value.role === "OFFICER" && !value.comuneIstat) {
    ctx.addIssue({ code: "custom", message: USER_MESSAGES.comuneRequired, path: ["comuneIstat"] });
  }
}
// Runs even when other fields failed, so every problem is shown at once.
const whenObject = { when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null };

const assignment = { role, comuneIstat };

export const userCreateSchema = z
  .object({ name, email, ...assignment })
  .superRefine(comuneMatchesRole, whenObject)
  .transform((v) => ({ ...v, comuneIstat: v.role === "OFFICER" ? v.comuneIstat : null }));

/** Role and comune of an existing user (the e-mail is the login name: not editable here). */
export const userAssignmentSchema = z
  .object({ ...assignment, version })
  .superRefine(comuneMatchesRole, whenObject)
  .transform((v) => ({ ...v, comuneIstat: v.role === "OFFICER" ? v.comuneIstat : null }));

export const userVersionSchema = z.object({ version });

export type UserCreateData = z.output<typeof userCreateSchema>;
export type UserAssignmentData = z.output<typeof userAssignmentSchema>;
