import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { SYSTEM, withActor } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/errors/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { loadActor, type Actor } from "./actor";

/**
 * Personal API tokens: `slt_<8-char prefix>_<secret>`. The token is shown once at creation; only its
 * SHA-256 is stored (a token is 192 random bits, so a fast hash is enough: there is nothing to guess).
 * A token acts as its user: role and comune are read from the user at every use, a deactivated user's
 * tokens stop working at once, and a revoked token is refused at the next request.
 */
const TOKEN_PATTERN = /^slt_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{32})$/;
const MAX_TOKENS_PER_USER = 20;
// lastUsedAt is a hint for the owner, not an audit trail: written at most once a minute per token.
const LAST_USED_RESOLUTION_MS = 60_000;

export const apiTokenInput = z.object({
  name: z
    .string({ error: "Indica un nome per il token." })
    .trim()
    .min(1, "Indica un nome per il token.")
    .max(80, "Al massimo 80 caratteri."),
});

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const SUMMARY = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function dbActor(actor: Actor) {
  return { role: actor.role, comuneIstat: actor.comuneIstat, userId: actor.userId };
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return withActor(dbActor(actor), (tx) =>
    tx.apiToken.findMany({
      where: { userId: actor.userId },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: SUMMARY,
    }),
  );
}

/** Creates a token for the actor and returns it in clear — the only time it is ever available. */
export async function createApiToken(
  actor: Actor,
  input: unknown,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { name } = parseOrThrow(apiTokenInput, input);
  const prefix = randomBytes(6).toString("base64url");
  const token = `slt_${prefix}_${randomBytes(24).toString("base64url")}`;
  return withActor(dbActor(actor), async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.userId, revokedAt: null } });
    if (active >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        "INVALID",
        `Hai già ${MAX_TOKENS_PER_USER} token attivi: revocane uno prima di crearne altri.`,
      );
    }
    const summary = await tx.apiToken.create({
      data: { userId: actor.userId, name, prefix, tokenHash: hashToken(token) },
      select: SUMMARY,
    });
    await recordAudit(tx, actor, {
      entity: "ApiToken",
      entityId: summary.id,
      action: "CREATE",
      comuneIstat: actor.comuneIstat,
      after: { name, prefix },
    });
    return { token, summary };
  });
}

/** Revokes one of the actor's own tokens; another user's token (or an unknown id) is not found. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<ApiTokenSummary> {
  if (!z.uuid().safeParse(tokenId).success) throw notFound();
  return withActor(dbActor(actor), async (tx) => {
    const existing = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.userId } });
    if (!existing) throw notFound();
    if (existing.revokedAt) return { ...existing };
    const summary = await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: new Date() },
      select: SUMMARY,
    });
    await recordAudit(tx, actor, {
      entity: "ApiToken",
      entityId: tokenId,
      action: "REVOKE",
      comuneIstat: actor.comuneIstat,
      before: { revokedAt: null },
      after: { revokedAt: summary.revokedAt },
    });
    return summary;
  });
}

/**
 * The actor behind an `Authorization: Bearer slt_…` header, or null (unknown, revoked, malformed, or the
 * user may no longer sign in). The same checks as a session, at every request.
 */
export async function actorFromApiToken(token: string): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await withActor(SYSTEM, (tx) =>
    tx.apiToken.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        revokedAt: true,
        lastUsedAt: true,
        user: { select: { id: true, sessionVersion: true } },
      },
    }),
  );
  if (!row || row.revokedAt) return null;
  const actor = await loadActor(row.user.id, row.user.sessionVersion);
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
