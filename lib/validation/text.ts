// Text that PostgreSQL cannot store: the NUL character (text columns refuse byte 0x00) and UTF-16
// surrogates without their other half (not Unicode characters; the database driver refuses them).
// Forms, the API and imports refuse such text with a field message instead of failing on save.

export const UNSTORABLE_TEXT = "Il testo contiene caratteri non ammessi (ad esempio il carattere nullo).";

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/** `value` without the characters PostgreSQL cannot store (for search boxes: nothing to refuse there). */
export function storableText(value: string): string {
  return value.replace(new RegExp(UNSTORABLE, "g"), "");
}
