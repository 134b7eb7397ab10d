import { afterEach, describe, expect, it } from "vitest";
import {
  pinnedByCookie,
  READ_PIN_COOKIE,
  readPinCookie,
  readPinMs,
  replicaConfigured,
  replicaMaxLagMs,
} from "@/lib/db/read-pin.mjs";

const NOW = 1_800_000_000_000;

afterEach(() => {
  delete process.env.REPLICA_MAX_LAG_MS;
});

describe("read-your-writes pin (lib/db/read-pin.mjs)", () => {
  it("lasts the maximum lag plus the second between lag checks", () => {
    expect(replicaMaxLagMs({})).toBe(5_000);
    expect(readPinMs({})).toBe(6_000);
    expect(readPinMs({ REPLICA_MAX_LAG_MS: "2000" })).toBe(3_000);
    expect(replicaMaxLagMs({ REPLICA_MAX_LAG_MS: "nonsense" })).toBe(5_000);
    expect(replicaConfigured({})).toBe(false);
    expect(replicaConfigured({ DATABASE_REPLICA_URL: "postgresql://r/x" })).toBe(true);
  });

  it("the cookie a write sets pins the reads until it expires, and only until then", () => {
    const cookie = readPinCookie(NOW, true);
    expect(cookie).toBe(
      `${READ_PIN_COOKIE}=${NOW + 6_000}; Max-Age=6; Path=/; HttpOnly; SameSite=Lax; Secure`,
    );
    const header = `a=b; ${cookie.split(";")[0]}; c=d`;
    expect(pinnedByCookie(header, NOW + 1)).toBe(true);
    expect(pinnedByCookie(header, NOW + 5_999)).toBe(true);
    expect(pinnedByCookie(header, NOW + 6_000)).toBe(false);
  });

  it("ignores missing, malformed and far-future values", () => {
    expect(pinnedByCookie(undefined, NOW)).toBe(false);
    expect(pinnedByCookie("", NOW)).toBe(false);
    expect(pinnedByCookie(`${READ_PIN_COOKIE}=x`, NOW)).toBe(false);
    expect(pinnedByCookie(`other_${READ_PIN_COOKIE}=${NOW + 10}`, NOW)).toBe(false);
    expect(pinnedByCookie(`${READ_PIN_COOKIE}=${NOW + 3_600_000}`, NOW)).toBe(false);
  });
});
