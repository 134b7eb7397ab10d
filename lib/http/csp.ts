/**
 * The Content-Security-Policy of the portal's pages: scripts only with the request's nonce (and what
 * they load, 'strict-dynamic'), never 'unsafe-inline'. Styles keep 'unsafe-inline': recharts and the map
 * set style attributes, and CSS cannot run code. Used by proxy.ts (pages) — one definition, tested in
 * tests/unit/csp.test.ts and tests/e2e/security.spec.ts.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development") {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and different on every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** API answers are JSON or files, never pages: they may load and run nothing. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The nonce of a page's policy (the request's CSP header set by proxy.ts), for a page's own data script. */
export function nonceOf(policy: string | null | undefined): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
}
