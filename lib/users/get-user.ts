import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids.mjs";
import { neverActivated, USER_LIST_SELECT, userState } from "./list-users";

/**
 * One user for the administrator's detail page (`users.manage`, else NOT_FOUND), with the link currently
 * waiting to be used (if any).
 */
export async function getUserForActor(actor: Actor, id: string) {
  if (!can(actor, "users.manage") || !isUuid(id)) throw notFound();
  const user = await withActor(actor, async (tx) => {
    const row = await tx.user.findUnique({
      where: { id },
      select: {
        ...USER_LIST_SELECT,
        version: true,
        passwordChangedAt: true,
        createdAt: true,
        comune: { select: { istat: true, name: true, member: true, suspended: true } },
      },
    });
    if (!row) return null;
    const pendingLink = await tx.userToken.findFirst({
      where: { userId: id, usedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { kind: true, expiresAt: true, createdAt: true },
    });
    return { row, pendingLink };
  });
  if (!user) throw notFound();
  const { passwordHash, ...rest } = user.row;
  const hasPassword = passwordHash !== null;
  return {
    ...rest,
    hasPassword,
    neverActivated: neverActivated({ passwordHash, ...rest }),
    state: userState({ active: rest.active, hasPassword }),
    pendingLink: user.pendingLink,
  };
}
