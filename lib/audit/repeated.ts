import "server-only";
import type { Tx } from "@/lib/db";

/**
 * An event that anyone can repeat at will (a throttled or failed login, an access refusal): written through
 * the definer function `audit_repeated`, which keeps ONE row per (action, entity, actor, source, minute) and
 * counts the repeats in it (`count`), so a flood of requests adds a number, not rows. The row keeps the
 * first event's details (entityId, after, requestId). The app role still has no UPDATE on the log.
 *
 * `source` says what makes two events "the same" besides the actor (the client address, the channel).
 * `actor` is used only by SYSTEM (logins, where nobody is signed in yet); for a signed-in actor the function
 * takes who they are from the transaction's settings (withActor), never from the caller.
 */
export async function recordRepeated(
  tx: Tx,
  event: {
    action: string;
    entity: string;
    entityId: string;
    source: string;
    after?: Record<string, string> | null;
    actor?: { id: string; role: string; comuneIstat: string | null } | null;
  },
): Promise<void> {
  const after = event.after && Object.keys(event.after).length ? JSON.stringify(event.after) : null;
  await tx.$executeRaw`SELECT audit_repeated(
    ${event.action}, ${event.entity}, ${event.entityId}, ${event.source}, ${after}::jsonb,
    ${event.actor?.id ?? null}::uuid, ${event.actor?.role ?? null}, ${event.actor?.comuneIstat ?? null})`;
}
