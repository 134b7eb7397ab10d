import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { SYSTEM, withActor, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { ApiTokenRevokedReason } from "@/lib/generated/prisma/enums";
import { parseOrThrow } from "@/lib/validation/parse";
import { intField } from "@/lib/validation/schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadActor, type Actor } from "./actor";

/**
 * Personal API tokens: `slt_<8-char prefix>_<secret>`. The token is shown once at creation; only its
 * SHA-256 is stored (a token is 192 random bits, so a fast hash is enough: there is nothing to guess).
 * A token acts as its user: role and comune are read from the user at every use. It is bound to the
 * user's session version at creation and accepted only while that version is current, so every event
 * that ends the user's sessions (own password change, forced reset, role/comune change, deactivation and
 * reactivation, the comune's suspension and reinstatement) ends it for good; the database also marks it
 * revoked at that moment (trigger on "User"."sessionVersion"). It expires after the days chosen at
 * creation (90 by default, at most 365), and a revoked token is refused at the next request.
 */
const TOKEN_PATTERN = /^slt_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{32})$/;
const MAX_TOKENS_PER_USER = 20;
// lastUsedAt is a hint for the owner, not an audit trail: written at most once a minute per token.
const LAST_USED_RESOLUTION_MS = 60_000;

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

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const API_TOKEN_SUMMARY = {
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
export const API_TOKEN_ORDER = [
  { revokedAt: { sort: "desc", nulls: "first" } },
  { createdAt: "desc" },
] as const;

function dbActor(actor: Actor) {
  return { role: actor.role, comuneIstat: actor.comuneIstat, userId: actor.userId };
}

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
  const prefix = randomBytes(6).toString("base64url");
  const token = `slt_${prefix}_${randomBytes(24).toString("base64url")}`;
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
        tokenHash: hashToken(token),
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
export async function revokeTokenIn(
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

/**
 * The actor behind an `Authorization: Bearer slt_…` header, or null (unknown, revoked, expired, malformed,
 * the user's session version moved on since the token was created, or the user may no longer sign in).
 * The same checks as a session, at every request: loadActor compares the token's version with the user's.
 */
export async function actorFromApiToken(token: string): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await withActor(SYSTEM, (tx) =>
    tx.apiToken.findUnique({
      where: { tokenHash: hashToken(token) },
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
