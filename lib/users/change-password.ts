import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PASSWORD_MESSAGES } from "@/lib/validation/password-policy";
import { admitAttempt, attemptSucceeded, type Limit } from "@/lib/auth/throttle";
import { SYSTEM, withActor } from "@/lib/db";
import { AppError, MESSAGES, notFound } from "@/lib/errors";
import { invalidField, parseOrThrow } from "@/lib/validation/parse";
import { changePasswordSchema } from "@/lib/validation/password";

// Current-password checks are throttled like logins (counted before the check, atomically): a stolen
// session must not become a password oracle, even with many requests in parallel.
const throttleKeys = (userId: string): Limit[] => [
  { key: `password-change:account:${userId}`, max: 5, windowMs: 15 * 60_000 },
];

/** The profile page's data: the actor's own account (row-level security lets everyone read themselves). */
export async function getOwnProfile(actor: Actor) {
  const user = await withActor(actor, (tx) =>
    tx.user.findUnique({
      where: { id: actor.userId },
      select: {
        name: true,
        email: true,
        role: true,
        lastLoginAt: true,
        passwordChangedAt: true,
        comune: { select: { istat: true, name: true } },
      },
    }),
  );
  if (!user) throw notFound();
  return user;
}

/**
 * Every role changes its own password: current one checked, new one by the shared policy. All of the
 * user's sessions end (session version bumped), this one included: the page sends them to log in again.
 */
export async function changeOwnPassword(actor: Actor, input: unknown): Promise<void> {
  const data = parseOrThrow(changePasswordSchema(actor.email), input);
  const keys = throttleKeys(actor.userId);
  if (!(await admitAttempt(keys))) throw new AppError("RATE_LIMITED", MESSAGES.RATE_LIMITED);
  const current = await withActor(actor, (tx) =>
    tx.user.findUnique({
      where: { id: actor.userId },
      select: { passwordHash: true, sessionVersion: true },
    }),
  );
  if (!current?.passwordHash) throw notFound();
  if (!(await verifyPassword(current.passwordHash, data.currentPassword))) {
    throw invalidField("currentPassword", PASSWORD_MESSAGES.wrongCurrent);
  }
  await attemptSucceeded(keys);
  if (await verifyPassword(current.passwordHash, data.password)) {
    throw invalidField("password", PASSWORD_MESSAGES.sameAsCurrent);
  }
  const passwordHash = await hashPassword(data.password);
  // Row-level security lets only administrators (and SYSTEM) update users, so officers and coordinators
  // could not write their own row: this single update runs as SYSTEM, pinned to the actor's own id and to
  // the session version just checked (a concurrent deactivation or change wins and this one is refused).
  await withActor(SYSTEM, async (tx) => {
    const now = new Date();
    const { count } = await tx.user.updateMany({
      where: { id: actor.userId, active: true, sessionVersion: current.sessionVersion },
      data: { passwordHash, passwordChangedAt: now, sessionVersion: { increment: 1 } },
    });
    if (count !== 1) throw notFound();
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: actor.userId,
      action: "PASSWORD_CHANGE",
      comuneIstat: actor.comuneIstat,
      after: { passwordChangedAt: now },
    });
  });
}
