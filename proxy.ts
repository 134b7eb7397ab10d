import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";

/**
 * Two jobs, neither of them authorization (that lives in lib/, see ARCHITECTURE.md):
 *
 * 1. Every page gets a Content-Security-Policy with a fresh nonce and no 'unsafe-inline' for scripts.
 *    Next.js reads the nonce from the request's CSP header while rendering and puts it on its own
 *    scripts; 'strict-dynamic' lets those scripts load the page's chunks. Pages are rendered per request
 *    (the root layout awaits `connection()`), so no prerendered HTML carries a stale nonce.
 * 2. Server actions from a foreign Origin get a clean 403 with a machine-readable body. Next.js refuses
 *    them by itself too (its CSRF check compares Origin with Host) but answers with a 500.
 *
 * It also passes the request's path on to the page or action (REQUEST_PATH_HEADER, lib/http/request-path.ts:
 * the path a refused server action is audited with), replacing any such header the client sent.
 */
export function proxy(request: NextRequest) {
  if (request.headers.has("next-action") && !sameOrigin(request)) {
    return NextResponse.json(
      {
        type: "/problems/forbidden-origin",
        title: "Richiesta rifiutata: proviene da un altro sito.",
        status: 403,
        code: "FORBIDDEN_ORIGIN",
      },
      { status: 403, headers: { "content-type": "application/problem+json" } },
    );
  }
  const policy = contentSecurityPolicy(newNonce());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" or garbage: foreign
  }
}

// Pages and server actions. API routes (JSON, never HTML: next.config.ts gives them a CSP that allows
// nothing), Next's static assets, the icons and the files of public/ do not go through the proxy.
export const config = {
  matcher: [{ source: "/((?!api/|_next/static/|_next/image|icon.svg|favicon.ico|logo.svg|robots.txt).*)" }],
};
