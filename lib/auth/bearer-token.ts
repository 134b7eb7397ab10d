import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { SYSTEM, withActor } from "@/lib/db";
import { loadActor, type Actor } from "./actor";

/**
 * Who is asking, when an API request carries `Authorization: Bearer slt_<8-char prefix>_<secret>`: a personal
 * API token (managed by its owner and by administrators in lib/users/api-tokens.ts). Only the token's
 * SHA-256 is stored (a token is 192 random bits, so a fast hash is enough: there is nothing to guess). A
 * token acts as its user: role and comune are read from the user at every use. It is bound to the user's
 * session version at creation and accepted only while that version is current, so every event that ends the
 * user's sessions (own password change, forced reset, role/comune change, deactivation and reactivation, the
 * comune's suspension and reinstatement) ends it for good; the database also marks it revoked at that moment
 * (trigger on "User"."sessionVersion"). An expired or revoked token is refused at the next request.
 */
const TOKEN_PATTERN = /^slt_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{32})$/;
// lastUsedAt is a hint for the owner, not an audit trail: written at most once a minute per token.
const LAST_USED_RESOLUTION_MS = 60_000;

/** What is stored of a token: its SHA-256, hex. */
export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token in clear (shown once), its public prefix and the hash to store. */
export function mintApiToken(): { token: string; prefix: string; tokenHash: string } {
  const prefix = randomBytes(6).toString("base64url");
  const token = `slt_${prefix}_${randomBytes(24).toString("base64url")}`;
  return { token, prefix, tokenHash: hashApiToken(token) };
}

/**
 * The actor behind an `Authorization: Bearer slt_…` header, or null (unknown, revoked, expired, malformed,
 * the user's session version moved on since the token was created, or the user may no longer sign in).
 * The same checks as a session, at every request: loadActor compares the token's version with the user's.
 */
export async function actorFromApiToken(token: string): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await withActor(SYSTEM, (tx) =>
    tx.apiToken.findUnique({
      where: { tokenHash: hashApiToken(token) },
      select: {
        id: true,
        userId: true,
        sessionVersion: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
      },
    }),
  );
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  const actor = await loadActor(row.userId, row.sessionVersion);
  if (!actor) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await withActor(SYSTEM, (tx) =>
      tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastUsedAt: new Date() } }),
    );
  }
  return actor;
}

/**
 * The actor of an API request: a bearer token when one is presented (and then only the token — a bad
 * token is refused even if a session cookie is also sent), otherwise the browser session.
 */
export async function actorForRequest(
  request: Request,
  getSessionActor: () => Promise<Actor | null>,
): Promise<{ actor: Actor | null; via: "token" | "session" }> {
  const header = request.headers.get("authorization");
  if (header && /^bearer\s/i.test(header)) {
    return { actor: await actorFromApiToken(header.replace(/^bearer\s+/i, "").trim()), via: "token" };
  }
  return { actor: await getSessionActor(), via: "session" };
}
