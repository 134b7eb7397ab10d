import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { Prisma, withActorSql } from "@/lib/db";
import { dateFromSql, isoTimestamp } from "@/lib/db/sql-text";
import type { FundingSource, Health, ProjectStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids.mjs";
import { ownOrPartner } from "./scope";
import { storableText } from "@/lib/validation/text";

export const PROJECT_SORTS = ["updatedAt", "title", "totalCost", "status", "plannedStart"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export type ProjectListQuery = {
  page?: number;
  pageSize?: number;
  /** The comune whose workspace lists: its own projects and those where it is a partner. */
  comuneIstat?: string;
  /** own: owned by comuneIstat; partner: where comuneIstat is a partner; all: both. */
  scope?: "own" | "partner" | "all";
  q?: string;
  streamId?: string;
  status?: ProjectStatus;
  health?: Health;
  source?: FundingSource;
  year?: number;
  deleted?: boolean;
  sort?: ProjectSort;
  dir?: "asc" | "desc";
};

export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 1_000_000;

/** `partnerIds`: the projects where `query.comuneIstat` is a partner (see ownOrPartner). */
function filters(query: ProjectListQuery, partnerIds: string[]): Prisma.ProjectWhereInput[] {
  const where: Prisma.ProjectWhereInput[] = [];
  // Search text and codes come from the URL: characters PostgreSQL cannot store cannot match anything.
  const c = query.comuneIstat && storableText(query.comuneIstat);
  if (c) {
    if (query.scope === "partner") where.push({ id: { in: partnerIds } });
    else if (query.scope === "all") where.push(ownOrPartner(c, partnerIds));
    else where.push({ comuneIstat: c });
  }
  const q = query.q && storableText(query.q).trim();
  if (q) {
    where.push({
      OR: [
        { title: { contains: q, mode: "insensitive" } },
        { cup: { startsWith: q.toUpperCase() } },
        { localCode: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.streamId && isUuid(query.streamId)) where.push({ streamId: query.streamId });
  if (query.status) where.push({ status: query.status });
  if (query.health) where.push({ health: query.health });
  if (query.source) where.push({ fundingLines: { some: { source: query.source } } });
  if (query.year) {
    // Active in that year: started (or planned to start) by its end and not ended before its start.
    const start = new Date(Date.UTC(query.year, 0, 1));
    const end = new Date(Date.UTC(query.year, 11, 31));
    where.push(
      { plannedStart: { lte: end } },
      { OR: [{ plannedEnd: null }, { plannedEnd: { gte: start } }] },
    );
  }
  return where;
}

/**
 * The list's own filters (search, filone, stato, andamento, fonte, anno), without its scope: what the
 * comune's export applies to its own projects, so it holds exactly what the filtered list shows.
 */
export function projectListFilters(
  query: Pick<ProjectListQuery, "q" | "streamId" | "status" | "health" | "source" | "year">,
): Prisma.ProjectWhereInput[] {
  return filters({ ...query, comuneIstat: undefined }, []);
}

/** A page of the projects the actor may read, filtered and sorted, with a stable tie-break on id. */
export async function listProjects(actor: Actor, query: ProjectListQuery = {}) {
  if (query.comuneIstat) query = { ...query, comuneIstat: storableText(query.comuneIstat) };
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 25)), MAX_PAGE_SIZE);
  // A page past the last is empty; past MAX_PAGE it would overflow the database's OFFSET (a 500).
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1) || 1), MAX_PAGE);
  const sort = PROJECT_SORTS.includes(query.sort as ProjectSort) ? (query.sort as ProjectSort) : "updatedAt";
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : sort === "updatedAt" ? "desc" : "asc";
  const where = listWhere(actor, query);
  if (!where) return { items: [], total: 0, page, pageSize, pages: 1 };
  // Raw SQL on a raw connection (withActorSql), under the actor's row-level security: the Prisma count,
  // findMany and partner lookups it replaced cost ~13 ms of CPU per list in Prisma's query compiler
  // (docs/reliability.md). tests/integration/list-projects.test.ts compares the two on every filter.
  const order = Prisma.raw(
    `${SORT_COLUMNS[sort]} ${dir === "asc" ? "ASC" : "DESC"}${sort === "plannedStart" ? " NULLS LAST" : ""}, p.id ASC`,
  );
  const [counted, rows] = await withActorSql(actor, async (tx) => [
    await tx.$queryPrepared<{ n: number }[]>(
      Prisma.sql`SELECT count(*)::int AS n FROM "Project" p WHERE ${where}`,
    ),
    await tx.$queryPrepared<RawListRow[]>(Prisma.sql`
        SELECT p.id::text, p."comuneIstat", p.title, p.cup, p."localCode", p."totalCost"::text AS "totalCost",
               p.status::text, p.health::text, p.progress, p."plannedStart"::text AS "plannedStart",
               p."plannedEnd"::text AS "plannedEnd", p.version,
               ${isoTimestamp('p."updatedAt"')} AS "updatedAt",
               ${isoTimestamp('p."deletedAt"')} AS "deletedAt",
               s.code AS "streamCode", s.name AS "streamName", c.name AS "comuneName"
          FROM "Project" p
          JOIN "Stream" s ON s.id = p."streamId"
          JOIN "Comune" c ON c.istat = p."comuneIstat"
         WHERE ${where}
         ORDER BY ${order}
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
  ]);
  const total = counted[0]?.n ?? 0;
  const items = rows.map((r) => ({
    id: r.id,
    comuneIstat: r.comuneIstat,
    title: r.title,
    cup: r.cup,
    localCode: r.localCode,
    totalCost: new Prisma.Decimal(r.totalCost),
    status: r.status as ProjectStatus,
    health: r.health as Health,
    progress: r.progress,
    plannedStart: dateFromSql(r.plannedStart),
    plannedEnd: dateFromSql(r.plannedEnd),
    version: r.version,
    updatedAt: dateFromSql(r.updatedAt),
    deletedAt: dateFromSql(r.deletedAt),
    stream: { code: r.streamCode, name: r.streamName },
    comune: { name: r.comuneName },
  }));
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

type RawListRow = {
  id: string;
  comuneIstat: string;
  title: string;
  cup: string | null;
  localCode: string | null;
  totalCost: string;
  status: string;
  health: string;
  progress: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  version: number;
  updatedAt: string;
  deletedAt: string | null;
  streamCode: string;
  streamName: string;
  comuneName: string;
};

const SORT_COLUMNS: Record<ProjectSort, string> = {
  updatedAt: 'p."updatedAt"',
  title: "p.title",
  totalCost: 'p."totalCost"',
  status: "p.status",
  plannedStart: 'p."plannedStart"',
};

/** The ids of the projects where a comune is a partner, as an array computed once by the statement. */
const partnerIds = (istat: string) =>
  Prisma.sql`ARRAY(SELECT pp."projectId" FROM "ProjectPartner" pp WHERE pp."partnerIstat" = ${istat})`;

/**
 * The visible projects (visibleProjectsWhere) and the list's filters (`filters` above) as SQL on the alias
 * `p`; null when the actor reads no project. The partner projects by id (`= ANY (ARRAY(…))`): two index
 * scans, as ownOrPartner explains.
 */
function listWhere(actor: Actor, query: ProjectListQuery): Prisma.Sql | null {
  const where: Prisma.Sql[] = [
    query.deleted ? Prisma.sql`p."deletedAt" IS NOT NULL` : Prisma.sql`p."deletedAt" IS NULL`,
  ];
  if (actor.role === "OFFICER") {
    const own = actor.comuneIstat ?? "-";
    where.push(Prisma.sql`(p."comuneIstat" = ${own} OR p.id = ANY (${partnerIds(own)}))`);
  } else if (!can(actor, "projects.read")) return null;
  const c = query.comuneIstat && storableText(query.comuneIstat);
  if (c) {
    if (query.scope === "partner") where.push(Prisma.sql`p.id = ANY (${partnerIds(c)})`);
    else if (query.scope === "all")
      where.push(Prisma.sql`(p."comuneIstat" = ${c} OR p.id = ANY (${partnerIds(c)}))`);
    else where.push(Prisma.sql`p."comuneIstat" = ${c}`);
  }
  const q = query.q && storableText(query.q).trim();
  if (q) {
    // As Prisma's `contains` / `startsWith` (which the comune's export still uses: it must hold exactly what
    // the list shows): the text goes into the pattern as it is, so % and _ keep their LIKE meaning.
    const like = `%${q}%`;
    where.push(Prisma.sql`(p.title ILIKE ${like} OR p.cup LIKE ${`${q.toUpperCase()}%`}
      OR p."localCode" ILIKE ${like})`);
  }
  if (query.streamId && isUuid(query.streamId))
    where.push(Prisma.sql`p."streamId" = ${query.streamId}::uuid`);
  if (query.status) where.push(Prisma.sql`p.status = ${query.status}::"ProjectStatus"`);
  if (query.health) where.push(Prisma.sql`p.health = ${query.health}::"Health"`);
  if (query.source)
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "FundingLine" f
      WHERE f."projectId" = p.id AND f.source = ${query.source}::"FundingSource")`);
  if (query.year) {
    // Active in that year: started (or planned to start) by its end and not ended before its start.
    where.push(Prisma.sql`p."plannedStart" <= ${`${query.year}-12-31`}::date
      AND (p."plannedEnd" IS NULL OR p."plannedEnd" >= ${`${query.year}-01-01`}::date)`);
  }
  return Prisma.join(where, " AND ");
}
