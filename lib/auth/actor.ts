import "server-only";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { readRows } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { SESSION_COOKIE } from "./options";
import { sessionIdleSeconds } from "./session";

/** Who is asking. Every lib function takes one; nothing below `app/` reads the session itself. */
export type Actor = {
  userId: string;
  role: Role;
  comuneIstat: string | null;
  name: string;
  email: string;
  comuneName: string | null;
};

const sessionClaims = z.object({
  uid: z.string().uuid(),
  sv: z.number().int(),
  sid: z.string().uuid(),
  iat: z.number().optional(),
});

/**
 * Loads the user behind a session and checks it is still valid *now*: active, same session version
 * (bumped on deactivation, role/comune/password change), officer's comune still a non-suspended member.
 * With `sessionId` (a browser session), also the server-side session: not logged out, not idle longer than
 * SESSION_IDLE_MINUTES, not past its absolute lifetime. Without it (API tokens), the user alone.
 */
export async function loadActor(
  userId: string,
  sessionVersion: number,
  sessionId?: string,
): Promise<Actor | null> {
  // One round trip on every request: a definer function reads the user and their comune (no
  // transaction needed to act as SYSTEM) and, for a session, checks it and marks it active (at most once a
  // minute). The decision is made here, not in SQL.
  const [user] =
    sessionId === undefined
      ? await readRows<SessionUserState>("SELECT * FROM session_user_state($1::uuid)", [userId])
      : await readRows<SessionUserState>("SELECT * FROM session_state($1::uuid, $2::uuid, $3::int)", [
          userId,
          sessionId,
          sessionIdleSeconds(),
        ]);
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  if (sessionId !== undefined && !user.sessionOpen) return null;
  const role = user.role as Role;
  if (role === "OFFICER" && (!user.comuneIstat || !user.comuneMember || user.comuneSuspended)) return null;
  return {
    userId: user.id,
    role,
    comuneIstat: role === "OFFICER" ? user.comuneIstat : null,
    name: user.name,
    email: user.email,
    comuneName: user.comuneName,
  };
}

type SessionUserState = {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  sessionVersion: number;
  comuneIstat: string | null;
  comuneName: string | null;
  comuneMember: boolean | null;
  comuneSuspended: boolean | null;
  /** session_state only: the server-side session is open. */
  sessionOpen?: boolean;
};

/** The session → Actor choke point (memoised per request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = sessionClaims.safeParse(await sessionToken());
  if (!claims.success) return null;
  return loadActor(claims.data.uid, claims.data.sv, claims.data.sid);
});

/**
 * The claims of the request's session cookie (sealed by next-auth with NEXTAUTH_SECRET; an expired,
 * tampered or missing cookie is null). This is what getServerSession() reads, without what it does on top
 * for a browser (a CSRF token, the callbacks, a re-sealed cookie that a page cannot set anyway): the
 * session's validity *now* is decided by loadActor, on every request.
 */
async function sessionToken(): Promise<unknown> {
  // next-auth splits a session over 4 KB into `name.0`, `name.1`, …; ours holds two claims.
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  try {
    return await decode({ token, secret });
  } catch {
    return null;
  }
}

/**
 * Why the login page is shown to someone whose session cookie is still there (see SESSION_REFUSALS on the
 * login page): only what the user may know of their own account.
 */
export type SessionRefusal =
  | "account-disattivato"
  | "comune-sospeso"
  | "password-modificata"
  | "account-modificato"
  | "sessione-scaduta";

/** The reason a session that the cookie still claims was refused, or null when there is no such cookie. */
export async function sessionRefusal(): Promise<SessionRefusal | null> {
  const claims = sessionClaims.safeParse(await sessionToken());
  if (!claims.success) return null;
  const { uid, sv, iat } = claims.data;
  const [user] = await readRows<SessionUserState>("SELECT * FROM session_user_state($1::uuid)", [uid]);
  if (!user) return null;
  if (!user.active) return "account-disattivato";
  if (user.role === "OFFICER" && (!user.comuneMember || user.comuneSuspended)) return "comune-sospeso";
  if (user.sessionVersion !== sv) {
    const [row] = await readRows<{ at: number | null }>(
      "SELECT session_password_changed_at($1::uuid) AS at",
      [uid],
    );
    const changedAt = row?.at ?? null;
    return changedAt !== null && iat !== undefined && changedAt >= iat
      ? "password-modificata"
      : "account-modificato";
  }
  return "sessione-scaduta";
}

/** For pages and actions: no valid session → the login page, saying why when a live session was closed. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const reason = await sessionRefusal();
    redirect(reason ? `/login?sessione=${reason}` : "/login");
  }
  return actor;
}

export function landingPath(actor: Actor): string {
  if (actor.role === "OFFICER") return `/comuni/${actor.comuneIstat}`;
  if (actor.role === "COORDINATOR") return "/regione";
  return "/admin";
}
