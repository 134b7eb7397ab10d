import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { inOrder, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storableText } from "@/lib/validation/text";

export type ComuneState = "aderente" | "sospeso" | "non-aderente";
export type ComuneListQuery = {
  q?: string;
  member?: boolean;
  state?: ComuneState;
  province?: string;
  page?: number;
  pageSize?: number;
};

const STATE_WHERE: Record<ComuneState, Prisma.ComuneWhereInput> = {
  aderente: { member: true, suspended: false },
  sospeso: { member: true, suspended: true },
  "non-aderente": { member: false },
};

/** The administrator's list of comuni: members first, then by name. */
export async function listComuni(actor: Actor, query: ComuneListQuery = {}) {
  if (!can(actor, "comuni.manage")) throw notFound();
  const pageSize = Math.min(Math.max(1, query.pageSize ?? 20), 100);
  const page = Math.max(1, query.page ?? 1);
  const q = query.q && storableText(query.q).trim();
  const where: Prisma.ComuneWhereInput = {
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { istat: { startsWith: q } }] } : {}),
    ...(query.member === undefined ? {} : { member: query.member }),
    ...(query.state ? STATE_WHERE[query.state] : {}),
    ...(query.province && /^\d{3}$/.test(query.province) ? { provinceIstat: query.province } : {}),
  };
  const [total, items, members] = await withActor(actor, (tx) =>
    inOrder([
      tx.comune.count({ where }),
      tx.comune.findMany({
        where,
        orderBy: [{ member: "desc" }, { name: "asc" }, { istat: "asc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        include: { province: { select: { acronym: true } }, _count: { select: { users: true } } },
      }),
      tx.comune.count({ where: { member: true } }),
    ]),
  );
  return { items, total, members, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
