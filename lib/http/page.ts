import "server-only";
import { notFound } from "next/navigation";
import { AppError, MESSAGES } from "@/lib/errors";
import { isRefusal, reportRefusal } from "./refusal";

/**
 * For pages: a resource outside the actor's scope renders the 404 page, like one that does not exist.
 * A logged-in actor's refusal is recorded in the audit log (ACCESS_DENIED) with `path`: the page's own path,
 * or its route pattern as Next.js names it ("/regione/filoni/[id]") where the page does not spell it out.
 */
export async function orNotFound<T>(work: Promise<T>, path: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isRefusal(e)) {
      await reportRefusal(e, { via: "page", method: "GET", path });
      notFound();
    }
    throw e;
  }
}

/**
 * For pages: refuses a request the page's own scope check rejected (e.g. a partner opening the edit form):
 * records the refusal like `orNotFound` does, then renders the 404 page.
 */
export async function deny(path: string): Promise<never> {
  await reportRefusal(new AppError("NOT_FOUND", MESSAGES.NOT_FOUND), { via: "page", method: "GET", path });
  notFound();
}
