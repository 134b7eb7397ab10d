import { NextResponse, type NextRequest } from "next/server";

/**
 * Server actions from a foreign Origin get a clean 403 with a machine-readable body. Next.js refuses them
 * by itself too (its CSRF check compares Origin with Host) but answers with a 500; this only makes the
 * refusal explicit. Nothing is authorized here: authorization lives in lib/ (see ARCHITECTURE.md).
 */
export function proxy(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (!origin) return NextResponse.next();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    /* "null" or garbage: foreign */
  }
  if (originHost && originHost === host) return NextResponse.next();
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

// Only server-action requests (they carry the Next-Action header) go through the proxy: pages, API
// routes and assets do not pay for it.
export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
