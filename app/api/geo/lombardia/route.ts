import { lombardyGeometry } from "@/lib/geo/lombardy-map";

/**
 * The shapes of Lombardy's 1,503 comuni and 12 provinces (ISTAT boundaries, CC BY 4.0; the pages that draw
 * them show the attribution), for the zoomable map of the regional overview, which draws them in the
 * browser: about 130 KB (40 KB compressed) fetched once and kept, instead of 450 KB of shapes in the HTML
 * and again in the RSC payload of every view. Public reference data, the same for everyone: no session is
 * read and nothing of any comune's own data is in it. With the current version in `v` it is immutable;
 * without (or an old one) browsers revalidate it by its ETag.
 */
export function GET(request: Request): Response {
  const { body, version, etag } = lombardyGeometry();
  const cacheControl =
    new URL(request.url).searchParams.get("v") === version
      ? "public, max-age=31536000, immutable"
      : "public, max-age=0, must-revalidate";
  const headers = { etag, "cache-control": cacheControl, vary: "accept-encoding" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}
