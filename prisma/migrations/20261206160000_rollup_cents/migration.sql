-- The roll-up's money in whole cents (issue 17, item 3: first view of a filter combination). Every figure
-- of the roll-up is a sum over the fact tables, once per grouping set: 5 sums × 5 grouping sets per
-- project fact, 3 × 7 per funding line, each a numeric addition (variable-length digits, palloc'd). A
-- bigint's sum is a 128-bit integer addition: on the bench data the two aggregates take about a third
-- less time (docs/benchmarks.md). Amounts are decimal(14,2): × 100 is an exact integer, and so is every
-- sum; the readers turn a sum of cents back into euros with `* 0.01` (numeric, exactly two decimals).

-- The views read the columns: they go first and come back unchanged.
DROP VIEW rollup_projects;
DROP VIEW rollup_funding;

ALTER TABLE rollup_project_facts
  ALTER COLUMN total_cost TYPE bigint USING (total_cost * 100)::bigint,
  ALTER COLUMN planned TYPE bigint USING (planned * 100)::bigint,
  ALTER COLUMN committed TYPE bigint USING (committed * 100)::bigint,
  ALTER COLUMN paid TYPE bigint USING (paid * 100)::bigint;
ALTER TABLE rollup_funding_facts
  ALTER COLUMN planned TYPE bigint USING (planned * 100)::bigint,
  ALTER COLUMN committed TYPE bigint USING (committed * 100)::bigint,
  ALTER COLUMN paid TYPE bigint USING (paid * 100)::bigint;

-- The same four functions as in migration incremental_rollup, amounts in cents.
CREATE OR REPLACE FUNCTION rollup_project_rows(ids uuid[], today date) RETURNS SETOF rollup_project_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT p.id, p."comuneIstat",
         (SELECT c."provinceIstat" FROM "Comune" c WHERE c.istat = p."comuneIstat"),
         p."streamId", (SELECT s.theme::text FROM "Stream" s WHERE s.id = p."streamId"), p.status::text,
         p.health::text, EXTRACT(YEAR FROM p."plannedStart")::int, EXTRACT(YEAR FROM p."plannedEnd")::int,
         (p."totalCost" * 100)::bigint, (COALESCE(f.planned, 0) * 100)::bigint,
         (COALESCE(f.committed, 0) * 100)::bigint, (COALESCE(f.paid, 0) * 100)::bigint,
         COALESCE(f.sources, '{}'), COALESCE(a.overdue, 0)
  FROM "Project" p
  LEFT JOIN LATERAL (
    SELECT sum("amountPlanned") AS planned, sum("amountCommitted") AS committed, sum("amountPaid") AS paid,
           array_agg(DISTINCT source::text) AS sources
    FROM "FundingLine" WHERE "projectId" = p.id
  ) f ON true
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS overdue FROM "Action"
    WHERE "projectId" = p.id AND status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < today
  ) a ON true
  WHERE p.id = ANY(ids) AND p."deletedAt" IS NULL
$$;

CREATE OR REPLACE FUNCTION rollup_funding_rows(ids uuid[]) RETURNS SETOF rollup_funding_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT fl.id, fl."comuneIstat", (SELECT c."provinceIstat" FROM "Comune" c WHERE c.istat = fl."comuneIstat"),
         p."streamId", (SELECT s.theme::text FROM "Stream" s WHERE s.id = p."streamId"), p.status::text,
         p.health::text, fl.source::text, fl.year, (fl."amountPlanned" * 100)::bigint,
         (fl."amountCommitted" * 100)::bigint, (fl."amountPaid" * 100)::bigint
  FROM "FundingLine" fl
  JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
  WHERE fl.id = ANY(ids)
$$;

CREATE OR REPLACE FUNCTION rollup_project_full(today date) RETURNS SETOF rollup_project_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT p.id, p."comuneIstat", c."provinceIstat", p."streamId", s.theme::text, p.status::text,
         p.health::text, EXTRACT(YEAR FROM p."plannedStart")::int, EXTRACT(YEAR FROM p."plannedEnd")::int,
         (p."totalCost" * 100)::bigint, (COALESCE(f.planned, 0) * 100)::bigint,
         (COALESCE(f.committed, 0) * 100)::bigint, (COALESCE(f.paid, 0) * 100)::bigint,
         COALESCE(f.sources, '{}'), COALESCE(a.overdue, 0)
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
    WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < today
    GROUP BY "projectId"
  ) a ON a."projectId" = p.id
  WHERE p."deletedAt" IS NULL
$$;

CREATE OR REPLACE FUNCTION rollup_funding_full() RETURNS SETOF rollup_funding_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT fl.id, fl."comuneIstat", c."provinceIstat", p."streamId", s.theme::text, p.status::text,
         p.health::text, fl.source::text, fl.year, (fl."amountPlanned" * 100)::bigint,
         (fl."amountCommitted" * 100)::bigint, (fl."amountPaid" * 100)::bigint
  FROM "FundingLine" fl
  JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
  JOIN "Comune" c ON c.istat = fl."comuneIstat"
  JOIN "Stream" s ON s.id = p."streamId"
$$;

-- The readers' views, as before.
CREATE VIEW rollup_projects WITH (security_barrier) AS
  SELECT * FROM rollup_project_facts WHERE app_reads_all();
CREATE VIEW rollup_funding WITH (security_barrier) AS
  SELECT * FROM rollup_funding_facts WHERE app_reads_all();
REVOKE ALL ON rollup_projects, rollup_funding FROM smartland_app;
GRANT SELECT ON rollup_projects, rollup_funding TO smartland_app;
