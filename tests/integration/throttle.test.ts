import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import { DEMO_ACCOUNTS } from "@/prisma/seed/users";
import { ownerQuery } from "./helpers";

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
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'LOGIN_THROTTLED'`,
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
