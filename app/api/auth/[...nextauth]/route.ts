import NextAuth, { type CallbacksOptions } from "next-auth";
import { authOptions } from "@/lib/auth/options";

/**
 * next-auth's default `redirect` callback runs `new URL(callbackUrl)` on whatever the query (or the
 * callback-url cookie) says, and an invalid one (`?callbackUrl=-1`) throws: a 500. This one never throws:
 * a path or an address on this site is kept, anything else goes to the site's root.
 */
const redirect: CallbacksOptions["redirect"] = ({ url, baseUrl }) => {
  if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
  try {
    return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
  } catch {
    return baseUrl;
  }
};

const handler = NextAuth({ ...authOptions, callbacks: { ...authOptions.callbacks, redirect } });
export { handler as GET, handler as POST };
