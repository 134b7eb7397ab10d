import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** The administrator's list of users (no password hashes leave this function). */
export async function listUsers(actor: Actor) {
  if (!can(actor, "users.manage")) throw notFound();
  return withActor(actor, (tx) =>
    tx.user.findMany({
      orderBy: [{ role: "asc" }, { name: "asc" }],
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        lastLoginAt: true,
        comune: { select: { istat: true, name: true } },
      },
    }),
  );
}
