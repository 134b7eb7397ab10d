import { notFound } from "@/lib/errors";
import type { OpenDataFormat } from "./open-data";

/** The file names of the open-data URLs: anything else is not found. */
export function openDataFile(file: string): OpenDataFormat {
  if (file === "interventi.csv") return "csv";
  if (file === "interventi.json") return "json";
  throw notFound();
}

/** The dataset's stable public URL (behind a proxy, NEXTAUTH_URL names the public origin). */
export function publicUrl(request: Request): string {
  const url = new URL(request.url);
  return `${process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? url.origin}${url.pathname}`;
}
