// Whether the database just failed to answer in this process: noted by the app (lib/errors, whenever a
// query finds the database unreachable) and read by the production launcher (scripts/serve.mjs), which
// answers a page that failed meanwhile with 503 + Retry-After instead of 500. Next.js gives a page no way to
// choose that status itself (its error boundary always answers 500).
//
// Plain JavaScript (no path aliases) so that both import it. They are different module instances (the
// launcher's and the Next.js bundle's), so the time of the last failure lives on globalThis, under
// `smartlandDatabaseUnavailableAt` (milliseconds since the epoch).

/** How long after the last failure a failed page is still put down to the database. */
export const OUTAGE_WINDOW_MS = 10_000;

/** Notes that the database failed to answer just now. */
export function noteDatabaseOutage(now = Date.now()) {
  globalThis.smartlandDatabaseUnavailableAt = now;
}

/** True when the database failed to answer within the last OUTAGE_WINDOW_MS. */
export function databaseOutageIsFresh(now = Date.now()) {
  return now - (globalThis.smartlandDatabaseUnavailableAt ?? 0) < OUTAGE_WINDOW_MS;
}
