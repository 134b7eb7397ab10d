import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The projects an actor may read: an officer their comune's and those where their comune is a partner;
 * coordinators and administrators every comune's. Row-level security enforces the same rule below.
 */
export function visibleProjectsWhere(
  actor: Actor,
  opts: { deleted?: boolean; partnerIds?: string[] } = {},
): Prisma.ProjectWhereInput {
  const deletedAt = opts.deleted ? { not: null } : null;
  if (actor.role === "OFFICER") {
    const comune = actor.comuneIstat ?? "-";
    return { deletedAt, ...ownOrPartner(comune, opts.partnerIds) };
  }
  return can(actor, "projects.read") ? { deletedAt } : { id: "00000000-0000-0000-0000-000000000000" };
}

/** Writes are allowed only to officers of the owning comune. */
export function canWriteProject(actor: Actor, project: { comuneIstat: string }): boolean {
  return can(actor, "projects.write", project.comuneIstat);
}

/** The ids of the projects where `istat` is a partner comune (a handful). */
export async function partnerProjectIds(tx: Tx, istat: string): Promise<string[]> {
  const rows = await tx.projectPartner.findMany({
    where: { partnerIstat: istat },
    select: { projectId: true },
  });
  return rows.map((r) => r.projectId);
}

/**
 * Projects of `istat` or where it is a partner. With the partner ids read beforehand the condition is
 * `comuneIstat = … OR id = ANY(…)`, which PostgreSQL answers with two index scans; the subquery form
 * (used when they are not given) makes it scan every project and evaluate row-level security on each —
 * 2 s instead of milliseconds at regional scale.
 */
export function ownOrPartner(istat: string, partnerIds?: string[]): Prisma.ProjectWhereInput {
  return {
    OR: [
      { comuneIstat: istat },
      partnerIds ? { id: { in: partnerIds } } : { partners: { some: { partnerIstat: istat } } },
    ],
  };
}
