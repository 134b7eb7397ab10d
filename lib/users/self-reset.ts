import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { admitAttempt } from "@/lib/auth/throttle";
import { SYSTEM, withActor } from "@/lib/db";
import { selfResetMail } from "@/lib/mail/account-mail";
import { mailEnabled, sendMail } from "@/lib/mail/send-mail";
import { forgotPasswordSchema } from "@/lib/validation/users";
import { parseOrThrow } from "@/lib/validation/parse";
import { issueUserToken, userTokenLink } from "./tokens";

/** The one answer to every request, whoever the address belongs to (no account enumeration). */
export const SELF_RESET_ANSWER =
  "Se l'indirizzo corrisponde a un account attivo, riceverai a breve un'email con il link per reimpostare la password (vale 72 ore). Controlla anche la posta indesiderata.";

/** Requests per address and per client address, each in an hour: a mailbox is not flooded. */
export const SELF_RESET_LIMITS = {
  email: { max: 3, windowMs: 60 * 60_000 },
  address: { max: 20, windowMs: 60 * 60_000 },
};

/**
 * «Password dimenticata?»: mails a reset link (72 hours, single use, the user's older reset links stop
 * working) to an active user (an officer's comune a non-suspended member). Only with SMTP configured.
 * Anonymous, so it runs as SYSTEM; the answer is the same whatever happens (unknown address, inactive
 * account, throttled, mail failure), and only a bad-looking address is refused (a field error). The current
 * password keeps working: whoever asked for someone else's link cannot lock them out.
 */
export async function requestPasswordReset(input: unknown, clientAddress: string | null): Promise<void> {
  const { email } = parseOrThrow(forgotPasswordSchema, input);
  if (!mailEnabled()) return;
  const admitted = await admitAttempt([
    { key: `reset:email:${email}`, ...SELF_RESET_LIMITS.email },
    ...(clientAddress ? [{ key: `reset:address:${clientAddress}`, ...SELF_RESET_LIMITS.address }] : []),
  ]);
  if (!admitted) return;
  const issued = await withActor(SYSTEM, async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        passwordHash: true,
        comuneIstat: true,
        comune: { select: { member: true, suspended: true } },
      },
    });
    if (!user || !user.active || !user.passwordHash) return null;
    if (user.role === "OFFICER" && (!user.comune?.member || user.comune.suspended)) return null;
    const token = await issueUserToken(tx, user.id, "PASSWORD_RESET", null);
    const comuneIstat = user.role === "OFFICER" ? user.comuneIstat : null;
    await recordAudit(
      tx,
      { userId: user.id, name: user.name, role: user.role, comuneIstat },
      {
        entity: "User",
        entityId: user.id,
        action: "PASSWORD_RESET_REQUESTED",
        comuneIstat,
        after: { expiresAt: token.expiresAt },
      },
    );
    return { user, secret: token.secret };
  });
  if (!issued) return;
  await sendMail(selfResetMail(issued.user, userTokenLink("PASSWORD_RESET", issued.secret)));
}

/** «Password dimenticata?» is offered (mail can be sent); otherwise the login page says to ask the administrator. */
export function selfResetAvailable(): boolean {
  return mailEnabled();
}
