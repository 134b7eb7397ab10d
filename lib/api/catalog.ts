// The API's catalog: comuni, Smart Lands and streams. Reference data every signed-in actor may read
// (row-level security opens these tables to every role); each read goes through withActor all the same.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inOrder, withActor } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { instantIsoDate } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STREAM_FIELDS } from "@/lib/streams/manage-streams";
import type { ComuniQuery } from "./queries";

// memberSince is a moment (when the comune joined): its day is Rome's.
const day = (d: Date | null) => (d ? instantIsoDate(d) : null);

const COMUNE_ORDER: Record<NonNullable<ComuniQuery["sort"]>, keyof Prisma.ComuneOrderByWithRelationInput> = {
  nome: "name",
  istat: "istat",
  popolazione: "population",
};

const COMUNE_SELECT = {
  istat: true,
  name: true,
  population: true,
  member: true,
  memberSince: true,
  province: { select: { istat: true, acronym: true, name: true } },
  smartLands: {
    select: { smartLand: { select: { slug: true, name: true, phase: true } } },
    orderBy: { smartLand: { name: "asc" } },
  },
} satisfies Prisma.ComuneSelect;

type ComuneRow = Prisma.ComuneGetPayload<{ select: typeof COMUNE_SELECT }>;

function serializeComune(c: ComuneRow) {
  return {
    istat: c.istat,
    name: c.name,
    province: c.province,
    population: c.population,
    member: c.member,
    memberSince: day(c.memberSince),
    smartLands: c.smartLands.map((m) => m.smartLand),
  };
}

/** A page of comuni, filtered; sorted by the chosen key with the ISTAT code as the unique tie-breaker. */
export async function listCatalogComuni(actor: Actor, query: ComuniQuery) {
  const where: Prisma.ComuneWhereInput[] = [];
  if (query.province) {
    where.push(
      /^[0-9]{3}$/.test(query.province)
        ? { provinceIstat: query.province }
        : { province: { acronym: query.province } },
    );
  }
  if (query.member !== undefined) where.push({ member: query.member });
  if (query.q) {
    where.push({
      OR: [{ name: { contains: query.q, mode: "insensitive" } }, { istat: { startsWith: query.q } }],
    });
  }
  if (query.smartLand) where.push({ smartLands: { some: { smartLand: { slug: query.smartLand } } } });
  const key = COMUNE_ORDER[query.sort ?? "nome"];
  const dir = query.dir ?? "asc";
  const orderBy: Prisma.ComuneOrderByWithRelationInput[] =
    key === "istat" ? [{ istat: dir }] : [{ [key]: dir }, { istat: "asc" }];
  const { page, pageSize } = query;
  const [total, rows] = await withActor(actor, (tx) =>
    inOrder([
      tx.comune.count({ where: { AND: where } }),
      tx.comune.findMany({
        where: { AND: where },
        orderBy,
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: COMUNE_SELECT,
      }),
    ]),
  );
  return {
    data: rows.map(serializeComune),
    meta: { page, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)) },
  };
}

/** One comune with its cadastral code and Smart Lands (and whether it leads them); unknown → 404. */
export async function getCatalogComune(actor: Actor, istat: string) {
  if (!/^[0-9]{6}$/.test(istat)) throw notFound();
  const c = await withActor(actor, (tx) =>
    tx.comune.findUnique({
      where: { istat },
      select: {
        ...COMUNE_SELECT,
        cadastralCode: true,
        smartLands: {
          select: { smartLand: { select: { slug: true, name: true, phase: true, leadIstat: true } } },
          orderBy: { smartLand: { name: "asc" } },
        },
      },
    }),
  );
  if (!c) throw notFound();
  return {
    istat: c.istat,
    name: c.name,
    cadastralCode: c.cadastralCode,
    province: c.province,
    population: c.population,
    member: c.member,
    memberSince: day(c.memberSince),
    smartLands: c.smartLands.map(({ smartLand: { leadIstat, ...s } }) => ({
      ...s,
      lead: leadIstat === c.istat,
    })),
  };
}

const SMART_LAND_SELECT = {
  id: true,
  slug: true,
  name: true,
  phase: true,
  description: true,
  lead: { select: { istat: true, name: true } },
  _count: { select: { members: true } },
} satisfies Prisma.SmartLandSelect;

type SmartLandRow = Prisma.SmartLandGetPayload<{ select: typeof SMART_LAND_SELECT }>;

function serializeSmartLand({ _count, ...s }: SmartLandRow) {
  return { ...s, memberCount: _count.members };
}

/** Every Smart Land, by name (then id). */
export async function listCatalogSmartLands(actor: Actor) {
  const rows = await withActor(actor, (tx) =>
    tx.smartLand.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: SMART_LAND_SELECT }),
  );
  return { data: rows.map(serializeSmartLand) };
}

/** One Smart Land with its member comuni (by name, then ISTAT code) and lead; unknown → 404. */
export async function getCatalogSmartLand(actor: Actor, slug: string) {
  const row = await withActor(actor, (tx) =>
    tx.smartLand.findUnique({
      where: { slug },
      select: {
        ...SMART_LAND_SELECT,
        leadIstat: true,
        members: {
          select: {
            comune: { select: { istat: true, name: true, province: { select: { acronym: true } } } },
          },
          orderBy: [{ comune: { name: "asc" } }, { comuneIstat: "asc" }],
        },
      },
    }),
  );
  if (!row) throw notFound();
  const { members, leadIstat, ...rest } = row;
  return {
    ...serializeSmartLand(rest),
    members: members.map(({ comune }) => ({
      istat: comune.istat,
      name: comune.name,
      province: comune.province.acronym,
      lead: comune.istat === leadIstat,
    })),
  };
}

/** The streams ("filoni"), by code; `archived` filters on the archive flag. */
export async function listCatalogStreams(actor: Actor, query: { archiviati?: boolean }) {
  const rows = await withActor(actor, (tx) =>
    tx.stream.findMany({
      where: query.archiviati === undefined ? {} : { archived: query.archiviati },
      orderBy: [{ code: "asc" }, { id: "asc" }],
      select: { id: true, ...STREAM_FIELDS },
    }),
  );
  return { data: rows };
}
