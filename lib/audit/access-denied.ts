import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { isUuid } from "@/lib/ids.mjs";
import { recordRepeated } from "./repeated";

export type RefusalTarget = {
  /** Where the refusal happened: a page render, an /api route, a server action. */
  via: "page" | "api" | "action";
  method?: string;
  /** The path asked for (query strings and token-like segments are dropped here). */
  path?: string | null;
  /** An id the request named (e.g. the form's `id`), kept only when it is a UUID. */
  requestedId?: string | null;
};

const MAX_PATH = 300;
const ISTAT = /^\d{6}$/;
// Opaque secrets travel as long base64url/hex strings (activation links, API tokens): never store them.
const TOKEN_LIKE = /^[A-Za-z0-9_~.=-]{20,}$/;

/**
 * The path of a request as the audit log keeps it: no scheme/host, no query string, no fragment, no
 * route-group segments, every segment that looks like a secret replaced by "…", at most 300 characters.
 */
export function auditPath(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let path = raw.trim();
  try {
    path = new URL(path, "http://x").pathname;
  } catch {
    return null;
  }
  const segments = path
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s)) // Next.js route groups: "(portal)"
    .map((s) => {
      let decoded = s;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        /* keep as sent */
      }
      if (isUuid(decoded) || ISTAT.test(decoded)) return decoded;
      return TOKEN_LIKE.test(decoded) && /\d/.test(decoded) ? "…" : decoded;
    });
  const clean = segments.join("/") || "/";
  return clean.length > MAX_PATH ? `${clean.slice(0, MAX_PATH)}…` : clean;
}

/**
 * Writes an ACCESS_DENIED event for a logged-in actor refused by the authorization layer (a 404 that the
 * actor's scope produced). Best effort: a failure is logged and swallowed, so a refusal stays a 404 and
 * never becomes a 500. Never records secrets: only the method, the cleaned path and a UUID the request named.
 * Repeats are aggregated (lib/audit/repeated.ts): one row per actor, channel and method a minute, with the
 * first refusal's path and id and a count, however many requests an actor sends.
 */
export async function recordAccessDenied(actor: Actor, target: RefusalTarget): Promise<void> {
  try {
    const path = auditPath(target.path);
    const after: Record<string, string> = { via: target.via };
    const method = target.method?.toUpperCase().slice(0, 10);
    if (method) after.method = method;
    if (path) after.path = path;
    if (isUuid(target.requestedId)) after.requestedId = target.requestedId;
    // The actor's id, name, role and comune are the session's (withActor's settings), set by the function.
    await withActor(actor, (tx) =>
      recordRepeated(tx, {
        action: "ACCESS_DENIED",
        entity: "Request",
        entityId: path ?? "-",
        source: `${target.via} ${method ?? "-"}`,
        after,
      }),
    );
  } catch (e) {
    console.error("Could not record an access refusal in the audit log", e);
  }
}
