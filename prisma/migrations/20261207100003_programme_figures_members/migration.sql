-- programme_figures() reads the members' facts through the comune index (issue #18, item 2; measured by
-- scripts/bench/programme.mjs). With `comune IN (SELECT … members)` the planner estimated the members
-- from the table's statistics and scanned all 450,889 facts for a Smart Land of 133 comuni (~200 ms of
-- the ~340 ms): now the members are read first into an array and the query is planned for those values
-- (EXECUTE: a one-shot plan with the actual parameters, never a cached generic one), so a small Smart Land
-- is a bitmap scan of its comuni's facts and the whole region remains a (parallel) sequential scan.
CREATE OR REPLACE FUNCTION programme_figures(sl uuid, detail varchar DEFAULT NULL, only_year int DEFAULT NULL)
RETURNS TABLE (kind text, comune varchar, stream uuid, year int, adhered_approved bigint,
               adhered_submitted bigint, registered bigint, secured bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET work_mem = '64MB' AS $fn$
DECLARE
  members varchar[];
BEGIN
  IF NOT app_reads_smart_land(sl) THEN
    RETURN;
  END IF;
  members := ARRAY(SELECT m."comuneIstat" FROM "SmartLandMember" m WHERE m."smartLandId" = sl);
  RETURN QUERY EXECUTE $q$
  WITH plans AS (
    SELECT p."comuneIstat" AS c, p."streamId" AS s, (e->>'year')::int AS y,
           CASE WHEN p.status = 'APPROVED' THEN round((e->>'amount')::numeric * 100)::bigint ELSE 0 END AS ap,
           CASE WHEN p.status = 'SUBMITTED' THEN round((e->>'amount')::numeric * 100)::bigint ELSE 0 END AS su
    FROM "LocalPlan" p CROSS JOIN LATERAL jsonb_array_elements(p.envelope) e
    WHERE p."smartLandId" = $1 AND p.status IN ('APPROVED', 'SUBMITTED')
      AND ($3::int IS NULL OR (e->>'year')::int = $3)
  ), by_year AS (
    SELECT f.stream AS s, f.year AS y, sum(f.planned)::bigint AS re, sum(f.committed)::bigint AS se
    FROM rollup_funding_facts f
    WHERE f.comune = ANY($4) AND f.stream IS NOT NULL
      AND ($3::int IS NULL OR f.year = $3)
    GROUP BY 1, 2
  ), by_comune AS (
    SELECT f.comune AS c, f.stream AS s, CASE WHEN f.comune = $2 THEN f.year END AS y,
           sum(f.planned)::bigint AS re, sum(f.committed)::bigint AS se
    FROM rollup_funding_facts f
    WHERE f.comune = ANY($4) AND f.stream IS NOT NULL
      AND ($3::int IS NULL OR f.year = $3)
    GROUP BY 1, 2, 3
  ), plans_year AS (
    SELECT s, y, sum(ap)::bigint AS ap, sum(su)::bigint AS su FROM plans GROUP BY 1, 2
  ), plans_comune AS (
    SELECT c, s, CASE WHEN c = $2 THEN y END AS y, sum(ap)::bigint AS ap, sum(su)::bigint AS su
    FROM plans GROUP BY 1, 2, 3
  )
  SELECT 'year', NULL::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0), COALESCE(a.su, 0),
         COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_year a FULL JOIN by_year b ON b.s = a.s AND b.y = a.y
  UNION ALL
  SELECT 'comune', COALESCE(a.c, b.c)::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0),
         COALESCE(a.su, 0), COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_comune a FULL JOIN by_comune b
    ON b.c = a.c AND b.s = a.s AND COALESCE(b.y, 0) = COALESCE(a.y, 0)
  $q$ USING sl, detail, only_year, members;
END $fn$;
