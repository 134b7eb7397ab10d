-- Regional roll-up: two denormalized fact tables kept as materialized views, so the coordinator's
-- aggregates scan one narrow table instead of joining funding → project → comune → stream live.
-- They hold no personal data; access is decided in lib/rollup (permission rollup.read), and the app
-- role may only SELECT them and call refresh_rollup().

CREATE MATERIALIZED VIEW rollup_project_facts AS
SELECT p.id,
       p."comuneIstat"                          AS comune,
       c."provinceIstat"                        AS province,
       p."streamId"                             AS stream,
       s.theme::text                            AS theme,
       p.status::text                           AS status,
       p.health::text                           AS health,
       EXTRACT(YEAR FROM p."plannedStart")::int AS start_year,
       EXTRACT(YEAR FROM p."plannedEnd")::int   AS end_year,
       p."totalCost"                            AS total_cost,
       COALESCE(f.planned, 0)                   AS planned,
       COALESCE(f.committed, 0)                 AS committed,
       COALESCE(f.paid, 0)                      AS paid,
       COALESCE(f.sources, '{}')                AS sources,
       COALESCE(a.overdue, 0)                   AS overdue
FROM "Project" p
JOIN "Comune" c ON c.istat = p."comuneIstat"
JOIN "Stream" s ON s.id = p."streamId"
LEFT JOIN (
  SELECT "projectId", sum("amountPlanned") AS planned, sum("amountCommitted") AS committed,
         sum("amountPaid") AS paid, array_agg(DISTINCT source::text) AS sources
  FROM "FundingLine" GROUP BY "projectId"
) f ON f."projectId" = p.id
LEFT JOIN (
  SELECT "projectId", count(*)::int AS overdue FROM "Action"
  WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < CURRENT_DATE
  GROUP BY "projectId"
) a ON a."projectId" = p.id
WHERE p."deletedAt" IS NULL;
CREATE UNIQUE INDEX rollup_project_facts_id ON rollup_project_facts (id);
CREATE INDEX rollup_project_facts_comune ON rollup_project_facts (comune);

CREATE MATERIALIZED VIEW rollup_funding_facts AS
SELECT fl.id,
       fl."comuneIstat"                         AS comune,
       c."provinceIstat"                        AS province,
       p."streamId"                             AS stream,
       s.theme::text                            AS theme,
       p.status::text                           AS status,
       p.health::text                           AS health,
       fl.source::text                          AS source,
       fl.year,
       fl."amountPlanned"                       AS planned,
       fl."amountCommitted"                     AS committed,
       fl."amountPaid"                          AS paid
FROM "FundingLine" fl
JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
JOIN "Comune" c ON c.istat = fl."comuneIstat"
JOIN "Stream" s ON s.id = p."streamId";
CREATE UNIQUE INDEX rollup_funding_facts_id ON rollup_funding_facts (id);
CREATE INDEX rollup_funding_facts_comune ON rollup_funding_facts (comune);

CREATE TABLE "RollupState" (
  id          int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  "refreshedAt" timestamptz NOT NULL,
  "durationMs"  int NOT NULL
);
INSERT INTO "RollupState" (id, "refreshedAt", "durationMs") VALUES (1, now(), 0);

-- Refreshes both views without blocking readers; concurrent callers skip (the running refresh will do).
-- SECURITY DEFINER: only the owner may refresh a materialized view; the app role may call this.
CREATE FUNCTION refresh_rollup() RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  IF NOT pg_try_advisory_xact_lock(1355) THEN
    RETURN false;
  END IF;
  REFRESH MATERIALIZED VIEW CONCURRENTLY rollup_project_facts;
  REFRESH MATERIALIZED VIEW CONCURRENTLY rollup_funding_facts;
  UPDATE "RollupState" SET "refreshedAt" = started,
    "durationMs" = (EXTRACT(EPOCH FROM clock_timestamp() - started) * 1000)::int WHERE id = 1;
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION refresh_rollup() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_rollup() TO smartland_app;

REVOKE ALL ON rollup_project_facts, rollup_funding_facts, "RollupState" FROM smartland_app;
GRANT SELECT ON rollup_project_facts, rollup_funding_facts, "RollupState" TO smartland_app;

-- Overdue actions across the region, oldest first.
CREATE INDEX "Action_overdue_idx" ON "Action" ("dueDate") WHERE status <> 'DONE' AND "doneDate" IS NULL;
