// Record ids are UUIDs. The one pattern for them, shared by lib/ (TypeScript) and the production launcher's
// logger (lib/log/logger.mjs, plain Node): hence JavaScript with a declaration file beside it.

/** A UUID in its canonical 8-4-4-4-12 hexadecimal form, either case. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anything the actor may see: callers answer "not found" without a query. */
export function isUuid(value) {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
