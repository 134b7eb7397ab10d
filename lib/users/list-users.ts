import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { storableText } from "@/lib/validation/text";

/** Active = can log in; pending = waiting for the user to set a password through a link; inactive = deactivated. */
export type UserState = "active" | "pending" | "inactive";
export const USER_STATES: readonly UserState[] = ["active", "pending", "inactive"];

export function userState(user: { active: boolean; hasPassword: boolean }): UserState {
  if (!user.active) return "inactive";
  return user.hasPassword ? "active" : "pending";
}

/** No password was ever set: the account still waits for its activation link. */
export function neverActivated(user: {
  passwordHash: unknown;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
}) {
  return !user.passwordHash && !user.passwordChangedAt && !user.lastLoginAt;
}

function stateWhere(state: UserState): Prisma.UserWhereInput {
  if (state === "inactive") return { active: false };
  return { active: true, passwordHash: state === "active" ? { not: null } : null };
}

/** What the administrator sees of a user in the list (the detail page adds to it). */
export const USER_LIST_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  passwordHash: true,
  lastLoginAt: true,
  comune: { select: { istat: true, name: true } },
} as const;

type Row = Prisma.UserGetPayload<{ select: typeof USER_LIST_SELECT }>;

/** The hash is read only to tell the state: it never leaves this module. */
function toItem({ passwordHash, ...user }: Row) {
  return { ...user, state: userState({ active: user.active, hasPassword: passwordHash !== null }) };
}

export type UserListQuery = {
  q?: string;
  role?: Role;
  comuneIstat?: string;
  state?: UserState;
  page?: number;
  pageSize?: number;
};

/** Search by name or e-mail, filters by role, comune and state; sorted by name; paginated. */
export async function searchUsers(actor: Actor, query: UserListQuery = {}) {
  if (!can(actor, "users.manage")) throw notFound();
  const pageSize = Math.min(Math.max(1, query.pageSize ?? 25), 100);
  const q = query.q && storableText(query.q).trim().slice(0, 100);
  const where: Prisma.UserWhereInput = {
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(query.role ? { role: query.role } : {}),
    ...(query.comuneIstat ? { comuneIstat: query.comuneIstat } : {}),
    ...(query.state ? stateWhere(query.state) : {}),
  };
  return withActor(actor, async (tx) => {
    const total = await tx.user.count({ where });
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(1, query.page ?? 1), pages);
    const rows = await tx.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { email: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: USER_LIST_SELECT,
    });
    return { items: rows.map(toItem), total, page, pageSize, pages };
  });
}

/** Counts by state, for the administration overview. */
export async function countUsers(actor: Actor) {
  if (!can(actor, "users.manage")) throw notFound();
  return withActor(actor, async (tx) => {
    const [active, pending, inactive] = await Promise.all(
      USER_STATES.map((state) => tx.user.count({ where: stateWhere(state) })),
    );
    return { active, pending, inactive, total: active + pending + inactive };
  });
}

/** Filter and form options: comuni that have users (filter) and those an officer may belong to (forms). */
export async function getUserFormOptions(actor: Actor) {
  if (!can(actor, "users.manage")) throw notFound();
  return withActor(actor, async (tx) => {
    const [assignable, withUsers] = await Promise.all([
      tx.comune.findMany({
        where: { member: true, suspended: false },
        orderBy: { name: "asc" },
        select: { istat: true, name: true },
      }),
      tx.comune.findMany({
        where: { users: { some: {} } },
        orderBy: { name: "asc" },
        select: { istat: true, name: true },
      }),
    ]);
    const option = (c: { istat: string; name: string }) => ({
      value: c.istat,
      label: `${c.name} (${c.istat})`,
    });
    return { assignableComuni: assignable.map(option), comuniWithUsers: withUsers.map(option) };
  });
}
