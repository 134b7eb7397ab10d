import { SYSTEM, withActor } from "@/lib/db";

/** After this many failures within the window the key is refused until the window ends. */
export const LOGIN_LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000 },
  address: { failures: 30, windowMs: 15 * 60_000 },
};

type Key = { key: string; failures: number; windowMs: number };

export function loginKeys(email: string, address: string | null): Key[] {
  const keys: Key[] = [{ key: `login:account:${email.trim().toLowerCase()}`, ...LOGIN_LIMITS.account }];
  if (address) keys.push({ key: `login:address:${address}`, ...LOGIN_LIMITS.address });
  return keys;
}

/** True when any key has used up its failures in the current window. */
export async function isThrottled(keys: Key[]): Promise<boolean> {
  const rows = await withActor(SYSTEM, (tx) =>
    tx.rateLimit.findMany({ where: { key: { in: keys.map((k) => k.key) }, resetAt: { gt: new Date() } } }),
  );
  return rows.some((r) => r.count >= (keys.find((k) => k.key === r.key)?.failures ?? Infinity));
}

/** Counts one failure for every key, atomically (shared by all app instances through PostgreSQL). */
export async function recordFailure(keys: Key[]): Promise<void> {
  await withActor(SYSTEM, async (tx) => {
    for (const k of keys) {
      const resetAt = new Date(Date.now() + k.windowMs);
      await tx.$executeRaw`
        INSERT INTO "RateLimit" (key, count, "resetAt") VALUES (${k.key}, 1, ${resetAt})
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
          "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN ${resetAt} ELSE "RateLimit"."resetAt" END`;
    }
  });
}

/** A successful login clears the account's counter (not the address's). */
export async function clearAccount(email: string): Promise<void> {
  await withActor(SYSTEM, (tx) =>
    tx.rateLimit.deleteMany({ where: { key: `login:account:${email.trim().toLowerCase()}` } }),
  );
}
