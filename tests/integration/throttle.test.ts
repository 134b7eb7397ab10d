import type { CredentialsConfig } from "next-auth/providers/credentials";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import { authOptions } from "@/lib/auth/options";
import { loginKeys, loginSucceeded } from "@/lib/auth/throttle";
import { SYSTEM, withActor } from "@/lib/db";
import { changeOwnPassword } from "@/lib/users/change-password";
import { DEMO_ACCOUNTS } from "@/prisma/seed/users";
import { actorFor, ownerQuery } from "./helpers";

async function attempt(email: string, password: string, address: string | null = null) {
  try {
    return (await verifyCredentials(email, password, address)) ? "OK" : "INVALID";
  } catch (e) {
    return (e as { code?: string }).code ?? "ERROR";
  }
}

describe("login throttling (stored in PostgreSQL, shared by app instances)", () => {
  it("after 5 failures in 15 minutes an existing and an unknown account get the same answer", async () => {
    const existing = DEMO_ACCOUNTS.coordinator;
    const results: Record<string, string[]> = {};
    for (const email of [existing.email, "nessuno.qui@example.com"]) {
      results[email] = [];
      for (let i = 0; i < 5; i++) results[email].push(await attempt(email, "password-sbagliata"));
      // The sixth try is refused even with the right password: nothing reveals whether the account exists.
      results[email].push(await attempt(email, email === existing.email ? existing.password : "qualsiasi"));
    }
    const expected = ["INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "RATE_LIMITED"];
    expect(results[existing.email]).toEqual(expected);
    expect(results["nessuno.qui@example.com"]).toEqual(expected);
    const events = await ownerQuery<{ n: number }>(
      `SELECT sum(count)::int AS n FROM "AuditEvent" WHERE action = 'LOGIN_THROTTLED'`,
    );
    expect(events[0].n).toBe(2);
  });

  it("the window ends and a success clears the account's counter", async () => {
    const paullo = DEMO_ACCOUNTS.paullo;
    for (let i = 0; i < 4; i++) expect(await attempt(paullo.email, "errata")).toBe("INVALID");
    expect(await attempt(paullo.email, paullo.password)).toBe("OK");
    for (let i = 0; i < 4; i++) expect(await attempt(paullo.email, "errata")).toBe("INVALID");
    expect(await attempt(paullo.email, paullo.password)).toBe("OK");
    const sd = DEMO_ACCOUNTS.sanDonato;
    for (let i = 0; i < 5; i++) await attempt(sd.email, "errata");
    expect(await attempt(sd.email, sd.password)).toBe("RATE_LIMITED");
    await ownerQuery(`UPDATE "RateLimit" SET "resetAt" = now() - interval '1 second'`);
    expect(await attempt(sd.email, sd.password)).toBe("OK");
    // A success also clears counters whose window is over (they would start at 1 anyway).
    const [{ n }] = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "RateLimit" WHERE "resetAt" < now()`,
    );
    expect(n).toBe(0);
  });

  it("counts per client address across accounts", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < 30; i++) await attempt(`utente${i}@example.com`, "errata", address);
    expect(await attempt(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password, address)).toBe(
      "RATE_LIMITED",
    );
    expect(await attempt(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password, "198.51.100.1")).toBe("OK");
  });
});

describe("logins at the same time", () => {
  it("a success and an attempt of the same account from the same address never wait for each other in a circle", async () => {
    // An attempt counts the address's row and then the pair's (admitLogin). Here one is halfway: it holds
    // the address's row. A success of the same account and address starts meanwhile and must wait for that
    // row before it touches the pair's; the attempt then takes the pair's and finishes. When the success
    // deleted the pair's row first, the two waited for each other and PostgreSQL failed one (40P01): a
    // login with the right password refused.
    const keys = loginKeys(DEMO_ACCOUNTS.admin.email, "198.51.100.77");
    await ownerQuery(
      `INSERT INTO "RateLimit" (key, count, "resetAt") VALUES ($1, 1, now() + interval '1 hour'),
         ($2, 1, now() + interval '1 hour'), ($3, 1, now() + interval '1 hour')
       ON CONFLICT (key) DO UPDATE SET count = 1, "resetAt" = EXCLUDED."resetAt"`,
      [keys.address!.key, keys.pair.key, keys.account.key],
    );
    const attempt = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await attempt.connect();
    try {
      await attempt.query("BEGIN");
      await attempt.query(`UPDATE "RateLimit" SET count = count + 1 WHERE key = $1`, [keys.address!.key]);
      const success = withActor(SYSTEM, (tx) => loginSucceeded(tx, keys)).then(
        () => "OK",
        (e: { code?: string; meta?: { code?: string } }) => e.meta?.code ?? e.code ?? "ERROR",
      );
      // The success is waiting for a lock (the address's row, held above).
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await ownerQuery<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const second = await attempt
        .query(`UPDATE "RateLimit" SET count = count + 1 WHERE key = $1`, [keys.pair.key])
        .then(
          () => "OK",
          (e: { code?: string }) => e.code ?? "ERROR",
        );
      await attempt.query(second === "OK" ? "COMMIT" : "ROLLBACK");
      expect({ attempt: second, success: await success }).toEqual({ attempt: "OK", success: "OK" });
    } finally {
      await attempt.end();
    }
  });

  it("one account signing in from several tabs at once, beside another account on the same address: all get in", async () => {
    const address = "198.51.100.78";
    const { admin, coordinator } = DEMO_ACCOUNTS;
    // Starts spread over a few milliseconds, so that one login's statements fall between another's.
    const later = (ms: number, account: { email: string; password: string }) =>
      new Promise<string>((resolve) =>
        setTimeout(() => resolve(attempt(account.email, account.password, address)), ms),
      );
    const outcomes: string[] = [];
    for (let round = 0; round < 20; round++) {
      outcomes.push(
        ...(await Promise.all([
          later(0, admin),
          later(Math.random() * 20, admin),
          later(Math.random() * 20, admin),
          later(Math.random() * 20, coordinator),
        ])),
      );
    }
    expect(outcomes).toEqual(Array(80).fill("OK"));
  });
});

/** The time `work` takes, in milliseconds. */
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

describe("throttling that cannot be walked around", () => {
  it("100 parallel guesses on one account from one address: at most 5 passwords are checked", async () => {
    const admin = DEMO_ACCOUNTS.admin;
    const address = "198.51.100.50";
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 50 ? admin.password : `sbagliata-${i}`));
    const outcomes = await Promise.all(guesses.map((password) => attempt(admin.email, password, address)));
    // "INVALID" and "OK" are the attempts whose password was checked; the rest never reached Argon2.
    const checked = outcomes.filter((o) => o === "INVALID" || o === "OK").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(outcomes[50]).toBe("RATE_LIMITED");
    expect(outcomes.filter((o) => o === "RATE_LIMITED").length).toBeGreaterThanOrEqual(95);
  });

  it("an attacker elsewhere slows the account down but cannot lock its owner out", async () => {
    const melegnano = DEMO_ACCOUNTS.melegnano;
    // 4 addresses × 5 wrong passwords: each address is refused for this account afterwards…
    for (const n of [1, 2, 3, 4]) {
      for (let i = 0; i < 5; i++)
        expect(await attempt(melegnano.email, "errata", `192.0.2.${n}`)).toBe("INVALID");
      expect(await attempt(melegnano.email, melegnano.password, `192.0.2.${n}`)).toBe("RATE_LIMITED");
    }
    // …and past 20 failures the account answers every address after an increasing delay (1 s, 2 s, …).
    const [outcome, ms] = await timed(() => attempt(melegnano.email, "errata", "192.0.2.5"));
    expect(outcome).toBe("INVALID");
    expect(ms).toBeGreaterThanOrEqual(950);
    // The owner, from their own address, with the right password: in, after the delay.
    const [own, ownMs] = await timed(() => attempt(melegnano.email, melegnano.password, "198.51.100.200"));
    expect(own).toBe("OK");
    expect(ownMs).toBeGreaterThanOrEqual(1_900);
  });

  it("authorize() takes the address the server set, not a rotating X-Forwarded-For", async () => {
    const provider = authOptions.providers[0] as CredentialsConfig;
    const results: string[] = [];
    for (let i = 0; i < 35; i++) {
      const headers = { "x-forwarded-for": `10.9.${i}.1`, "x-smartland-client-ip": "192.0.2.77" };
      try {
        const user = await provider.options.authorize?.(
          { email: `ruota-${i}@example.com`, password: "qualsiasi" },
          { headers } as never,
        );
        results.push(user ? "OK" : "INVALID");
      } catch (e) {
        results.push((e as Error).message);
      }
    }
    expect(results.slice(0, 30)).toEqual(Array(30).fill("INVALID"));
    expect(results.slice(30)).toEqual(Array(5).fill("RATE_LIMITED"));
  });

  it("300 throttled logins write a handful of audit rows whose counts add up to 300", async () => {
    const address = "192.0.2.99";
    for (let i = 0; i < 30; i++) await attempt(`flood-${i}@example.com`, "errata", address);
    const before = await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'LOGIN_THROTTLED' AND after->>'address' = $1`,
      [address],
    );
    expect(before[0].n).toBe(0);
    const t0 = Date.now();
    for (let i = 0; i < 300; i++)
      expect(await attempt(`flood-${i}@example.com`, "errata", address)).toBe("RATE_LIMITED");
    const minutes = Math.ceil((Date.now() - t0) / 60_000) + 1;
    const [rows] = await ownerQuery<{ rows: number; total: number }>(
      `SELECT count(*)::int AS rows, sum(count)::int AS total FROM "AuditEvent"
        WHERE action = 'LOGIN_THROTTLED' AND after->>'address' = $1`,
      [address],
    );
    expect(rows.total).toBe(300);
    expect(rows.rows).toBeLessThanOrEqual(minutes);
  });
});

describe("own password change: the same atomic throttling", () => {
  it("40 parallel wrong current passwords: at most 5 are checked", async () => {
    const actor = await actorFor(DEMO_ACCOUNTS.sanDonato.email);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        changeOwnPassword(actor, {
          currentPassword: `sbagliata-${i}`,
          password: "Nuova-Password-Sicura-2026",
          passwordConfirm: "Nuova-Password-Sicura-2026",
        }).then(
          () => "CHANGED",
          (e: { code?: string; fieldErrors?: Record<string, string[]> }) =>
            e.fieldErrors?.currentPassword ? "WRONG_CURRENT" : (e.code ?? "ERROR"),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "WRONG_CURRENT").length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o === "RATE_LIMITED").length).toBeGreaterThanOrEqual(35);
    expect(outcomes).not.toContain("CHANGED");
  });
});
