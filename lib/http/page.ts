import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For pages: a resource outside the actor's scope renders the 404 page, like one that does not exist. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}
