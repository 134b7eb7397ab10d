import type { Actor } from "@/lib/auth/actor";
import {
  API_TOKEN_ORDER,
  API_TOKEN_SUMMARY,
  revokeTokenIn,
  type ApiTokenSummary,
} from "@/lib/auth/api-tokens";
import { can } from "@/lib/auth/permissions";
import { withActor, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";

// Administrators see and revoke any user's personal API tokens (never their secrets, which are not
// stored). Anyone else gets NOT_FOUND, as for every other users.manage function.

async function userOf(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, comuneIstat: true } });
  if (!user) throw notFound();
  return user;
}

function requireManager(actor: Actor, ...ids: string[]) {
  if (!can(actor, "users.manage") || !ids.every(isUuid)) throw notFound();
}

/** The user's tokens, live ones first. */
export async function listUserApiTokens(actor: Actor, userId: string): Promise<ApiTokenSummary[]> {
  requireManager(actor, userId);
  return withActor(actor, async (tx) => {
    await userOf(tx, userId);
    return tx.apiToken.findMany({
      where: { userId },
      orderBy: [...API_TOKEN_ORDER],
      select: API_TOKEN_SUMMARY,
    });
  });
}

/** Revokes one of the user's tokens (refused at its next use); audited under the user's comune. */
export async function revokeUserApiToken(
  actor: Actor,
  userId: string,
  tokenId: string,
): Promise<ApiTokenSummary> {
  requireManager(actor, userId, tokenId);
  return withActor(actor, async (tx) => {
    const user = await userOf(tx, userId);
    return revokeTokenIn(tx, actor, { id: tokenId, userId }, "ADMIN", user.comuneIstat);
  });
}
