import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordRepeated } from "@/lib/audit/repeated";
import { SYSTEM, withActor } from "@/lib/db";
import { AppError, MESSAGES } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { admitLogin, loginKeys, loginSucceeded } from "./throttle";

export type VerifiedUser = { id: string; sessionVersion: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * E-mail + password check. Unknown e-mail, wrong password, deactivated user and suspended comune all
 * answer the same `null` after the same Argon2 work, so the answer tells nothing about the account.
 * `address`: the client's (lib/http/client-address.mjs), null when unknown.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  address: string | null = null,
): Promise<VerifiedUser | null> {
  const normalized = email.trim().toLowerCase().slice(0, 320);
  const keys = loginKeys(normalized, address);
  const from = address ? { address } : null;
  // Counted before anything is looked up or checked, identically for existing and unknown accounts.
  const admission = await admitLogin(keys, (tx) =>
    recordRepeated(tx, {
      action: "LOGIN_THROTTLED",
      entity: "Session",
      entityId: "-",
      source: `address:${address ?? "unknown"}`,
      after: from,
    }),
  );
  if (!admission.admitted) throw new AppError("RATE_LIMITED", MESSAGES.RATE_LIMITED);
  if (admission.delayMs) await sleep(admission.delayMs);
  if (!normalized || !password || password.length > 256) return null;
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
    if (success && user) {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await loginSucceeded(tx, keys);
      await recordAudit(
        tx,
        { userId: user.id, role: user.role, comuneIstat: user.comuneIstat },
        { entity: "Session", entityId: user.id, action: "LOGIN", comuneIstat: user.comuneIstat, after: from },
      );
      return;
    }
    // Bounded by the limits above, and still one row per account, address and minute.
    await recordRepeated(tx, {
      action: "LOGIN_FAILED",
      entity: "Session",
      entityId: user?.id ?? "-",
      source: `address:${address ?? "unknown"}`,
      after: from,
      actor: user ? { id: user.id, role: user.role, comuneIstat: user.comuneIstat } : null,
    });
  });
  return success && user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
}
