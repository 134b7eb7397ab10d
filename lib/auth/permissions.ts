import type { Role } from "@/lib/generated/prisma/enums";

/** Every permission the portal checks. One matrix, fail-closed: anything not listed is refused. */
export type Permission =
  | "projects.read"
  | "projects.write"
  | "rollup.read"
  | "streams.write"
  | "smartlands.write"
  | "comuni.manage"
  | "users.manage"
  | "audit.read"
  | "adherence.read"
  | "adherence.write"
  | "adherence.review"
  | "documents.read"
  | "documents.write"
  | "programme.read"
  | "programme.write"
  | "rounds.read"
  | "rounds.submit"
  | "rounds.manage";

// Stated once more, as a table, in ARCHITECTURE.md (tests/unit/permissions.test.ts keeps the two equal).
// The regional taxonomy (streams and Smart Lands) is the coordinators'; administrators manage accounts:
// comuni, users, the audit log.
const MATRIX: Record<Role, readonly Permission[]> = {
  OFFICER: [
    "projects.read",
    "projects.write",
    "adherence.read",
    "adherence.write",
    "documents.read",
    "documents.write",
    "programme.read",
    "rounds.read",
    "rounds.submit",
  ],
  COORDINATOR: [
    "projects.read",
    "rollup.read",
    "streams.write",
    "smartlands.write",
    "adherence.read",
    "adherence.review",
    "documents.read",
    "programme.read",
    "programme.write",
    "rounds.read",
    "rounds.manage",
  ],
  ADMIN: [
    "projects.read",
    "rollup.read",
    "comuni.manage",
    "users.manage",
    "audit.read",
    "adherence.read",
    "documents.read",
    "programme.read",
    "rounds.read",
  ],
};

export type ActorLike = { role: Role; comuneIstat: string | null };

/**
 * `comuneIstat` narrows a tenant permission to one comune: an officer holds projects.* and adherence.* only
 * for their own comune (partner projects are read through the project scope, never written; adherence is
 * the act and the local plans, whose review is the coordinators').
 */
export function can(actor: ActorLike | null, permission: Permission, comuneIstat?: string): boolean {
  if (!actor) return false;
  if (!MATRIX[actor.role]?.includes(permission)) return false;
  // Documents too, and strictly: a partner comune reads a partner project, never its documents.
  if (
    actor.role === "OFFICER" &&
    (permission.startsWith("projects.") ||
      permission.startsWith("adherence.") ||
      permission.startsWith("documents.") ||
      permission.startsWith("rounds."))
  ) {
    return comuneIstat === undefined || (actor.comuneIstat !== null && actor.comuneIstat === comuneIstat);
  }
  return true;
}

export const PERMISSIONS: readonly Permission[] = [
  "projects.read",
  "projects.write",
  "rollup.read",
  "streams.write",
  "smartlands.write",
  "comuni.manage",
  "users.manage",
  "audit.read",
  "adherence.read",
  "adherence.write",
  "adherence.review",
  "documents.read",
  "documents.write",
  "programme.read",
  "programme.write",
  "rounds.read",
  "rounds.submit",
  "rounds.manage",
];
