// The regional taxonomy: streams ("filoni di intervento") and Smart Lands; comune membership changes.
import * as z from "zod";
import { PNRR_MISSIONS, PROGRAMME_VALUES, THEMES } from "@/lib/format";
import type { PnrrMission, ProgrammeValue, Theme } from "@/lib/generated/prisma/enums";
import { isValidIstatComune } from "./identifiers";
import { MAX_VERSION } from "./schemas";
import { refineText } from "./text";

export const TAXONOMY_MESSAGES = {
  required: "Campo obbligatorio.",
  code: "Codice non valido: da 2 a 16 lettere maiuscole, cifre o trattini, ad esempio SL-11.",
  name: "Inserisci un nome (da 3 a 120 caratteri).",
  description: "Al massimo 2.000 caratteri.",
  theme: "Scegli un tema OpenCoesione.",
  mission: "Scegli una missione PNRR valida.",
  values: "Scegli almeno uno dei valori del programma.",
  phase: "Indica la fase (da 1 a 60 caratteri), ad esempio «Fase 1».",
  members: "Scegli almeno un comune aderente.",
  member: "Uno dei comuni scelti non è valido.",
  lead: "Il comune capofila deve essere tra i comuni della Smart Land.",
  version: "Versione non valida: ricarica la pagina.",
  codeTaken: "Esiste già un filone con questo codice.",
  slugTaken: "Esiste già una Smart Land con questo nome.",
} as const;

const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && !raw.trim());
const trimmed = (raw: unknown) => (typeof raw === "string" ? raw.trim() : raw);
const list = (raw: unknown) => (blank(raw) ? [] : Array.isArray(raw) ? raw : [raw]);

const text = (min: number, max: number, message: string) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: TAXONOMY_MESSAGES.required })
      .min(min, message)
      .max(max, message)
      .superRefine(refineText()),
  );
const description = z.preprocess(
  (raw) => (blank(raw) ? "" : trimmed(raw)),
  z
    .string({ error: TAXONOMY_MESSAGES.description })
    .max(2000, TAXONOMY_MESSAGES.description)
    .superRefine(refineText({ multiline: true })),
);
const oneOf = <T extends string>(values: readonly T[], message: string) =>
  z.preprocess(
    trimmed,
    z.custom<T>((v) => typeof v === "string" && (values as readonly string[]).includes(v), {
      error: message,
    }),
  );

export const versionField = z.preprocess(
  (raw) => (typeof raw === "string" && /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : raw),
  z
    .number({ error: TAXONOMY_MESSAGES.version })
    .int(TAXONOMY_MESSAGES.version)
    .min(1, TAXONOMY_MESSAGES.version)
    .max(MAX_VERSION, TAXONOMY_MESSAGES.version),
);

export const streamSchema = z.object({
  code: z.preprocess(
    (raw) => (typeof raw === "string" ? raw.trim().toUpperCase() : raw),
    z
      .string({ error: TAXONOMY_MESSAGES.required })
      .regex(/^[A-Z0-9][A-Z0-9-]{1,15}$/, TAXONOMY_MESSAGES.code),
  ),
  name: text(3, 120, TAXONOMY_MESSAGES.name),
  description,
  theme: oneOf<Theme>(THEMES, TAXONOMY_MESSAGES.theme),
  pnrrMission: z.preprocess(
    (raw) => (blank(raw) ? null : trimmed(raw)),
    z
      .custom<PnrrMission>((v) => typeof v === "string" && (PNRR_MISSIONS as readonly string[]).includes(v), {
        error: TAXONOMY_MESSAGES.mission,
      })
      .nullable(),
  ),
  values: z.preprocess(
    list,
    z
      .array(oneOf<ProgrammeValue>(PROGRAMME_VALUES, TAXONOMY_MESSAGES.values))
      .min(1, TAXONOMY_MESSAGES.values)
      .transform((v) => [...new Set(v)]),
  ),
});
export const streamUpdateSchema = streamSchema.extend({ version: versionField });
export type StreamData = z.output<typeof streamSchema>;

export const smartLandSchema = z
  .object({
    name: text(3, 120, TAXONOMY_MESSAGES.name),
    phase: text(1, 60, TAXONOMY_MESSAGES.phase),
    description,
    members: z.preprocess(
      list,
      z
        .array(
          z
            .string({ error: TAXONOMY_MESSAGES.member })
            .refine((v) => isValidIstatComune(v), TAXONOMY_MESSAGES.member),
        )
        .min(1, TAXONOMY_MESSAGES.members)
        .transform((v) => [...new Set(v)]),
    ),
    leadIstat: z.preprocess(
      (raw) => (blank(raw) ? null : trimmed(raw)),
      z
        .string({ error: TAXONOMY_MESSAGES.lead })
        .refine((v) => isValidIstatComune(v), TAXONOMY_MESSAGES.lead)
        .nullable(),
    ),
  })
  .superRefine((d, ctx) => {
    if (d.leadIstat && !d.members.includes(d.leadIstat)) {
      ctx.addIssue({ code: "custom", path: ["leadIstat"], message: TAXONOMY_MESSAGES.lead });
    }
  });
export const smartLandUpdateSchema = z.intersection(smartLandSchema, z.object({ version: versionField }));
export type SmartLandData = z.output<typeof smartLandSchema>;

/** "Sud Est Milano" → "sud-est-milano": the Smart Land's stable URL segment. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
