import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/db";
import { withReader } from "@/lib/db/reader";
import { notFound } from "@/lib/errors";
import { romeToday } from "@/lib/format";
import type { RollupFilters } from "./filters";

export const COVERAGE_MAX_COMUNI = 120;

/** Comuni × streams with the number of live projects (see getCoverageMatrix). */
export type CoverageMatrix = {
  streams: { id: string; code: string; name: string }[];
  comuni: { istat: string; name: string; counts: number[] }[];
  truncated: boolean;
  totalComuni: number;
};

/** An overdue action of the region, with its project and comune. */
export type RegionOverdueAction = {
  id: string;
  title: string;
  dueDate: Date;
  projectId: string;
  projectTitle: string;
  comune: string;
  comuneName: string;
};

/** Member comuni in the filtered area (province / Smart Land), by name. */
async function scopeComuni(actor: Actor, f: RollupFilters) {
  return withReader(actor, (tx) =>
    tx.comune.findMany({
      where: {
        member: true,
        ...(f.province ? { provinceIstat: f.province } : {}),
        ...(f.smartLand ? { smartLands: { some: { smartLand: { slug: f.smartLand } } } } : {}),
      },
      orderBy: { name: "asc" },
      select: { istat: true, name: true },
    }),
  );
}

/**
 * Coverage of the streams: comuni × streams with the number of live projects, so a coordinator sees
 * where a stream has no project yet. Limited to COVERAGE_MAX_COMUNI comuni (filter by province or Smart Land).
 */
export async function getCoverageMatrix(actor: Actor, f: RollupFilters): Promise<CoverageMatrix> {
  if (!can(actor, "rollup.read")) throw notFound();
  const all = await scopeComuni(actor, f);
  const comuni = all.slice(0, COVERAGE_MAX_COMUNI);
  const istat = comuni.map((c) => c.istat);
  return withReader(actor, async (tx) => {
    const streams = await tx.stream.findMany({
      where: { archived: false, ...(f.theme ? { theme: f.theme } : {}) },
      orderBy: { code: "asc" },
      select: { id: true, code: true, name: true },
    });
    const rows = await tx.$queryRaw<{ comune: string; stream: string; n: number }[]>`
      SELECT f.comune, f.stream::text AS stream, count(*)::int AS n FROM rollup_projects f
      WHERE f.comune = ANY(${istat}) GROUP BY f.comune, f.stream`;
    const counts = new Map(rows.map((r) => [`${r.comune}:${r.stream}`, r.n]));
    return {
      streams,
      comuni: comuni.map((c) => ({
        ...c,
        counts: streams.map((s) => counts.get(`${c.istat}:${s.id}`) ?? 0),
      })),
      truncated: all.length > comuni.length,
      totalComuni: all.length,
    };
  });
}

/**
 * Overdue actions across the region (due date before Rome's today, not done), oldest first — live, not from
 * the summary. `now` fixes the clock (tests); the database's time zone plays no part.
 */
export async function getOverdueActions(actor: Actor, f: RollupFilters, limit = 50, now = new Date()) {
  if (!can(actor, "rollup.read")) throw notFound();
  const w: Prisma.Sql[] = [
    Prisma.sql`a.status <> 'DONE'`,
    Prisma.sql`a."doneDate" IS NULL`,
    Prisma.sql`a."dueDate" < ${romeToday(now)}::date`,
  ];
  w.push(Prisma.sql`p."deletedAt" IS NULL`);
  if (f.province) w.push(Prisma.sql`c."provinceIstat" = ${f.province}`);
  if (f.smartLand) {
    w.push(Prisma.sql`a."comuneIstat" IN (SELECT m."comuneIstat" FROM "SmartLandMember" m
      JOIN "SmartLand" sl ON sl.id = m."smartLandId" WHERE sl.slug = ${f.smartLand})`);
  }
  if (f.streamId) w.push(Prisma.sql`p."streamId" = ${f.streamId}::uuid`);
  return withReader(
    actor,
    (tx) =>
      tx.$queryRaw<RegionOverdueAction[]>`
      SELECT a.id, a.title, a."dueDate", p.id AS "projectId", p.title AS "projectTitle",
             c.istat AS comune, c.name AS "comuneName"
      FROM "Action" a JOIN "Project" p ON p.id = a."projectId" JOIN "Comune" c ON c.istat = a."comuneIstat"
      WHERE ${Prisma.join(w, " AND ")}
      ORDER BY a."dueDate", a.id LIMIT ${limit}`,
  );
}
