import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { UserTokenKind } from "@/lib/generated/prisma/enums";

/** One-time links are valid for 72 hours. */
export const USER_TOKEN_TTL_MS = 72 * 60 * 60 * 1000;

const PATHS: Record<UserTokenKind, string> = { ACTIVATION: "/attiva", PASSWORD_RESET: "/reimposta" };

/** Only this digest is stored: a leaked database does not reveal a usable link. */
export function hashUserToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A base64url secret of 32 random bytes looks like this; anything else is refused before any query. */
export function isWellFormedToken(secret: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(secret);
}

/**
 * The portal's public URL, the base of every one-time link: NEXTAUTH_URL, the configured public address.
 * Never the request's Origin or Host: those are the client's to choose (a forged Host or X-Forwarded-Host
 * would put an attacker's domain in front of a valid secret, in a mail sent by the portal). Unset (the
 * demo and the tests on one machine): http://localhost:$PORT (3000 by default). Set it in production.
 */
export function publicOrigin(): string {
  const configured = process.env.NEXTAUTH_URL?.trim();
  return (configured || `http://localhost:${process.env.PORT?.trim() || "3000"}`).replace(/\/+$/, "");
}

export function userTokenLink(kind: UserTokenKind, secret: string): string {
  return `${publicOrigin()}${PATHS[kind]}/${secret}`;
}

/**
 * Issues a new link of `kind` for the user inside the caller's transaction and voids that user's older
 * unused links of the same kind (their expiry is set to now). Returns the secret, which is never stored.
 */
export async function issueUserToken(
  tx: Tx,
  userId: string,
  kind: UserTokenKind,
  createdById: string | null,
): Promise<{ secret: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + USER_TOKEN_TTL_MS);
  await voidUserTokens(tx, userId, now, kind);
  // createMany: no RETURNING needed.
  await tx.userToken.createMany({
    data: { userId, kind, tokenHash: hashUserToken(secret), expiresAt, createdById },
  });
  return { secret, expiresAt };
}

/** Ends every unused link of the user (of one kind, or all). */
export async function voidUserTokens(tx: Tx, userId: string, now = new Date(), kind?: UserTokenKind) {
  await tx.userToken.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now }, ...(kind ? { kind } : {}) },
    data: { expiresAt: now },
  });
}
