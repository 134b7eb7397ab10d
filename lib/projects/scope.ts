import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The projects an actor may read: an officer their comune's and those where their comune is a partner;
 * coordinators and administrators every comune's. Row-level security enforces the same rule below.
 */
export function visibleProjectsWhere(
  actor: Actor,
  opts: { deleted?: boolean } = {},
): Prisma.ProjectWhereInput {
  const deletedAt = opts.deleted ? { not: null } : null;
  if (actor.role === "OFFICER") {
    const comune = actor.comuneIstat ?? "-";
    return { deletedAt, OR: [{ comuneIstat: comune }, { partners: { some: { partnerIstat: comune } } }] };
  }
  return can(actor, "projects.read") ? { deletedAt } : { id: "00000000-0000-0000-0000-000000000000" };
}

/** Writes are allowed only to officers of the owning comune. */
export function canWriteProject(actor: Actor, project: { comuneIstat: string }): boolean {
  return can(actor, "projects.write", project.comuneIstat);
}
