import "server-only";
import { Prisma, SYSTEM, withActor, type Tx } from "@/lib/db";

/**
 * Password-guessing limits (OWASP Authentication Cheat Sheet). Every attempt is counted BEFORE its password
 * is checked, atomically in PostgreSQL (shared by every worker and instance), so parallel guesses cannot
 * all pass one check-then-count:
 * - account + address: a few failures, then that address is refused for that account (the owner, elsewhere,
 *   is not);
 * - address: more, across accounts (one address guessing many accounts);
 * - account, from any address: no refusal, which anyone could trigger to lock the owner out, but past a
 *   threshold every attempt waits 1 s, 2 s, 4 s… (at most 30 s), which slows an attacker who rotates
 *   addresses while the owner still gets in.
 */
export const LOGIN_LIMITS = {
  pair: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 30, windowMs: 15 * 60_000 },
  account: { max: 20, windowMs: 15 * 60_000, maxDelayMs: 30_000 },
};

/** One counter: `max` attempts per window of `windowMs` (fixed, from the first attempt). */
export type Limit = { key: string; max: number; windowMs: number };

/**
 * Counts one attempt on every limit in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), an
 * expired window starting over, and answers whether each is now over its maximum. Keys are taken in a fixed
 * order so that two attempts sharing keys cannot deadlock.
 */
export async function countAttempt(tx: Tx, limits: Limit[]): Promise<Map<string, number>> {
  const sorted = [...limits].sort((a, b) => a.key.localeCompare(b.key));
  if (!sorted.length) return new Map();
  const rows = await tx.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimit" (key, count, "resetAt")
    SELECT k, 1, now() + w * interval '1 millisecond'
      FROM unnest(${sorted.map((l) => l.key)}::text[], ${sorted.map((l) => l.windowMs)}::int[])
           WITH ORDINALITY AS t(k, w, i)
     ORDER BY i
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit".count + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING key, count`;
  return new Map(rows.map((r) => [r.key, r.count]));
}

const over = (counts: Map<string, number>, limits: Limit[]) =>
  limits.some((l) => (counts.get(l.key) ?? 0) > l.max);

/** Takes back one counted attempt per key (it succeeded: it was no guess). */
async function refund(tx: Tx, keys: string[]) {
  if (!keys.length) return;
  await tx.$executeRaw`
    UPDATE "RateLimit" SET count = greatest(count - 1, 0) WHERE key IN (${Prisma.join(keys)})`;
}

// ---------------------------------------------------------------------------------------------------------
// Logins

export type LoginKeys = { pair: Limit; address: Limit | null; account: Limit & { maxDelayMs: number } };

/** The keys of a login attempt; `address` null (no launcher in front, e.g. `next dev`) is one shared "unknown". */
export function loginKeys(email: string, address: string | null): LoginKeys {
  const account = email.trim().toLowerCase();
  return {
    pair: { key: `login:pair:${address ?? "unknown"}:${account}`, ...LOGIN_LIMITS.pair },
    address: address ? { key: `login:address:${address}`, ...LOGIN_LIMITS.address } : null,
    account: { key: `login:account:${account}`, ...LOGIN_LIMITS.account },
  };
}

/** The wait before an attempt that is the `count`-th on its account in the window: 0, then 1 s, 2 s, 4 s… */
export function accountDelayMs(count: number, limit = LOGIN_LIMITS.account): number {
  if (count <= limit.max) return 0;
  return Math.min(1_000 * 2 ** Math.min(count - limit.max - 1, 20), limit.maxDelayMs);
}

export type LoginAdmission = { admitted: false } | { admitted: true; delayMs: number };

/**
 * Counts a login attempt before its password is checked. Refused when the address is over its limit for
 * this account or overall (`onRefused` runs in the same transaction: the audit record); otherwise the
 * account's counter is taken too and gives the delay to wait before checking.
 */
export async function admitLogin(
  keys: LoginKeys,
  onRefused: (tx: Tx) => Promise<void>,
): Promise<LoginAdmission> {
  return withActor(SYSTEM, async (tx) => {
    const perAddress = [keys.pair, ...(keys.address ? [keys.address] : [])];
    if (over(await countAttempt(tx, perAddress), perAddress)) {
      await onRefused(tx);
      return { admitted: false };
    }
    const counts = await countAttempt(tx, [keys.account]);
    return { admitted: true, delayMs: accountDelayMs(counts.get(keys.account.key) ?? 0, keys.account) };
  });
}

/**
 * A successful login: this address starts afresh for this account, and the attempt is taken back from the
 * address's and the account's counters (only failures should slow anyone down).
 */
export async function loginSucceeded(tx: Tx, keys: LoginKeys): Promise<void> {
  // The counters' rows are locked in the order every attempt takes them (admitLogin: the address's and the
  // pair's, sorted, then the account's): a success deleting the pair's and then refunding the address's,
  // against an attempt of the same account from the same address counting the address's and then the
  // pair's, waited in a circle — a deadlock that failed one of two logins with the right password.
  const perAddress = [...(keys.address ? [keys.address.key] : []), keys.pair.key];
  await tx.$queryRaw`
    SELECT key FROM "RateLimit" WHERE key IN (${Prisma.join(perAddress)}) ORDER BY key FOR UPDATE`;
  await tx.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${keys.pair.key}`;
  await refund(tx, [...(keys.address ? [keys.address.key] : []), keys.account.key]);
  // Housekeeping: counters whose window is over count nothing any more (the next attempt starts at 1).
  // Rows another login holds are left for a later success (SKIP LOCKED): never a wait out of order.
  await tx.$executeRaw`
    DELETE FROM "RateLimit" WHERE key IN (
      SELECT key FROM "RateLimit" WHERE "resetAt" < now() ORDER BY "resetAt" LIMIT 500
         FOR UPDATE SKIP LOCKED)`;
}

// ---------------------------------------------------------------------------------------------------------
// Other password checks (the own password change): counted first, refused past the limit.

/** Counts one attempt; false when it is over a limit (the password must not be checked). */
export async function admitAttempt(limits: Limit[]): Promise<boolean> {
  return withActor(SYSTEM, async (tx) => !over(await countAttempt(tx, limits), limits));
}

/** The password was right: these counters start afresh. */
export async function attemptSucceeded(limits: Limit[]): Promise<void> {
  await withActor(
    SYSTEM,
    (tx) => tx.$executeRaw`DELETE FROM "RateLimit" WHERE key IN (${Prisma.join(limits.map((l) => l.key))})`,
  );
}
