import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/db";
import { withReader } from "@/lib/db/reader";
import { notFound } from "@/lib/errors";
import type { RollupFilters } from "./filters";

export type ExportProject = {
  id: string;
  comune: string;
  comuneName: string;
  province: string;
  cup: string | null;
  localCode: string | null;
  title: string;
  stream: string;
  theme: string;
  status: string;
  health: string;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  totalCost: string;
  planned: string;
  committed: string;
  paid: string;
};

const PAGE = 2_000;

/**
 * The projects of the current roll-up view, page by page (keyset on id), so an export of the whole
 * region streams without holding 150,000 rows in memory. Same filters as getRollup's project figures.
 */
export async function* exportProjects(actor: Actor, f: RollupFilters): AsyncGenerator<ExportProject[]> {
  if (!can(actor, "rollup.read")) throw notFound();
  const w: Prisma.Sql[] = [];
  if (f.province) w.push(Prisma.sql`f.province = ${f.province}`);
  if (f.smartLand) {
    w.push(Prisma.sql`f.comune IN (SELECT m."comuneIstat" FROM "SmartLandMember" m
      JOIN "SmartLand" sl ON sl.id = m."smartLandId" WHERE sl.slug = ${f.smartLand})`);
  }
  if (f.streamId) w.push(Prisma.sql`f.stream = ${f.streamId}::uuid`);
  if (f.theme) w.push(Prisma.sql`f.theme = ${f.theme}`);
  if (f.status) w.push(Prisma.sql`f.status = ${f.status}`);
  if (f.health) w.push(Prisma.sql`f.health = ${f.health}`);
  if (f.source) w.push(Prisma.sql`${f.source} = ANY(f.sources)`);
  if (f.yearTo !== undefined) w.push(Prisma.sql`f.start_year <= ${f.yearTo}`);
  if (f.yearFrom !== undefined) w.push(Prisma.sql`(f.end_year IS NULL OR f.end_year >= ${f.yearFrom})`);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const where = Prisma.join([...w, Prisma.sql`f.id > ${after}::uuid`], " AND ");
    const rows = await withReader(
      actor,
      (tx) =>
        tx.$queryRaw<ExportProject[]>`
        SELECT f.id, f.comune, c.name AS "comuneName", f.province, p.cup, p."localCode", p.title,
               s.code || ' ' || s.name AS stream, f.theme, f.status, f.health, p."plannedStart", p."plannedEnd",
               (f.total_cost * 0.01)::text AS "totalCost", (f.planned * 0.01)::text AS planned,
               (f.committed * 0.01)::text AS committed, (f.paid * 0.01)::text AS paid
        FROM rollup_projects f JOIN "Project" p ON p.id = f.id JOIN "Comune" c ON c.istat = f.comune
        JOIN "Stream" s ON s.id = f.stream
        WHERE ${where} ORDER BY f.id LIMIT ${PAGE}`,
    );
    if (!rows.length) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}
