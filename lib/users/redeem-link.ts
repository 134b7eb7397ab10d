import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { SYSTEM, withActor } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import type { UserTokenKind } from "@/lib/generated/prisma/enums";
import { newPasswordSchema } from "@/lib/validation/password";
import { hashUserToken, isWellFormedToken, voidUserTokens } from "./tokens";

// Redeeming a link is the one anonymous write: the visitor has no session, the link is the credential.
// So it runs as SYSTEM, and the secret decides which single user it may touch.

export const INVALID_LINK =
  "Questo link non è valido: potrebbe essere scaduto (vale 72 ore), essere già stato usato o essere stato sostituito da uno più recente. Chiedi all'amministratore del portale un nuovo link.";

const invalidLink = () => new AppError("NOT_FOUND", INVALID_LINK);

export type LinkHolder = { name: string; email: string };

async function findUsableToken(kind: UserTokenKind, secret: string) {
  if (!isWellFormedToken(secret)) return null;
  const token = await withActor(SYSTEM, (tx) =>
    tx.userToken.findUnique({
      where: { tokenHash: hashUserToken(secret) },
      select: {
        userId: true,
        kind: true,
        usedAt: true,
        expiresAt: true,
        user: { select: { name: true, email: true, active: true } },
      },
    }),
  );
  const usable =
    token && token.kind === kind && !token.usedAt && token.expiresAt > new Date() && token.user.active;
  return usable ? token : null;
}

/** For the link's page: whose link it is, or null when it cannot be used (unknown, expired, used). */
export async function inspectLink(kind: UserTokenKind, secret: string): Promise<LinkHolder | null> {
  const token = await findUsableToken(kind, secret);
  return token ? { name: token.user.name, email: token.user.email } : null;
}

/**
 * Sets the password chosen through an activation or reset link. The link is consumed atomically (a
 * conditional UPDATE: only one request can win it), and only when the new password is acceptable, so a
 * refused password does not burn the link. Sessions of the user are ended (session version bumped).
 */
export async function redeemLink(kind: UserTokenKind, secret: string, input: unknown): Promise<void> {
  const token = await findUsableToken(kind, secret);
  if (!token) throw invalidLink();
  const { password } = parseOrThrow(newPasswordSchema(token.user.email), input);
  const passwordHash = await hashPassword(password);
  await withActor(SYSTEM, async (tx) => {
    const now = new Date();
    const { count } = await tx.userToken.updateMany({
      where: { tokenHash: hashUserToken(secret), kind, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) throw invalidLink();
    const user = await tx.user.findUnique({
      where: { id: token.userId },
      select: { id: true, name: true, role: true, comuneIstat: true, active: true },
    });
    // Deactivated after the link was issued: the link dies with the account.
    if (!user?.active) throw invalidLink();
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now, sessionVersion: { increment: 1 } },
    });
    await voidUserTokens(tx, user.id, now);
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, comuneIstat: user.comuneIstat, name: user.name },
      {
        entity: "User",
        entityId: user.id,
        action: kind === "ACTIVATION" ? "ACTIVATE" : "PASSWORD_RESET",
        comuneIstat: user.comuneIstat,
        after: { passwordChangedAt: now },
      },
    );
  });
}
