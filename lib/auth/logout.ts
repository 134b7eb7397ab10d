import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { SYSTEM, withActor } from "@/lib/db";

const tokenClaims = z.object({ uid: z.string().uuid() });

/**
 * Records a LOGOUT for the user named by the session token (next-auth `events.signOut`). Only the user id
 * is read from the token; the token itself is never stored. Best effort: logging out never fails on it.
 */
export async function recordLogout(token: unknown): Promise<void> {
  const claims = tokenClaims.safeParse(token);
  if (!claims.success) return;
  const userId = claims.data.uid;
  try {
    await withActor(SYSTEM, async (tx) => {
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { name: true, role: true, comuneIstat: true },
      });
      if (!user) return;
      const comuneIstat = user.role === "OFFICER" ? user.comuneIstat : null;
      await recordAudit(
        tx,
        { userId, name: user.name, role: user.role, comuneIstat },
        { entity: "Session", entityId: userId, action: "LOGOUT", comuneIstat },
      );
    });
  } catch (e) {
    console.error("Could not record a logout in the audit log", e);
  }
}
