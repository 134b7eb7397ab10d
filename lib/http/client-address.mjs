// The client's network address, for login throttling (lib/auth/throttle.ts) and nothing that grants access.
//
// Plain JavaScript (no path aliases): the production launcher (scripts/serve.mjs) computes the address from
// the socket and sets CLIENT_ADDRESS_HEADER on the request after deleting any incoming header of that
// name; the app's server code (next-auth's authorize(), which sees only the headers) reads that header and
// nothing else. X-Forwarded-For is written by whoever sends the request, so it is believed only for the
// hops of TRUSTED_PROXY_HOPS reverse proxies in front of the server (default 0: the socket alone).
import { isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-smartland-client-ip";

/** "::ffff:192.0.2.1" (IPv4 on an IPv6 socket) → "192.0.2.1"; anything that is not an address → null. */
function normalize(value) {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1] ?? trimmed;
  return isIP(plain) ? plain.toLowerCase() : null;
}

/** TRUSTED_PROXY_HOPS as a number of proxies: a non-negative integer up to 10, anything else 0. */
export function trustedProxyHops(value) {
  const text = String(value ?? "").trim();
  if (!/^\d{1,2}$/.test(text)) return 0;
  return Math.min(Number(text), 10);
}

/**
 * The client's address: the socket's peer, or, behind `hops` trusted proxies, the address the outermost of
 * them saw — the entry `hops` places from the right of [...X-Forwarded-For, socket]. Each proxy appends the
 * address it received the request from, so entries further left were written by the client and are not
 * believed. Fewer entries than hops: the leftmost one; a malformed entry where a proxy should have
 * written an address: the socket.
 */
export function clientAddressFrom(socketAddress, forwardedFor, hops) {
  const socket = normalize(socketAddress);
  if (!hops) return socket;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor : [forwardedFor ?? ""])
    .join(",")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  const entry = chain[Math.max(0, chain.length - 1 - hops)];
  return normalize(entry) ?? socket;
}

/** The address scripts/serve.mjs set on the request; null without it (`next dev`, tests). */
export function clientAddressOf(headers) {
  if (!headers) return null;
  const raw =
    typeof headers.get === "function" ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return normalize(Array.isArray(raw) ? raw[0] : raw);
}
