-- programme_figures() returns its figures already grouped (issue #18, item 2; measured by
-- scripts/bench/programme.mjs). The first version returned one row per comune × stream × year: for a
-- Smart Land of every Lombard comune, 137,692 rows, sorted on disk (work_mem) and summed again in
-- JavaScript (~2.4 s). Now two aggregates, each a parallel hash aggregate over the members' facts:
--   kind 'year'    by stream and year (the programme's comparison), comune NULL;
--   kind 'comune'  by comune and stream (the drill-down), year NULL, except for the comune `detail`, whose
--                  rows are by year too (its own table).
-- At most streams × years + comuni × streams rows leave the database. `only_year`: one year's figures.
DROP FUNCTION programme_figures(uuid);
CREATE FUNCTION programme_figures(sl uuid, detail varchar DEFAULT NULL, only_year int DEFAULT NULL)
RETURNS TABLE (kind text, comune varchar, stream uuid, year int, adhered_approved bigint,
               adhered_submitted bigint, registered bigint, secured bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET work_mem = '64MB' AS $$
BEGIN
  IF NOT app_reads_smart_land(sl) THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH members AS (
    SELECT m."comuneIstat" AS c FROM "SmartLandMember" m WHERE m."smartLandId" = sl
  ), plans AS (
    SELECT p."comuneIstat" AS c, p."streamId" AS s, (e->>'year')::int AS y,
           CASE WHEN p.status = 'APPROVED' THEN round((e->>'amount')::numeric * 100)::bigint ELSE 0 END AS ap,
           CASE WHEN p.status = 'SUBMITTED' THEN round((e->>'amount')::numeric * 100)::bigint ELSE 0 END AS su
    FROM "LocalPlan" p CROSS JOIN LATERAL jsonb_array_elements(p.envelope) e
    WHERE p."smartLandId" = sl AND p.status IN ('APPROVED', 'SUBMITTED')
      AND (only_year IS NULL OR (e->>'year')::int = only_year)
  ), by_year AS (
    SELECT f.stream AS s, f.year AS y, sum(f.planned)::bigint AS re, sum(f.committed)::bigint AS se
    FROM rollup_funding_facts f
    WHERE f.comune IN (SELECT c FROM members) AND f.stream IS NOT NULL
      AND (only_year IS NULL OR f.year = only_year)
    GROUP BY 1, 2
  ), by_comune AS (
    SELECT f.comune AS c, f.stream AS s, CASE WHEN f.comune = detail THEN f.year END AS y,
           sum(f.planned)::bigint AS re, sum(f.committed)::bigint AS se
    FROM rollup_funding_facts f
    WHERE f.comune IN (SELECT c FROM members) AND f.stream IS NOT NULL
      AND (only_year IS NULL OR f.year = only_year)
    GROUP BY 1, 2, 3
  ), plans_year AS (
    SELECT s, y, sum(ap)::bigint AS ap, sum(su)::bigint AS su FROM plans GROUP BY 1, 2
  ), plans_comune AS (
    SELECT c, s, CASE WHEN c = detail THEN y END AS y, sum(ap)::bigint AS ap, sum(su)::bigint AS su
    FROM plans GROUP BY 1, 2, 3
  )
  SELECT 'year', NULL::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0), COALESCE(a.su, 0),
         COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_year a FULL JOIN by_year b ON b.s = a.s AND b.y = a.y
  UNION ALL
  SELECT 'comune', COALESCE(a.c, b.c)::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0),
         COALESCE(a.su, 0), COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_comune a FULL JOIN by_comune b
    ON b.c = a.c AND b.s = a.s AND COALESCE(b.y, 0) = COALESCE(a.y, 0);
END $$;
REVOKE ALL ON FUNCTION programme_figures(uuid, varchar, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION programme_figures(uuid, varchar, int) TO smartland_app;
