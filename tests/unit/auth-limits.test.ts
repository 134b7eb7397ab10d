import { describe, expect, it } from "vitest";
import { usesSecureCookies } from "@/lib/auth/options";
import { accountDelayMs, loginKeys } from "@/lib/auth/throttle";

describe("login limits (lib/auth/throttle.ts)", () => {
  it("an account past 20 attempts is slowed down, never locked: 1 s, 2 s, 4 s… at most 30 s", () => {
    expect([1, 20, 21, 22, 23, 25, 26, 100, 10_000].map((n) => accountDelayMs(n))).toEqual([
      0, 0, 1_000, 2_000, 4_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("keys: account and address together, the address, the account; an unknown address is one bucket", () => {
    const keys = loginKeys("  Mario.Rossi@Example.IT ", "192.0.2.1");
    expect([keys.pair.key, keys.address?.key, keys.account.key]).toEqual([
      "login:pair:192.0.2.1:mario.rossi@example.it",
      "login:address:192.0.2.1",
      "login:account:mario.rossi@example.it",
    ]);
    expect([keys.pair.max, keys.address?.max, keys.account.max]).toEqual([5, 30, 20]);
    const unknown = loginKeys("a@b.it", null);
    expect(unknown.pair.key).toBe("login:pair:unknown:a@b.it");
    expect(unknown.address).toBeNull();
  });
});

describe("session cookie security (lib/auth/options.ts)", () => {
  it("Secure exactly when the public URL is https", () => {
    expect(usesSecureCookies("https://smartland.example.it")).toBe(true);
    expect(usesSecureCookies(" HTTPS://SMARTLAND.EXAMPLE.IT/portale ")).toBe(true);
    expect(usesSecureCookies("http://127.0.0.1:3000")).toBe(false);
    expect(usesSecureCookies("smartland.example.it")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
  });
});
