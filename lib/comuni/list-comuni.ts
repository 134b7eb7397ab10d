import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inOrder, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ComuneListQuery = { q?: string; member?: boolean; page?: number; pageSize?: number };

/** The administrator's list of comuni: members first, then by name. */
export async function listComuni(actor: Actor, query: ComuneListQuery = {}) {
  if (!can(actor, "comuni.manage")) throw notFound();
  const pageSize = Math.min(Math.max(1, query.pageSize ?? 20), 100);
  const page = Math.max(1, query.page ?? 1);
  const q = query.q?.trim();
  const where: Prisma.ComuneWhereInput = {
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { istat: { startsWith: q } }] } : {}),
    ...(query.member === undefined ? {} : { member: query.member }),
  };
  const [total, items, members] = await withActor(actor, (tx) =>
    inOrder([
      tx.comune.count({ where }),
      tx.comune.findMany({
        where,
        orderBy: [{ member: "desc" }, { name: "asc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        include: { province: { select: { acronym: true } }, _count: { select: { users: true } } },
      }),
      tx.comune.count({ where: { member: true } }),
    ]),
  );
  return { items, total, members, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
