// The one rule for text that people type or upload (forms, the API, imports):
// - PostgreSQL cannot store the NUL character (text columns refuse byte 0x00) nor UTF-16 surrogates without
//   their other half (not Unicode characters; the database driver refuses them);
// - no C0 or C1 control character is ever stored (U+0000–U+001F, U+007F–U+009F): they are invisible, break
//   exports and are the trace of a file read with the wrong encoding (Windows-1252's "–" read as latin1 is
//   U+0096). Tab, line feed and carriage return are allowed only in multi-line fields (a description).
// Every text field of lib/validation goes through `textProblem` (or `refineText` for plain zod strings), so
// forms, the API and imports refuse such text with a field message instead of storing it.

import type * as z from "zod";

export const UNSTORABLE_TEXT = "Il testo contiene caratteri non ammessi (ad esempio il carattere nullo).";

export const TEXT_MESSAGES = {
  unstorable: UNSTORABLE_TEXT,
  /** A control character; `code` as "U+0096". */
  control: (code: string) =>
    `Il testo contiene un carattere di controllo non ammesso (${code}), spesso dovuto a un file salvato con un'altra codifica: cancellalo o riscrivi il testo.`,
  singleLine: "Questo campo va scritto su una sola riga: togli gli a capo e le tabulazioni.",
} as const;

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 and C1 control characters (DEL included). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, less tab, line feed and carriage return (allowed in multi-line text). */
const CONTROL_NOT_LAYOUT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

export type TextOptions = {
  /** Tab, line feed and carriage return are allowed (descriptions, summaries). */
  multiline?: boolean;
};

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `value` may not be stored as text, as an Italian message; null when it may. */
export function textProblem(value: string, { multiline = false }: TextOptions = {}): string | null {
  if (UNSTORABLE.test(value)) return TEXT_MESSAGES.unstorable;
  const control = (multiline ? CONTROL_NOT_LAYOUT : CONTROL).exec(value);
  if (!control) return null;
  return /[\t\n\r]/.test(control[0])
    ? TEXT_MESSAGES.singleLine
    : TEXT_MESSAGES.control(codePoint(control[0]));
}

/** `textProblem` as a zod refinement: `z.string().superRefine(refineText())`. */
export function refineText(options: TextOptions = {}) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

/** `value` without the characters PostgreSQL cannot store (for search boxes: nothing to refuse there). */
export function storableText(value: string): string {
  return value.replace(new RegExp(UNSTORABLE, "g"), "");
}
