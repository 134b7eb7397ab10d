// What anyone may read without signing in: the public Smart Land page and the open data. Everything here
// runs as the PUBLIC_READER actor, for which row-level security opens only the published copies of live
// projects ("PublicProject", migration publish) — never a project's working copy, its funding lines,
// actions (their "owner" names a person), users or the audit log. Columns are chosen one by one: no
// free-text field that could hold a person's name leaves here except the project's own title and
// summary, which officers write for publication.
//
// Draft, then publish: a project is public only once its officer has published it (lib/projects
// publishProject), and shows the values of its last publication. Amounts are the funding totals taken
// with the copy.

import "server-only";
import { sharedLru } from "@/lib/cache/lru";
import { db, Prisma, PUBLIC_READER } from "@/lib/db";
import { withReader } from "@/lib/db/reader";
import { notFound } from "@/lib/errors";
import { PROJECT_STATUSES } from "@/lib/format";
import type { ProjectStatus, Theme } from "@/lib/generated/prisma/enums";

export type PublicSmartLand = {
  slug: string;
  name: string;
  phase: string;
  description: string;
  lead: { istat: string; name: string } | null;
  comuni: { istat: string; name: string; province: string; population: number }[];
};

export type PublicFigures = {
  refreshedAt: Date;
  totals: PublicTotals;
  byComune: ({ istat: string } & PublicTotals)[];
  byStream: ({ streamId: string; code: string; name: string; theme: Theme } & PublicTotals)[];
  byStatus: ({ status: ProjectStatus } & PublicTotals)[];
};

export type PublicTotals = {
  projects: number;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
};

export type PublicProject = {
  id: string;
  cup: string | null;
  title: string;
  summary: string;
  comuneIstat: string;
  comuneName: string;
  streamCode: string;
  streamName: string;
  theme: Theme;
  status: ProjectStatus;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
  sources: string[];
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A Smart Land as citizens see it: its name, phase, description and member comuni. */
export async function getPublicSmartLand(slug: string): Promise<PublicSmartLand> {
  if (!SLUG_PATTERN.test(slug) || slug.length > 80) throw notFound();
  const sl = await withReader(PUBLIC_READER, (tx) =>
    tx.smartLand.findUnique({
      where: { slug },
      select: {
        slug: true,
        name: true,
        phase: true,
        description: true,
        lead: { select: { istat: true, name: true } },
        members: {
          select: {
            comune: {
              select: { istat: true, name: true, population: true, province: { select: { acronym: true } } },
            },
          },
        },
      },
    }),
  );
  if (!sl) throw notFound();
  return {
    slug: sl.slug,
    name: sl.name,
    phase: sl.phase,
    description: sl.description,
    lead: sl.lead,
    comuni: sl.members
      .map((m) => ({
        istat: m.comune.istat,
        name: m.comune.name,
        province: m.comune.province.acronym,
        population: m.comune.population,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "it")),
  };
}

type FigureRow = {
  g_comune: number;
  g_stream: number;
  g_status: number;
  comune: string | null;
  stream: string | null;
  status: ProjectStatus | null;
  projects: number;
  total_cost: string;
  planned: string;
  committed: string;
  paid: string;
};

const figureCache = sharedLru<PublicFigures>("public-figures", 200);

/**
 * Aggregates of the comuni's published projects by comune, stream and status, from the public roll-up
 * view (their published copies). Cached per roll-up refresh, which every publication schedules.
 */
export async function getPublicFigures(comuni: string[]): Promise<PublicFigures> {
  const [state] = await db().$queryRaw<{ refreshedAt: Date; database: string }[]>`
    SELECT "refreshedAt", current_database()::text AS database FROM "RollupState" WHERE id = 1`;
  const key = `${state?.database}:${state?.refreshedAt?.toISOString()}:${[...comuni].sort().join(",")}`;
  const hit = figureCache.get(key);
  if (hit) return hit;
  const [rows, streams] = await withReader(PUBLIC_READER, async (tx) => [
    await tx.$queryRaw<FigureRow[]>`
      SELECT GROUPING(f.comune)::int AS g_comune, GROUPING(f.stream)::int AS g_stream,
             GROUPING(f.status)::int AS g_status, f.comune, f.stream::text AS stream, f.status,
             count(*)::int AS projects, sum(f.total_cost)::text AS total_cost, sum(f.planned)::text AS planned,
             sum(f.committed)::text AS committed, sum(f.paid)::text AS paid
      FROM rollup_public_projects f
      WHERE f.comune = ANY(${comuni})
      GROUP BY GROUPING SETS ((f.comune), (f.stream), (f.status), ())`,
    await tx.stream.findMany({ select: { id: true, code: true, name: true, theme: true } }),
  ]);
  const totalsOf = (r: FigureRow | undefined): PublicTotals => ({
    projects: r?.projects ?? 0,
    totalCost: r?.total_cost ?? "0",
    planned: r?.planned ?? "0",
    committed: r?.committed ?? "0",
    paid: r?.paid ?? "0",
  });
  const streamInfo = new Map(streams.map((s) => [s.id, s]));
  const figures: PublicFigures = {
    refreshedAt: state?.refreshedAt ?? new Date(0),
    totals: totalsOf(rows.find((r) => r.g_comune && r.g_stream && r.g_status)),
    byComune: rows.filter((r) => !r.g_comune).map((r) => ({ istat: r.comune as string, ...totalsOf(r) })),
    byStream: rows
      .filter((r) => !r.g_stream)
      .map((r) => {
        const s = streamInfo.get(r.stream as string);
        return {
          streamId: r.stream as string,
          code: s?.code ?? "",
          name: s?.name ?? "",
          theme: s?.theme ?? ("PA_CAPACITY" as Theme),
          ...totalsOf(r),
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code, "it")),
    byStatus: rows
      .filter((r) => !r.g_status)
      .map((r) => ({ status: r.status as ProjectStatus, ...totalsOf(r) }))
      // GROUPING SETS output has no order: the table follows the procedure's order.
      .sort((a, b) => PROJECT_STATUSES.indexOf(a.status) - PROJECT_STATUSES.indexOf(b.status)),
  };
  figureCache.set(key, figures);
  return figures;
}

type ProjectRow = Omit<PublicProject, "sources"> & { sources: string[] | null };

function projectQuery(comuni: string[] | null, after: string | null, limit: number, offset = 0) {
  // Row-level security already limits the anonymous reader to the copies of live projects.
  const where = [Prisma.sql`true`];
  if (comuni) where.push(Prisma.sql`p."comuneIstat" = ANY(${comuni})`);
  if (after) where.push(Prisma.sql`p."projectId" > ${after}::uuid`);
  return Prisma.sql`
    SELECT p."projectId"::text AS id, p.cup, p.title, p.summary, p."comuneIstat" AS "comuneIstat",
           c.name AS "comuneName", s.code AS "streamCode", s.name AS "streamName", s.theme, p.status,
           p."totalCost"::text AS "totalCost", p.planned::text AS planned, p.committed::text AS committed,
           p.paid::text AS paid, p.sources,
           p."plannedStart" AS "plannedStart", p."plannedEnd" AS "plannedEnd",
           p."actualStart" AS "actualStart", p."actualEnd" AS "actualEnd"
    FROM "PublicProject" p
    JOIN "Comune" c ON c.istat = p."comuneIstat"
    JOIN "Stream" s ON s.id = p."streamId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${after !== null ? Prisma.sql`p."projectId"` : Prisma.sql`c.name, p.title, p."projectId"`}
    LIMIT ${limit} OFFSET ${Math.max(0, offset)}`;
}

const toPublic = (r: ProjectRow): PublicProject => ({ ...r, sources: r.sources ?? [] });

/** One page of the public list of a set of comuni's published projects (their published copies). */
export async function listPublicProjects(
  comuni: string[],
  page: number,
  pageSize = 50,
): Promise<{ items: PublicProject[]; total: number; page: number; pages: number }> {
  return withReader(PUBLIC_READER, async (tx) => {
    const [{ total }] = await tx.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM "PublicProject" p WHERE p."comuneIstat" = ANY(${comuni})`;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    const rows = await tx.$queryRaw<ProjectRow[]>(
      projectQuery(comuni, null, pageSize, (current - 1) * pageSize),
    );
    return { items: rows.map(toPublic), total, page: current, pages };
  });
}

const OPEN_DATA_PAGE = 2_000;

/**
 * Every public project of the region (comuni = null) or of some comuni, page by page in id order (keyset),
 * so a region-wide open-data file streams without holding all rows in memory.
 */
export async function* openDataProjects(comuni: string[] | null): AsyncGenerator<PublicProject[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await withReader(PUBLIC_READER, (tx) =>
      tx.$queryRaw<ProjectRow[]>(projectQuery(comuni, after, OPEN_DATA_PAGE)),
    );
    if (rows.length === 0) return;
    yield rows.map(toPublic);
    if (rows.length < OPEN_DATA_PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Every Smart Land, for the open-data index. */
export async function listPublicSmartLands() {
  return withReader(PUBLIC_READER, (tx) =>
    tx.smartLand.findMany({
      orderBy: { name: "asc" },
      select: { slug: true, name: true, phase: true, _count: { select: { members: true } } },
    }),
  );
}
