import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { withActor } from "@/lib/db";
import { sumMoney } from "@/lib/money";
import { requireRegionalReader, roundById } from "./rounds";

type Figures = { projects: number; planned: string; committed: string; paid: string };
export type ComparisonRow = {
  key: string;
  name: string;
  validated: Figures;
  live: Figures;
  /** live − validated, per amount. */
  difference: { planned: string; committed: string; paid: string };
};
export type RoundComparison = {
  comuni: number;
  byStream: ComparisonRow[];
  byComune: ComparisonRow[];
  total: ComparisonRow;
};

type Row = {
  dim: "stream" | "comune" | "total";
  key: string | null;
  name: string | null;
  vProjects: number;
  vPlanned: string;
  vCommitted: string;
  vPaid: string;
  lProjects: number;
  lPlanned: string;
  lCommitted: string;
  lPaid: string;
};

const minus = (a: string, b: string) => sumMoney([a, `-${b}`]);

function toRow(r: Row): ComparisonRow {
  return {
    key: r.key ?? "",
    name: r.name ?? "Totale",
    validated: { projects: r.vProjects, planned: r.vPlanned, committed: r.vCommitted, paid: r.vPaid },
    live: { projects: r.lProjects, planned: r.lPlanned, committed: r.lCommitted, paid: r.lPaid },
    difference: {
      planned: minus(r.lPlanned, r.vPlanned),
      committed: minus(r.lCommitted, r.vCommitted),
      paid: minus(r.lPaid, r.vPaid),
    },
  };
}

/**
 * A round's validated figures beside the live ones: the sum of the validated submissions' current
 * snapshots, and the same comuni's live projects today (in the round's Smart Land when it has one), by
 * stream, by comune and in total. Coordinators and administrators (officers: 404). One query.
 */
export async function getRoundComparison(actor: Actor, roundId: string): Promise<RoundComparison> {
  requireRegionalReader(actor);
  return withActor(
    actor,
    async (tx) => {
      const round = await roundById(tx, roundId);
      const slId = round.smartLandId;
      const rows = await tx.$queryRaw<Row[]>`
        WITH sub AS (
          SELECT id, "comuneIstat", revision FROM "RoundSubmission"
          WHERE "roundId" = ${round.id}::uuid AND status = 'VALIDATED'),
        v AS (
          SELECT s."comuneIstat" AS comune, s."streamCode" AS stream, count(*)::int AS n,
            sum(s."plannedCents") AS p, sum(s."committedCents") AS c, sum(s."paidCents") AS pa
          FROM sub JOIN "RoundSnapshot" s ON s."submissionId" = sub.id AND s.revision = sub.revision
          GROUP BY 1, 2),
        l AS (
          SELECT p."comuneIstat" AS comune, st.code AS stream, count(*)::int AS n,
            sum(COALESCE(f.p, 0)) AS p, sum(COALESCE(f.c, 0)) AS c, sum(COALESCE(f.pa, 0)) AS pa
          FROM "Project" p JOIN "Stream" st ON st.id = p."streamId"
          LEFT JOIN LATERAL (
            SELECT sum(round(fl."amountPlanned" * 100)) AS p, sum(round(fl."amountCommitted" * 100)) AS c,
              sum(round(fl."amountPaid" * 100)) AS pa
            FROM "FundingLine" fl WHERE fl."projectId" = p.id AND fl."comuneIstat" = p."comuneIstat") f ON true
          WHERE p."comuneIstat" IN (SELECT "comuneIstat" FROM sub) AND p."deletedAt" IS NULL
            AND (${slId}::uuid IS NULL OR p."smartLandId" = ${slId}::uuid)
          GROUP BY 1, 2),
        j AS (
          SELECT comune, stream, COALESCE(v.n, 0) AS vn, COALESCE(v.p, 0) AS vp, COALESCE(v.c, 0) AS vc,
            COALESCE(v.pa, 0) AS vpa, COALESCE(l.n, 0) AS ln, COALESCE(l.p, 0) AS lp, COALESCE(l.c, 0) AS lc,
            COALESCE(l.pa, 0) AS lpa
          FROM v FULL JOIN l USING (comune, stream))
        SELECT CASE WHEN GROUPING(j.stream) = 0 THEN 'stream' WHEN GROUPING(j.comune) = 0 THEN 'comune'
                    ELSE 'total' END AS dim,
          COALESCE(j.stream, j.comune) AS key,
          CASE WHEN GROUPING(j.stream) = 0 THEN j.stream || ' ' || min(st.name) ELSE min(c.name) END AS name,
          COALESCE(sum(vn), 0)::int AS "vProjects", (COALESCE(sum(vp), 0) / 100)::numeric(16, 2)::text AS "vPlanned",
          (COALESCE(sum(vc), 0) / 100)::numeric(16, 2)::text AS "vCommitted", (COALESCE(sum(vpa), 0) / 100)::numeric(16, 2)::text AS "vPaid",
          COALESCE(sum(ln), 0)::int AS "lProjects", (COALESCE(sum(lp), 0) / 100)::numeric(16, 2)::text AS "lPlanned",
          (COALESCE(sum(lc), 0) / 100)::numeric(16, 2)::text AS "lCommitted", (COALESCE(sum(lpa), 0) / 100)::numeric(16, 2)::text AS "lPaid"
        FROM j LEFT JOIN "Stream" st ON st.code = j.stream LEFT JOIN "Comune" c ON c.istat = j.comune
        GROUP BY GROUPING SETS ((j.stream), (j.comune), ())
        ORDER BY 1, 2`;
      const of = (dim: Row["dim"]) => rows.filter((r) => r.dim === dim).map(toRow);
      const [total] = of("total");
      const comuni = await tx.roundSubmission.count({ where: { roundId: round.id, status: "VALIDATED" } });
      return {
        comuni,
        byStream: of("stream"),
        byComune: of("comune").sort((a, b) => a.name.localeCompare(b.name, "it")),
        total:
          total ??
          toRow({
            dim: "total",
            key: null,
            name: null,
            vProjects: 0,
            vPlanned: "0.00",
            vCommitted: "0.00",
            vPaid: "0.00",
            lProjects: 0,
            lPlanned: "0.00",
            lCommitted: "0.00",
            lPaid: "0.00",
          }),
      };
    },
    { readOnly: true },
  );
}
