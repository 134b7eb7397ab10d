/**
 * Markup built as a string, for the few server-rendered parts that are large and never interactive (the
 * map's shapes, read-only figure tables): React would send them twice (HTML and RSC payload as an element
 * tree about twice the HTML's size) and hydrate every element; a string is rendered, sent and hydrated once.
 * Everything that is not ours (names, titles, values, links) goes through `escapeHtml`.
 */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/**
 * Text and attribute values for markup built by hand: the five characters HTML gives a meaning, escaped as
 * React escapes them. Most values (amounts, codes, paths) have none and are returned as they are.
 */
export const escapeHtml = (text: string) =>
  SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] ?? c) : text;
