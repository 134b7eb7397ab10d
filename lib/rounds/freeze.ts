// The one statement that freezes a comune's figures into RoundSnapshot. Not server-only and with relative
// imports: the demo seed (prisma/seed/rounds.ts) freezes its rounds' snapshots with the very same SQL.
import { Prisma } from "../generated/prisma/client";

export type FreezeScope = {
  submissionId: string;
  revision: number;
  roundId: string;
  istat: string;
  smartLandId: string | null;
};

/**
 * INSERT … SELECT of every live project in scope (of the round's Smart Land when it has one): funding lines,
 * actions, indicators and the phases' planned/actual dates go into `payload`.
 */
export function freezeSnapshotSql(s: FreezeScope): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RoundSnapshot" ("submissionId", "revision", "projectId", "roundId", "comuneIstat", "smartLandId",
      "streamId", "streamCode", "cup", "localCode", "title", "status", "health", "progress", "plannedStart",
      "plannedEnd", "actualStart", "actualEnd", "totalCostCents", "plannedCents", "committedCents", "paidCents",
      "payload")
    SELECT ${s.submissionId}::uuid, ${s.revision}::int, p.id, ${s.roundId}::uuid, p."comuneIstat", p."smartLandId",
      p."streamId", st.code, p.cup, p."localCode", p.title, p.status, p.health, p.progress, p."plannedStart",
      p."plannedEnd", p."actualStart", p."actualEnd", round(p."totalCost" * 100)::bigint,
      COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0),
      jsonb_build_object('funding', COALESCE(f.lines, '[]'::jsonb), 'actions', COALESCE(a.list, '[]'::jsonb),
                         'indicators', COALESCE(i.list, '[]'::jsonb), 'phases', COALESCE(ph.list, '[]'::jsonb))
    FROM "Project" p
    JOIN "Stream" st ON st.id = p."streamId"
    LEFT JOIN LATERAL (
      SELECT sum(round(fl."amountPlanned" * 100))::bigint AS planned,
             sum(round(fl."amountCommitted" * 100))::bigint AS committed,
             sum(round(fl."amountPaid" * 100))::bigint AS paid,
             jsonb_agg(jsonb_build_object('source', fl.source, 'programme', fl.programme, 'year', fl.year,
               'planned', fl."amountPlanned"::text, 'committed', fl."amountCommitted"::text,
               'paid', fl."amountPaid"::text) ORDER BY fl.year, fl.source, fl.id) AS lines
      FROM "FundingLine" fl WHERE fl."projectId" = p.id AND fl."comuneIstat" = p."comuneIstat") f ON true
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', ac.id, 'title', ac.title, 'kind', ac.kind, 'status', ac.status,
               'dueDate', ac."dueDate", 'doneDate', ac."doneDate") ORDER BY ac."dueDate" NULLS LAST, ac.id) AS list
      FROM "Action" ac WHERE ac."projectId" = p.id AND ac."comuneIstat" = p."comuneIstat") a ON true
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', ind.id, 'name', ind.name, 'theme', ind.theme, 'unit', ind.unit,
               'baseline', ind.baseline::text, 'target', ind.target::text, 'actual', ind.actual::text,
               'period', ind.period) ORDER BY ind.name, ind.id) AS list
      FROM "Indicator" ind WHERE ind."projectId" = p.id AND ind."comuneIstat" = p."comuneIstat") i ON true
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('kind', pp.kind, 'plannedStart', pp."plannedStart",
               'plannedEnd', pp."plannedEnd", 'actualStart', pp."actualStart", 'actualEnd', pp."actualEnd")
               ORDER BY pp.kind) AS list
      FROM "ProjectPhase" pp WHERE pp."projectId" = p.id AND pp."comuneIstat" = p."comuneIstat") ph ON true
    WHERE p."comuneIstat" = ${s.istat} AND p."deletedAt" IS NULL
      AND (${s.smartLandId}::uuid IS NULL OR p."smartLandId" = ${s.smartLandId}::uuid)`;
}
