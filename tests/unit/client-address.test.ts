import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressFrom,
  clientAddressOf,
  trustedProxyHops,
} from "@/lib/http/client-address.mjs";

describe("client address (scripts/serve.mjs sets it, lib reads it)", () => {
  it("is the socket's address by default: X-Forwarded-For is the client's word, not a proxy's", () => {
    expect(clientAddressFrom("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(clientAddressFrom("::ffff:127.0.0.1", "6.6.6.6", 0)).toBe("127.0.0.1");
    expect(clientAddressFrom("2001:db8::1", "6.6.6.6", 0)).toBe("2001:db8::1");
    expect(clientAddressFrom(undefined, "6.6.6.6", 0)).toBeNull();
  });

  it("with n trusted proxies, the entry n hops from the socket (what the nearest proxy saw)", () => {
    // The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
    expect(clientAddressFrom("10.0.0.1", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddressFrom("10.0.0.1", ["6.6.6.6", "198.51.100.7, 10.0.0.2"], 2)).toBe("198.51.100.7");
    // Fewer hops than trusted: the furthest address known.
    expect(clientAddressFrom("10.0.0.1", "198.51.100.7", 3)).toBe("198.51.100.7");
    // No header: the socket. A malformed entry where a proxy should have written an address: the socket.
    expect(clientAddressFrom("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    expect(clientAddressFrom("10.0.0.1", "6.6.6.6, not-an-ip", 1)).toBe("10.0.0.1");
  });

  it("TRUSTED_PROXY_HOPS: a small non-negative integer, else 0", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops(" 2 ")).toBe(2);
    expect(trustedProxyHops("-1")).toBe(0);
    expect(trustedProxyHops("uno")).toBe(0);
    expect(trustedProxyHops("1.5")).toBe(0);
  });

  it("lib reads only the header the server set, never X-Forwarded-For", () => {
    expect(clientAddressOf({ "x-forwarded-for": "6.6.6.6" })).toBeNull();
    expect(clientAddressOf({ [CLIENT_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6" })).toBe(
      "127.0.0.1",
    );
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientAddressOf({ [CLIENT_ADDRESS_HEADER]: "<script>" })).toBeNull();
    expect(clientAddressOf(undefined)).toBeNull();
  });
});
