import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { mintApiToken } from "@/lib/auth/bearer-token";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { ApiTokenRevokedReason } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { parseOrThrow } from "@/lib/validation/parse";
import { intField } from "@/lib/validation/schemas";

// Personal API tokens, managed: their owner lists, creates and revokes their own (/profilo, /api/v1/tokens);
// administrators list and revoke anyone's (users.manage). What a token is and how a request presenting one
// is answered: lib/auth/bearer-token.ts. It expires after the days chosen at creation (90 by default, at
// most 365).

const MAX_TOKENS_PER_USER = 20;

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
/** The durations the profile form offers (the API accepts any whole number of days from 1 to 365). */
export const API_TOKEN_DAY_CHOICES = [30, 90, 180, 365] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_MESSAGE = `Scegli una durata da 1 a ${API_TOKEN_MAX_DAYS} giorni.`;

export const apiTokenInput = z.object({
  name: z
    .string({ error: "Indica un nome per il token." })
    .trim()
    .min(1, "Indica un nome per il token.")
    .max(80, "Al massimo 80 caratteri."),
  expiresInDays: intField(1, API_TOKEN_MAX_DAYS, DAYS_MESSAGE, API_TOKEN_DEFAULT_DAYS),
});

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: ApiTokenRevokedReason | null;
};

/** What a token is now: usable, past its expiry, or revoked (by whom or by which event: revokedReason). */
export function apiTokenState(token: Pick<ApiTokenSummary, "expiresAt" | "revokedAt">, now = new Date()) {
  if (token.revokedAt) return "revoked" as const;
  return token.expiresAt.getTime() <= now.getTime() ? ("expired" as const) : ("active" as const);
}

const API_TOKEN_SUMMARY = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  revokedReason: true,
} as const;

/** Tokens not revoked first, newest first; then the revoked ones, most recently revoked first. */
const API_TOKEN_ORDER = [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] as const;

function dbActor(actor: Actor) {
  return { role: actor.role, comuneIstat: actor.comuneIstat, userId: actor.userId };
}

// --- the owner's own tokens -------------------------------------------------------------------------------

export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return withActor(dbActor(actor), (tx) =>
    tx.apiToken.findMany({
      where: { userId: actor.userId },
      orderBy: [...API_TOKEN_ORDER],
      select: API_TOKEN_SUMMARY,
    }),
  );
}

/** Creates a token for the actor and returns it in clear — the only time it is ever available. */
export async function createApiToken(
  actor: Actor,
  input: unknown,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { name, expiresInDays } = parseOrThrow(apiTokenInput, input);
  const { token, prefix, tokenHash } = mintApiToken();
  return withActor(dbActor(actor), async (tx) => {
    // The version this token is bound to: the one of the session that creates it (checked just before by
    // loadActor; a bump committed since then makes the token dead on arrival, which is right).
    const user = await tx.user.findUnique({
      where: { id: actor.userId },
      select: { sessionVersion: true },
    });
    if (!user) throw notFound();
    const now = new Date();
    const active = await tx.apiToken.count({
      where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now } },
    });
    if (active >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        "INVALID",
        `Hai già ${MAX_TOKENS_PER_USER} token attivi: revocane uno prima di crearne altri.`,
      );
    }
    const summary = await tx.apiToken.create({
      data: {
        userId: actor.userId,
        name,
        prefix,
        tokenHash,
        expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
        sessionVersion: user.sessionVersion,
      },
      select: API_TOKEN_SUMMARY,
    });
    await recordAudit(tx, actor, {
      entity: "ApiToken",
      entityId: summary.id,
      action: "CREATE",
      comuneIstat: actor.comuneIstat,
      after: { name, prefix, expiresAt: summary.expiresAt },
    });
    return { token, summary };
  });
}

/** Revokes one of the actor's own tokens; another user's token (or an unknown id) is not found. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<ApiTokenSummary> {
  if (!z.uuid().safeParse(tokenId).success) throw notFound();
  return withActor(dbActor(actor), (tx) =>
    revokeTokenIn(tx, actor, { id: tokenId, userId: actor.userId }, "USER", actor.comuneIstat),
  );
}

/**
 * Revokes the token matching `where` (already revoked: returned as it is), with its reason, audited in the
 * caller's transaction. Not found → NOT_FOUND.
 */
async function revokeTokenIn(
  tx: Tx,
  actor: Actor,
  where: { id: string; userId: string },
  reason: Extract<ApiTokenRevokedReason, "USER" | "ADMIN">,
  comuneIstat: string | null,
): Promise<ApiTokenSummary> {
  const existing = await tx.apiToken.findFirst({ where, select: API_TOKEN_SUMMARY });
  if (!existing) throw notFound();
  if (existing.revokedAt) return existing;
  const summary = await tx.apiToken.update({
    where: { id: existing.id },
    data: { revokedAt: new Date(), revokedReason: reason },
    select: API_TOKEN_SUMMARY,
  });
  await recordAudit(tx, actor, {
    entity: "ApiToken",
    entityId: existing.id,
    action: "REVOKE",
    comuneIstat,
    before: { revokedAt: null },
    after: { revokedAt: summary.revokedAt, revokedReason: reason },
  });
  return summary;
}

// --- administrators: any user's tokens ----------------------------------------------------------------------
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
