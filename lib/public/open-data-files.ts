import "server-only";
import { notFound } from "@/lib/errors";
import { publicOrigin } from "@/lib/users/tokens";
import type { OpenDataFormat } from "./open-data";

/** The file names of the open-data URLs: anything else is not found. */
export function openDataFile(file: string): OpenDataFormat {
  if (file === "interventi.csv") return "csv";
  if (file === "interventi.json") return "json";
  throw notFound();
}

/**
 * The dataset's stable public URL: the configured public origin (NEXTAUTH_URL, `publicOrigin()`) and the
 * request's path. Never the request's own origin: a server bound to 0.0.0.0 saw `http://0.0.0.0:3000`, and
 * a Host header is the client's to choose.
 */
export function publicUrl(request: Request): string {
  return `${publicOrigin()}${new URL(request.url).pathname}`;
}
