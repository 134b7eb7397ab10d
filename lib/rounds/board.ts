import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { romeToday } from "@/lib/format/time";
import type { SubmissionStatus } from "@/lib/generated/prisma/enums";
import { requireRegionalReader, roundById, serializeRound } from "./rounds";

export type BoardFilters = {
  status?: SubmissionStatus;
  late?: boolean;
  /** A province's ISTAT code (3 digits) or acronym (2 letters). */
  province?: string;
  smartLand?: string;
  page: number;
  pageSize: number;
};

type BoardRow = {
  istat: string;
  name: string;
  province: string;
  status: SubmissionStatus;
  revision: number;
  submittedAt: Date | null;
  validatedAt: Date | null;
  daysLate: number;
  total: number;
};

type CountRow = { status: SubmissionStatus; count: number; late: number };

/**
 * The coordinator's board of a round: per comune in scope its submission's status, dates and days late
 * (Rome's calendar), filtered and paged, with the counts per status of the whole round. Two indexed
 * queries whatever the number of comuni (RoundSubmission_roundId_status_idx).
 */
export async function getRoundBoard(actor: Actor, id: string, filters: BoardFilters, now: Date = new Date()) {
  requireRegionalReader(actor);
  const today = romeToday(now);
  return withActor(
    actor,
    async (tx) => {
      const round = await roundById(tx, id);
      const status = filters.status ?? null;
      const late = filters.late === true;
      const province = filters.province?.toUpperCase() ?? null;
      const slug = filters.smartLand ?? null;
      const offset = (filters.page - 1) * filters.pageSize;
      const [rows, counts] = await Promise.all([
        tx.$queryRaw<BoardRow[]>`
          SELECT s."comuneIstat" AS istat, c.name, pr.acronym AS province, s.status, s.revision,
            s."submittedAt", s."validatedAt",
            CASE WHEN s.status IN ('NOT_STARTED', 'IN_PROGRESS', 'RETURNED')
                 THEN GREATEST(0, ${today}::date - ${round.dueDate}::date) ELSE 0 END AS "daysLate",
            count(*) OVER ()::int AS total
          FROM "RoundSubmission" s
          JOIN "Comune" c ON c.istat = s."comuneIstat"
          JOIN "Province" pr ON pr.istat = c."provinceIstat"
          WHERE s."roundId" = ${round.id}::uuid
            AND (${status}::text IS NULL OR s.status = ${status}::text::"SubmissionStatus")
            AND (NOT ${late}::boolean OR (s.status IN ('NOT_STARTED', 'IN_PROGRESS', 'RETURNED')
                                          AND ${round.dueDate}::date < ${today}::date))
            AND (${province}::text IS NULL OR c."provinceIstat" = ${province}::text OR pr.acronym = ${province}::text)
            AND (${slug}::text IS NULL OR EXISTS (
                  SELECT 1 FROM "SmartLandMember" m JOIN "SmartLand" sl ON sl.id = m."smartLandId"
                  WHERE m."comuneIstat" = s."comuneIstat" AND sl.slug = ${slug}::text))
          ORDER BY c.name, s."comuneIstat"
          LIMIT ${filters.pageSize}::int OFFSET ${offset}::int`,
        tx.$queryRaw<CountRow[]>`
          SELECT s.status, count(*)::int AS count,
            count(*) FILTER (WHERE s.status IN ('NOT_STARTED', 'IN_PROGRESS', 'RETURNED')
                             AND ${round.dueDate}::date < ${today}::date)::int AS late
          FROM "RoundSubmission" s WHERE s."roundId" = ${round.id}::uuid GROUP BY s.status`,
      ]);
      const byStatus: Record<SubmissionStatus, number> = {
        NOT_STARTED: 0,
        IN_PROGRESS: 0,
        SUBMITTED: 0,
        RETURNED: 0,
        VALIDATED: 0,
      };
      for (const c of counts) byStatus[c.status] = c.count;
      const total = rows[0]?.total ?? 0;
      return {
        round: serializeRound(round),
        counts: {
          ...byStatus,
          total: counts.reduce((sum, c) => sum + c.count, 0),
          late: counts.reduce((sum, c) => sum + c.late, 0),
        },
        data: rows.map(({ total: _, submittedAt, validatedAt, ...row }) => ({
          ...row,
          submittedAt: submittedAt?.toISOString() ?? null,
          validatedAt: validatedAt?.toISOString() ?? null,
        })),
        meta: {
          page: filters.page,
          pageSize: filters.pageSize,
          total,
          pages: Math.max(1, Math.ceil(total / filters.pageSize)),
        },
      };
    },
    { readOnly: true },
  );
}

export type RoundBoard = Awaited<ReturnType<typeof getRoundBoard>>;
