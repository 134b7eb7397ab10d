// A page's query string as Next.js hands it over (`searchParams`) is untrusted: any key (`__proto__`,
// `constructor`), repeated keys (arrays), control characters (PostgreSQL refuses NUL in text: a 500), any
// length, numbers like `1e309` or `-1`. Pages read it through these helpers, so a bad value is simply not
// there: a shared link never breaks a page and never reaches the database as garbage.

export type RawSearchParams = Record<string, string | string[] | undefined>;
/** The query of a page after `cleanSearchParams`: one string per name, no prototype. */
export type SearchParams = Readonly<Record<string, string | undefined>>;

/** Longer values are dropped: no filter of the portal needs more (an e-mail is at most 320 characters). */
export const MAX_PARAM_LENGTH = 1_000;
/** The highest page number a list accepts; beyond it a list shows its last page anyway. */
export const MAX_PAGE = 1_000_000;

// C0 controls (NUL, tab, line breaks…), DEL and C1 controls: none belongs in a filter or an identifier.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** One usable value: the first of a repeated parameter, unless it holds a control character or is too long. */
export function paramValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== "string" || v.length > MAX_PARAM_LENGTH || CONTROL.test(v)) return undefined;
  return v;
}

/**
 * The query of a page, cleaned once: one value per name (see `paramValue`), in an object without a
 * prototype, so `params.constructor` or `params.__proto__` are what the URL said, or nothing.
 */
export function cleanSearchParams(raw: RawSearchParams | null | undefined): SearchParams {
  const out: Record<string, string | undefined> = Object.create(null);
  for (const [key, value] of Object.entries(raw ?? {})) {
    const v = paramValue(value);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** `record[key]` for an own key only: `__proto__`, `constructor` or `toString` find nothing. */
export function lookup<V>(record: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `value` when it is one of `allowed`, else undefined. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A page number: a whole number from 1 to MAX_PAGE written in digits; anything else is page 1. */
export function pageNumber(value: string | string[] | undefined): number {
  const v = paramValue(value)?.trim();
  if (!v || !/^\d{1,7}$/.test(v)) return 1;
  const n = Number(v);
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}
