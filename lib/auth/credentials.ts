import { SYSTEM, withActor } from "@/lib/db";
import { AppError, MESSAGES } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearAccount, isThrottled, loginKeys, recordFailure } from "./throttle";

export type VerifiedUser = { id: string; sessionVersion: number };

/**
 * E-mail + password check. Unknown e-mail, wrong password, deactivated user and suspended comune all
 * answer the same `null` after the same Argon2 work, so the answer tells nothing about the account.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  address: string | null = null,
): Promise<VerifiedUser | null> {
  const normalized = email.trim().toLowerCase().slice(0, 320);
  const keys = loginKeys(normalized, address);
  // Throttled before any lookup, identically for existing and unknown accounts.
  if (await isThrottled(keys)) {
    await withActor(SYSTEM, (tx) =>
      tx.auditEvent.createMany({
        data: { entity: "Session", entityId: "-", action: "LOGIN_THROTTLED", actorRole: null },
      }),
    );
    throw new AppError("RATE_LIMITED", MESSAGES.RATE_LIMITED);
  }
  if (!normalized || !password || password.length > 256) {
    await recordFailure(keys);
    return null;
  }
  const user = await withActor(SYSTEM, (tx) =>
    tx.user.findUnique({
      where: { email: normalized },
      select: {
        id: true,
        role: true,
        active: true,
        passwordHash: true,
        sessionVersion: true,
        comuneIstat: true,
        comune: { select: { member: true, suspended: true } },
      },
    }),
  );
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const comuneOk = user?.role !== "OFFICER" || (user.comune?.member && !user.comune.suspended);
  const success = Boolean(user && ok && user.active && user.passwordHash && comuneOk);
  await withActor(SYSTEM, async (tx) => {
    if (success && user) await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    // createMany: no RETURNING, so writing an event never needs the right to read the log.
    await tx.auditEvent.createMany({
      data: {
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        comuneIstat: user?.comuneIstat ?? null,
        entity: "Session",
        entityId: user?.id ?? "-",
        action: success ? "LOGIN" : "LOGIN_FAILED",
      },
    });
  });
  if (success) await clearAccount(normalized);
  else await recordFailure(keys);
  return success && user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
}
