import "server-only";
import { z } from "zod";
import { SYSTEM, withActor } from "@/lib/db";

/** Absolute lifetime of a session (and of its cookie): a working day, however active. */
export const SESSION_MAX_AGE = 8 * 60 * 60;

/** SESSION_IDLE_MINUTES (default 30): a session with no request for that long is over. */
export function sessionIdleSeconds(): number {
  const minutes = Number(process.env.SESSION_IDLE_MINUTES);
  return Number.isInteger(minutes) && minutes > 0 ? Math.min(minutes, 24 * 60) * 60 : 30 * 60;
}

/**
 * Opens a server-side session for a user who just signed in (next-auth's jwt callback) and answers its id,
 * which the sealed cookie carries as `sid`. getActor() checks it on every request (session_state).
 */
export async function startSession(userId: string): Promise<string> {
  const [row] = await withActor(
    SYSTEM,
    (tx) =>
      tx.$queryRaw<
        { sid: string }[]
      >`SELECT session_start(${userId}::uuid, ${SESSION_MAX_AGE}::int)::text AS sid`,
  );
  return row.sid;
}

const sessionClaims = z.object({ sid: z.string().uuid() });

/**
 * Ends the session named by a session token (next-auth `events.signOut`): the cookie, even if kept or
 * captured, is no session from now on. A token without a session id ends nothing.
 */
export async function endSession(token: unknown): Promise<void> {
  const claims = sessionClaims.safeParse(token);
  if (!claims.success) return;
  await withActor(SYSTEM, (tx) => tx.$executeRaw`SELECT session_end(${claims.data.sid}::uuid)`);
}
