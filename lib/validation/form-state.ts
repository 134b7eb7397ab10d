// A type-only import: erased from the client bundle, so the form stays free of server code.
import type { ErrorCode } from "@/lib/errors";

/** What every form's server action returns to the form (useActionState). Client-safe: types only. */
export type FormState = {
  ok: boolean;
  message?: string;
  code?: ErrorCode;
  fieldErrors?: Record<string, string[]>;
  /** The submitted values, so nothing typed is lost when the form is shown again. */
  values?: Record<string, string | string[]>;
  redirectTo?: string;
};

export const INITIAL_FORM_STATE: FormState = { ok: false };

/** The value to show in a field: what the user typed last (after a refused submit), else the saved one. */
export function shown(state: FormState, name: string, saved: string | null | undefined): string {
  const typed = state.values?.[name];
  if (typed !== undefined) return Array.isArray(typed) ? typed.join(", ") : typed;
  return saved ?? "";
}

export function shownList(state: FormState, name: string, saved: string[]): string[] {
  const typed = state.values?.[name];
  if (typed === undefined) return state.values ? [] : saved;
  return Array.isArray(typed) ? typed : [typed];
}
