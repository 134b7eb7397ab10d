import NextAuth, { type CallbacksOptions } from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

/** What next-auth accepts as a callback URL (its `assertConfig`): a path, or an http(s) address. */
function validCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * next-auth answers an invalid `callbackUrl` (in the query, `?callbackUrl=-1`, or in its callback-url
 * cookie) with a 500 "server configuration" error. Such a value is dropped here, as if it had not been
 * sent: next-auth then uses its default (the site's root).
 */
function withoutInvalidCallbackUrl(req: NextRequest): NextRequest {
  const base = req.nextUrl.origin;
  const url = req.nextUrl.clone();
  const query = url.searchParams.get("callbackUrl");
  const badQuery = query !== null && !validCallbackUrl(query, base);
  if (badQuery) url.searchParams.delete("callbackUrl");
  const badCookies = req.cookies
    .getAll()
    .filter((c) => c.name.endsWith("next-auth.callback-url") && !validCallbackUrl(c.value, base))
    .map((c) => c.name);
  if (!badQuery && badCookies.length === 0) return req;
  const headers = new Headers(req.headers);
  if (badCookies.length) {
    const kept = (req.headers.get("cookie") ?? "")
      .split(";")
      .filter((part) => !badCookies.includes(part.split("=")[0]!.trim()));
    headers.set("cookie", kept.join(";"));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new NextRequest(url, {
    method: req.method,
    headers,
    ...(hasBody ? { body: req.body, duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

/** next-auth's default `redirect` runs `new URL(url)` and throws on a malformed one; this one never throws. */
const redirect: CallbacksOptions["redirect"] = ({ url, baseUrl }) => {
  if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
  try {
    return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
  } catch {
    return baseUrl;
  }
};

const handler = NextAuth({ ...authOptions, callbacks: { ...authOptions.callbacks, redirect } });
type Context = { params: Promise<{ nextauth: string[] }> };
const route = (req: NextRequest, context: Context) => handler(withoutInvalidCallbackUrl(req), context);
export { route as GET, route as POST };
