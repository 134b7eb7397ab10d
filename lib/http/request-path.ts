import "server-only";
import { headers } from "next/headers";

/**
 * The path of the page or server action being served, as the request reached the server: proxy.ts (which
 * every page and server action goes through) sets this header from the request's URL, replacing any header of
 * that name the client sent. API routes skip the proxy and pass their request's URL themselves.
 */
export const REQUEST_PATH_HEADER = "x-smartland-path";

/** The path of the request being served (see above); null outside a request (tests, scripts). */
export async function requestPath(): Promise<string | null> {
  try {
    return (await headers()).get(REQUEST_PATH_HEADER);
  } catch {
    return null;
  }
}
