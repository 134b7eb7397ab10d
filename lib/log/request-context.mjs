// The id of the request being served, for every line of code that runs for it.
//
// Plain JavaScript (no path aliases) so that both the production launcher (scripts/serve.mjs, outside
// the Next.js bundle) and the app's server code import it. They are different module instances, so
// the AsyncLocalStorage lives on globalThis under a registered symbol: the launcher runs each request
// inside it, and lib/ code (withActor, the audit log, console output) reads the id from anywhere below.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

// A short opaque token: letters, digits and . _ : - (a UUID, a load balancer's id), at most 64
// characters. Anything else (empty, too long, spaces, '@', '/', control characters) is replaced.
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const KEY = Symbol.for("smartLand.requestContext");
const storage = (globalThis[KEY] ??= new AsyncLocalStorage());

/** True for an id that may be logged and stored as sent. */
export function isSafeRequestId(value) {
  return typeof value === "string" && SAFE_REQUEST_ID.test(value);
}

/** The incoming `x-request-id` when it is a safe short token, else a new UUID. */
export function requestIdFrom(incoming) {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return isSafeRequestId(value) ? value : randomUUID();
}

/**
 * Runs `fn` (and everything it starts) as part of the request `requestId`. `readsOnPrimary`: the client
 * wrote a moment ago (the launcher's read-your-writes cookie), so lib/db/reader.ts skips the replica.
 */
export function runWithRequestId(requestId, fn, { readsOnPrimary = false } = {}) {
  return storage.run({ requestId, readsOnPrimary }, fn);
}

/** True when the request being served must read from the primary (read-your-writes, see above). */
export function currentRequestReadsOnPrimary() {
  return storage.getStore()?.readsOnPrimary === true;
}

/** The id of the request this code runs for; null outside a request (scripts, tests, `next dev`). */
export function currentRequestId() {
  const id = storage.getStore()?.requestId;
  return isSafeRequestId(id) ? id : null;
}
