// Read-your-writes across processes and servers (lib/db/reader.ts, docs/topology.md): a client that has
// just sent a writing request reads from the primary for a few seconds. Plain JavaScript: the production
// launcher (scripts/serve.mjs) sets and reads the cookie, lib/db/reader.ts shares the durations.

/** The cookie's name. Its value is only an instant (ms since the epoch): nothing secret, nothing personal. */
export const READ_PIN_COOKIE = "sl_primary";

/** True when a replica is configured (no replica: no cookie, no pin). */
export function replicaConfigured(env = process.env) {
  return Boolean(env.APP_DATABASE_REPLICA_URL || env.DATABASE_REPLICA_URL);
}

/** The lag above which reads leave the replica (ms; REPLICA_MAX_LAG_MS, default 5000). */
export function replicaMaxLagMs(env = process.env) {
  const n = Number(env.REPLICA_MAX_LAG_MS);
  return Number.isFinite(n) && n > 0 ? n : 5_000;
}

/**
 * How long reads stay on the primary after a write: the replica may be used while it is up to the
 * maximum lag behind, and that lag is measured once a second.
 */
export function readPinMs(env = process.env) {
  return replicaMaxLagMs(env) + 1_000;
}

/** True when the Cookie header carries a pin that has not expired at `now`. */
export function pinnedByCookie(cookieHeader, now = Date.now()) {
  if (typeof cookieHeader !== "string" || !cookieHeader.includes(READ_PIN_COOKIE)) return false;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === READ_PIN_COOKIE) {
      const until = Number(value);
      // A forged value can only send its own reads to the primary, for at most one pin's length.
      if (Number.isFinite(until) && until > now && until <= now + readPinMs()) return true;
    }
  }
  return false;
}

/** The Set-Cookie value that pins this client's reads to the primary from `now`. */
export function readPinCookie(now = Date.now(), secure = false) {
  const ms = readPinMs();
  return `${READ_PIN_COOKIE}=${now + ms}; Max-Age=${Math.ceil(ms / 1000)}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
