// A published project's public page and the public, searchable list of published projects (issue #16,
// item 9), like OpenCoesione's project pages. Everything is read as the PUBLIC_READER actor from the
// published copies ("PublicProject", migrations publish and public_project_page): never the working
// copy, so a draft's changes stay private until the officer publishes again. A project that is not
// published, deleted or unknown is the same NOT_FOUND. No personal data: an action's owner and CIG are
// not in the copy.

import "server-only";
import { Prisma, PUBLIC_READER } from "@/lib/db";
import { withReader } from "@/lib/db/reader";
import { notFound } from "@/lib/errors";
import { FUNDING_SOURCES, PROJECT_STATUSES } from "@/lib/format";
import type { FundingSource, Health, PhaseKind, ProjectStatus, Theme } from "@/lib/generated/prisma/enums";
import { publicOrigin } from "@/lib/users/tokens";

export type PublicFundingLine = {
  source: FundingSource;
  programme: string;
  year: number;
  planned: string;
  committed: string;
  paid: string;
};
export type PublicMilestone = {
  title: string;
  kind: string;
  dueDate: string | null;
  doneDate: string | null;
  status: string;
};

/** A procedural phase as published (docs/phases.md): dates "yyyy-mm-dd", never the office's note. */
export type PublicPhase = {
  kind: PhaseKind;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
};

export type PublicProjectPage = {
  id: string;
  cup: string | null;
  title: string;
  summary: string;
  comune: { istat: string; name: string; province: string };
  partners: { istat: string; name: string }[];
  smartLand: { slug: string; name: string; phase: string } | null;
  stream: { code: string; name: string; theme: Theme };
  status: ProjectStatus;
  health: Health;
  progress: number;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
  funding: PublicFundingLine[];
  milestones: PublicMilestone[];
  phases: PublicPhase[];
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  publishedAt: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUP = /^[A-Z0-9]{15}$/;

/** The path of a published project's public page. */
export const publicProjectPath = (id: string) => `/progetti/${id}`;

/** The absolute, configured URL of a project's public page (never the request's host). */
export const publicProjectUrl = (id: string) => `${publicOrigin()}${publicProjectPath(id)}`;

type PageRow = Omit<PublicProjectPage, "comune" | "partners" | "smartLand" | "stream"> & {
  comuneIstat: string;
  comuneName: string;
  province: string;
  partnerIstats: string[];
  slSlug: string | null;
  slName: string | null;
  slPhase: string | null;
  streamCode: string;
  streamName: string;
  theme: Theme;
};

/** A published project's public page by its id; anything else (draft, deleted, unknown) is NOT_FOUND. */
export async function getPublicProjectPage(id: string): Promise<PublicProjectPage> {
  if (!UUID.test(id)) throw notFound();
  return withReader(PUBLIC_READER, async (tx) => {
    const [row] = await tx.$queryRaw<PageRow[]>`
      SELECT p."projectId"::text AS id, p.cup, p.title, p.summary, p.status, p.health, p.progress,
             p."totalCost"::text AS "totalCost", p.planned::text AS planned,
             p.committed::text AS committed, p.paid::text AS paid, p.funding, p.milestones, p.phases,
             p."plannedStart", p."plannedEnd", p."actualStart", p."actualEnd", p."publishedAt",
             p."comuneIstat", c.name AS "comuneName", pr.acronym AS province, p.partners AS "partnerIstats",
             sl.slug AS "slSlug", sl.name AS "slName", sl.phase AS "slPhase",
             s.code AS "streamCode", s.name AS "streamName", s.theme
      FROM "PublicProject" p
      JOIN "Comune" c ON c.istat = p."comuneIstat"
      JOIN "Province" pr ON pr.istat = c."provinceIstat"
      JOIN "Stream" s ON s.id = p."streamId"
      LEFT JOIN "SmartLand" sl ON sl.id = p."smartLandId"
      WHERE p."projectId" = ${id}::uuid`;
    if (!row) throw notFound();
    const partners = row.partnerIstats.length
      ? await tx.comune.findMany({
          where: { istat: { in: row.partnerIstats } },
          select: { istat: true, name: true },
          orderBy: { name: "asc" },
        })
      : [];
    const { comuneIstat, comuneName, province, partnerIstats, slSlug, slName, slPhase, ...rest } = row;
    void partnerIstats;
    return {
      ...rest,
      comune: { istat: comuneIstat, name: comuneName, province },
      partners,
      smartLand: slSlug ? { slug: slSlug, name: slName ?? "", phase: slPhase ?? "" } : null,
      stream: { code: row.streamCode, name: row.streamName, theme: row.theme },
    };
  });
}

/** The id of the published project with this CUP (case-insensitive); none → NOT_FOUND. */
export async function findPublicProjectByCup(cup: string): Promise<string> {
  const code = cup.trim().toUpperCase();
  if (!CUP.test(code)) throw notFound();
  const rows = await withReader(
    PUBLIC_READER,
    (tx) =>
      tx.$queryRaw<{ id: string }[]>`
      SELECT "projectId"::text AS id FROM "PublicProject" WHERE cup = ${code}
      ORDER BY "publishedAt" DESC, "projectId" LIMIT 1`,
  );
  if (!rows[0]) throw notFound();
  return rows[0].id;
}

export const PUBLIC_SORTS = ["comune", "titolo", "costo", "pubblicato"] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

export type PublicProjectFilters = {
  q?: string;
  smartLand?: string;
  comune?: string;
  filone?: string;
  stato?: string;
  fonte?: string;
  anno?: string;
  sort?: string;
  page?: number;
};

export type PublicProjectRow = {
  id: string;
  cup: string | null;
  title: string;
  comuneIstat: string;
  comuneName: string;
  streamCode: string;
  status: ProjectStatus;
  progress: number;
  totalCost: string;
  publishedAt: Date;
};

export const PUBLIC_PAGE_SIZE = 25;

const ORDER: Record<PublicSort, Prisma.Sql> = {
  comune: Prisma.sql`c.name, p.title, p."projectId"`,
  titolo: Prisma.sql`p.title, p."projectId"`,
  costo: Prisma.sql`p."totalCost" DESC, p.title, p."projectId"`,
  pubblicato: Prisma.sql`p."publishedAt" DESC, p."projectId"`,
};

/** The filters that apply: values outside their domain are ignored (a shared link never breaks). */
export function normaliseFilters(f: PublicProjectFilters) {
  const year = f.anno && /^\d{4}$/.test(f.anno) ? Number(f.anno) : undefined;
  return {
    q: f.q?.trim().slice(0, 100) || undefined,
    smartLand: f.smartLand && /^[a-z0-9-]{1,80}$/.test(f.smartLand) ? f.smartLand : undefined,
    comune: f.comune && /^\d{6}$/.test(f.comune) ? f.comune : undefined,
    filone: f.filone && /^[A-Za-z0-9._-]{1,20}$/.test(f.filone) ? f.filone : undefined,
    stato: PROJECT_STATUSES.find((s) => s === f.stato),
    fonte: FUNDING_SOURCES.find((s) => s === f.fonte),
    anno: year && year >= 1990 && year <= 2100 ? year : undefined,
    sort: PUBLIC_SORTS.find((s) => s === f.sort) ?? ("comune" as PublicSort),
  };
}

/** One page of the published projects matching the filters, with the count of all matches. */
export async function searchPublicProjects(filters: PublicProjectFilters) {
  const f = normaliseFilters(filters);
  const where = [Prisma.sql`true`];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(Prisma.sql`(p.title ILIKE ${like} OR p.cup ILIKE ${like} OR c.name ILIKE ${like})`);
  }
  if (f.smartLand) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "SmartLand" sl WHERE sl.slug = ${f.smartLand} AND (
      sl.id = p."smartLandId" OR EXISTS (SELECT 1 FROM "SmartLandMember" m
        WHERE m."smartLandId" = sl.id AND m."comuneIstat" = p."comuneIstat")))`);
  }
  if (f.comune) where.push(Prisma.sql`(p."comuneIstat" = ${f.comune} OR ${f.comune} = ANY(p.partners))`);
  if (f.filone) where.push(Prisma.sql`s.code = ${f.filone}`);
  if (f.stato) where.push(Prisma.sql`p.status = ${f.stato}::"ProjectStatus"`);
  if (f.fonte) where.push(Prisma.sql`${f.fonte} = ANY(p.sources)`);
  if (f.anno) {
    where.push(Prisma.sql`(p.funding @> ${JSON.stringify([{ year: f.anno }])}::jsonb
      OR ${f.anno} BETWEEN EXTRACT(YEAR FROM p."plannedStart") AND EXTRACT(YEAR FROM p."plannedEnd"))`);
  }
  const from = Prisma.sql`FROM "PublicProject" p JOIN "Comune" c ON c.istat = p."comuneIstat"
    JOIN "Stream" s ON s.id = p."streamId" WHERE ${Prisma.join(where, " AND ")}`;
  return withReader(PUBLIC_READER, async (tx) => {
    const [{ total }] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from}`;
    const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.trunc(filters.page ?? 1) || 1), pages);
    const items = await tx.$queryRaw<PublicProjectRow[]>`
      SELECT p."projectId"::text AS id, p.cup, p.title, p."comuneIstat", c.name AS "comuneName",
             s.code AS "streamCode", p.status, p.progress, p."totalCost"::text AS "totalCost", p."publishedAt"
      ${from} ORDER BY ${ORDER[f.sort]} LIMIT ${PUBLIC_PAGE_SIZE} OFFSET ${(page - 1) * PUBLIC_PAGE_SIZE}`;
    return { items, total, page, pages, filters: f };
  });
}

/** The choices of the public list's filters: Smart Lands, comuni with published projects, filoni, years. */
export async function publicProjectFilterOptions() {
  return withReader(PUBLIC_READER, async (tx) => {
    const [smartLands, comuni, streams, years] = await Promise.all([
      tx.smartLand.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
      tx.$queryRaw<{ istat: string; name: string }[]>`
        SELECT DISTINCT c.istat, c.name FROM "PublicProject" p JOIN "Comune" c ON c.istat = p."comuneIstat"
        ORDER BY c.name`,
      tx.$queryRaw<{ code: string; name: string }[]>`
        SELECT DISTINCT s.code, s.name FROM "PublicProject" p JOIN "Stream" s ON s.id = p."streamId"
        ORDER BY s.code`,
      tx.$queryRaw<{ year: number }[]>`
        SELECT DISTINCT (l->>'year')::int AS year FROM "PublicProject" p, jsonb_array_elements(p.funding) l
        ORDER BY 1`,
    ]);
    return { smartLands, comuni, streams, years: years.map((y) => y.year) };
  });
}
