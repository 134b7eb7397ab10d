-- A sixth roll-up summary: the funding lines' money by comune, stream and year (issue #18, "Speeds":
-- plan-vs-actual views <= 200 ms p95 with caches off, at Lombardy scale). programme_figures() compares a
-- Smart Land's plans with what its members registered and secured, by stream and year and by comune and
-- stream: it aggregated the members' funding facts, all 450,889 for a Smart Land of every comune of the
-- region (a hash aggregate of ~0.7 s, docs/benchmarks.md). The summary has 137,692 keys at Lombardy scale
-- (a third of the facts: a (comune, stream) pair holds ~30 funding lines over ~9 years) and is kept like
-- the other five (migration rollup_summaries): signed delta rows appended by rollup_apply in the writing
-- transaction, folded by rollup_summary_compact() every minute, rebuilt by rollup_rebuild(). Not read by
-- the roll-up's own views; only through programme_figures() (SECURITY DEFINER), so smartland_app gets no
-- grant.

CREATE TABLE rollup_funding_stream_summary (
  comune    varchar(6) NOT NULL,
  stream    uuid NOT NULL,
  year      int NOT NULL,
  lines     int NOT NULL,
  planned   bigint NOT NULL,
  committed bigint NOT NULL,
  paid      bigint NOT NULL,
  delta     boolean NOT NULL DEFAULT true
);
-- The key's leading comune also serves programme_figures' members lookup (base rows); the partial
-- index on the deltas serves compaction, and the members' deltas are few (folded every minute).
CREATE UNIQUE INDEX rollup_funding_stream_summary_key ON rollup_funding_stream_summary (comune, stream, year)
  WHERE NOT delta;
CREATE INDEX rollup_funding_stream_summary_delta ON rollup_funding_stream_summary (delta) WHERE delta;
REVOKE ALL ON rollup_funding_stream_summary FROM smartland_app;

-- Existing facts (the migration runs on live databases).
INSERT INTO rollup_funding_stream_summary (comune, stream, year, lines, planned, committed, paid, delta)
SELECT comune, stream, year, count(*), sum(planned), sum(committed), sum(paid), false
FROM rollup_funding_facts WHERE stream IS NOT NULL GROUP BY comune, stream, year;

-- The full recomputation and the maintained rows as a reader sees them (the property test compares them).
CREATE FUNCTION rollup_funding_stream_summary_full()
RETURNS TABLE (comune varchar(6), stream uuid, year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, stream, year, count(*)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_full() WHERE stream IS NOT NULL GROUP BY comune, stream, year
$$;
CREATE FUNCTION rollup_funding_stream_summary_now()
RETURNS TABLE (comune varchar(6), stream uuid, year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, stream, year, sum(lines)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_stream_summary GROUP BY comune, stream, year HAVING sum(lines) <> 0
$$;
REVOKE ALL ON FUNCTION rollup_funding_stream_summary_full(), rollup_funding_stream_summary_now() FROM PUBLIC;

-- rollup_apply, rollup_summary_compact and rollup_rebuild as in migration rollup_summaries, each with the
-- new summary added.
CREATE OR REPLACE FUNCTION rollup_apply(project_ids uuid[], funding_ids uuid[], today date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  old_projects rollup_project_facts[];
  new_projects rollup_project_facts[];
  old_funding rollup_funding_facts[];
  new_funding rollup_funding_facts[];
BEGIN
  IF cardinality(project_ids) = 0 AND cardinality(funding_ids) = 0 THEN
    RETURN;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'roll-up facts are maintained under READ COMMITTED only (now %)',
      current_setting('transaction_isolation');
  END IF;
  PERFORM 1 FROM "Project" WHERE id = ANY(project_ids) ORDER BY id FOR NO KEY UPDATE;
  funding_ids := ARRAY(SELECT DISTINCT x FROM unnest(funding_ids || ARRAY(
    SELECT id FROM "FundingLine" WHERE "projectId" = ANY(project_ids))) x);

  -- One delta row per key whose figures changed: the facts removed (minus) and added (plus) netted, so
  -- re-inserting a project's unchanged funding facts appends nothing.
  WITH gone AS (DELETE FROM rollup_project_facts WHERE id = ANY(project_ids) RETURNING *)
  SELECT array_agg(gone) INTO old_projects FROM gone;
  WITH added AS (INSERT INTO rollup_project_facts SELECT * FROM rollup_project_rows(project_ids, today) RETURNING *)
  SELECT array_agg(added) INTO new_projects FROM added;
  INSERT INTO rollup_project_year_summary
    (comune, start_year, end_year, projects, total_cost, planned, committed, paid, overdue)
  SELECT comune, start_year, end_year, sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid),
         sum(overdue)
  FROM (SELECT comune, start_year, end_year, 1 AS n, total_cost, planned, committed, paid, overdue
        FROM unnest(COALESCE(new_projects, '{}'))
        UNION ALL
        SELECT comune, start_year, end_year, -1, -total_cost, -planned, -committed, -paid, -overdue
        FROM unnest(COALESCE(old_projects, '{}'))) d
  GROUP BY comune, start_year, end_year
  HAVING (sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue))
         IS DISTINCT FROM (0, 0, 0, 0, 0, 0);
  INSERT INTO rollup_project_stream_year_summary
    (stream, start_year, end_year, projects, total_cost, planned, committed, paid, overdue)
  SELECT stream, start_year, end_year, sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid),
         sum(overdue)
  FROM (SELECT stream, start_year, end_year, 1 AS n, total_cost, planned, committed, paid, overdue
        FROM unnest(COALESCE(new_projects, '{}'))
        UNION ALL
        SELECT stream, start_year, end_year, -1, -total_cost, -planned, -committed, -paid, -overdue
        FROM unnest(COALESCE(old_projects, '{}'))) d
  GROUP BY stream, start_year, end_year
  HAVING (sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue))
         IS DISTINCT FROM (0, 0, 0, 0, 0, 0);
  INSERT INTO rollup_project_summary (comune, stream, projects, total_cost, planned, committed, paid, overdue)
  SELECT comune, stream, sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue)
  FROM (SELECT comune, stream, 1 AS n, total_cost, planned, committed, paid, overdue
        FROM unnest(COALESCE(new_projects, '{}'))
        UNION ALL
        SELECT comune, stream, -1, -total_cost, -planned, -committed, -paid, -overdue
        FROM unnest(COALESCE(old_projects, '{}'))) d
  GROUP BY comune, stream
  HAVING (sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue))
         IS DISTINCT FROM (0, 0, 0, 0, 0, 0);

  WITH gone AS (DELETE FROM rollup_funding_facts WHERE id = ANY(funding_ids) RETURNING *)
  SELECT array_agg(gone) INTO old_funding FROM gone;
  WITH added AS (INSERT INTO rollup_funding_facts SELECT * FROM rollup_funding_rows(funding_ids) RETURNING *)
  SELECT array_agg(added) INTO new_funding FROM added;
  INSERT INTO rollup_funding_summary (stream, status, health, source, year, lines, planned, committed, paid)
  SELECT stream, status, health, source, year, sum(n), sum(planned), sum(committed), sum(paid)
  FROM (SELECT stream, status, health, source, year, 1 AS n, planned, committed, paid
        FROM unnest(COALESCE(new_funding, '{}'))
        UNION ALL
        SELECT stream, status, health, source, year, -1, -planned, -committed, -paid
        FROM unnest(COALESCE(old_funding, '{}'))) d
  GROUP BY stream, status, health, source, year
  HAVING (sum(n), sum(planned), sum(committed), sum(paid)) IS DISTINCT FROM (0, 0, 0, 0);
  INSERT INTO rollup_funding_year_summary (comune, year, lines, planned, committed, paid)
  SELECT comune, year, sum(n), sum(planned), sum(committed), sum(paid)
  FROM (SELECT comune, year, 1 AS n, planned, committed, paid FROM unnest(COALESCE(new_funding, '{}'))
        UNION ALL
        SELECT comune, year, -1, -planned, -committed, -paid FROM unnest(COALESCE(old_funding, '{}'))) d
  GROUP BY comune, year
  HAVING (sum(n), sum(planned), sum(committed), sum(paid)) IS DISTINCT FROM (0, 0, 0, 0);
  INSERT INTO rollup_funding_stream_summary (comune, stream, year, lines, planned, committed, paid)
  SELECT comune, stream, year, sum(n), sum(planned), sum(committed), sum(paid)
  FROM (SELECT comune, stream, year, 1 AS n, planned, committed, paid FROM unnest(COALESCE(new_funding, '{}'))
        UNION ALL
        SELECT comune, stream, year, -1, -planned, -committed, -paid FROM unnest(COALESCE(old_funding, '{}'))) d
  WHERE stream IS NOT NULL
  GROUP BY comune, stream, year
  HAVING (sum(n), sum(planned), sum(committed), sum(paid)) IS DISTINCT FROM (0, 0, 0, 0);
END
$$;
REVOKE ALL ON FUNCTION rollup_apply(uuid[], uuid[], date) FROM PUBLIC;

CREATE OR REPLACE FUNCTION rollup_summary_compact() RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  folded int := 0;
  n int;
BEGIN
  IF NOT pg_try_advisory_xact_lock(1357) THEN
    RETURN NULL;
  END IF;
  WITH d AS (DELETE FROM rollup_project_summary WHERE delta RETURNING *),
       s AS (SELECT comune, stream, sum(projects)::int AS projects, sum(total_cost)::bigint AS total_cost,
                    sum(planned)::bigint AS planned, sum(committed)::bigint AS committed,
                    sum(paid)::bigint AS paid, sum(overdue)::int AS overdue, count(*)::int AS n
             FROM d GROUP BY comune, stream),
       i AS (INSERT INTO rollup_project_summary AS t
               (comune, stream, projects, total_cost, planned, committed, paid, overdue, delta)
             SELECT comune, stream, projects, total_cost, planned, committed, paid, overdue, false FROM s
             ON CONFLICT (comune, stream) WHERE NOT delta DO UPDATE SET
               projects = t.projects + excluded.projects, total_cost = t.total_cost + excluded.total_cost,
               planned = t.planned + excluded.planned, committed = t.committed + excluded.committed,
               paid = t.paid + excluded.paid, overdue = t.overdue + excluded.overdue)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_project_summary WHERE NOT delta AND projects = 0;

  WITH d AS (DELETE FROM rollup_funding_summary WHERE delta RETURNING *),
       s AS (SELECT stream, status, health, source, year, sum(lines)::int AS lines,
                    sum(planned)::bigint AS planned, sum(committed)::bigint AS committed,
                    sum(paid)::bigint AS paid, count(*)::int AS n
             FROM d GROUP BY stream, status, health, source, year),
       i AS (INSERT INTO rollup_funding_summary AS t
               (stream, status, health, source, year, lines, planned, committed, paid, delta)
             SELECT stream, status, health, source, year, lines, planned, committed, paid, false FROM s
             ON CONFLICT (stream, status, health, source, year) WHERE NOT delta DO UPDATE SET
               lines = t.lines + excluded.lines, planned = t.planned + excluded.planned,
               committed = t.committed + excluded.committed, paid = t.paid + excluded.paid)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_funding_summary WHERE NOT delta AND lines = 0;

  WITH d AS (DELETE FROM rollup_funding_year_summary WHERE delta RETURNING *),
       s AS (SELECT comune, year, sum(lines)::int AS lines, sum(planned)::bigint AS planned,
                    sum(committed)::bigint AS committed, sum(paid)::bigint AS paid, count(*)::int AS n
             FROM d GROUP BY comune, year),
       i AS (INSERT INTO rollup_funding_year_summary AS t (comune, year, lines, planned, committed, paid, delta)
             SELECT comune, year, lines, planned, committed, paid, false FROM s
             ON CONFLICT (comune, year) WHERE NOT delta DO UPDATE SET
               lines = t.lines + excluded.lines, planned = t.planned + excluded.planned,
               committed = t.committed + excluded.committed, paid = t.paid + excluded.paid)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_funding_year_summary WHERE NOT delta AND lines = 0;

  WITH d AS (DELETE FROM rollup_project_year_summary WHERE delta RETURNING *),
       s AS (SELECT comune, start_year, end_year, sum(projects)::int AS projects, sum(total_cost)::bigint AS total_cost,
                    sum(planned)::bigint AS planned, sum(committed)::bigint AS committed,
                    sum(paid)::bigint AS paid, sum(overdue)::int AS overdue, count(*)::int AS n
             FROM d GROUP BY comune, start_year, end_year),
       i AS (INSERT INTO rollup_project_year_summary AS t
               (comune, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, delta)
             SELECT comune, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, false FROM s
             ON CONFLICT (comune, start_year, end_year) WHERE NOT delta DO UPDATE SET
               projects = t.projects + excluded.projects, total_cost = t.total_cost + excluded.total_cost,
               planned = t.planned + excluded.planned, committed = t.committed + excluded.committed,
               paid = t.paid + excluded.paid, overdue = t.overdue + excluded.overdue)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_project_year_summary WHERE NOT delta AND projects = 0;

  WITH d AS (DELETE FROM rollup_project_stream_year_summary WHERE delta RETURNING *),
       s AS (SELECT stream, start_year, end_year, sum(projects)::int AS projects, sum(total_cost)::bigint AS total_cost,
                    sum(planned)::bigint AS planned, sum(committed)::bigint AS committed,
                    sum(paid)::bigint AS paid, sum(overdue)::int AS overdue, count(*)::int AS n
             FROM d GROUP BY stream, start_year, end_year),
       i AS (INSERT INTO rollup_project_stream_year_summary AS t
               (stream, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, delta)
             SELECT stream, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, false FROM s
             ON CONFLICT (stream, start_year, end_year) WHERE NOT delta DO UPDATE SET
               projects = t.projects + excluded.projects, total_cost = t.total_cost + excluded.total_cost,
               planned = t.planned + excluded.planned, committed = t.committed + excluded.committed,
               paid = t.paid + excluded.paid, overdue = t.overdue + excluded.overdue)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_project_stream_year_summary WHERE NOT delta AND projects = 0;

  WITH d AS (DELETE FROM rollup_funding_stream_summary WHERE delta RETURNING *),
       s AS (SELECT comune, stream, year, sum(lines)::int AS lines, sum(planned)::bigint AS planned,
                    sum(committed)::bigint AS committed, sum(paid)::bigint AS paid, count(*)::int AS n
             FROM d GROUP BY comune, stream, year),
       i AS (INSERT INTO rollup_funding_stream_summary AS t
               (comune, stream, year, lines, planned, committed, paid, delta)
             SELECT comune, stream, year, lines, planned, committed, paid, false FROM s
             ON CONFLICT (comune, stream, year) WHERE NOT delta DO UPDATE SET
               lines = t.lines + excluded.lines, planned = t.planned + excluded.planned,
               committed = t.committed + excluded.committed, paid = t.paid + excluded.paid)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_funding_stream_summary WHERE NOT delta AND lines = 0;
  RETURN folded;
END
$$;
REVOKE ALL ON FUNCTION rollup_summary_compact() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_summary_compact() TO smartland_app;

CREATE OR REPLACE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  started timestamptz := clock_timestamp();
  d date := rollup_today();
BEGIN
  LOCK TABLE rollup_project_facts, rollup_funding_facts, rollup_project_summary, rollup_funding_summary,
    rollup_funding_year_summary, rollup_project_year_summary, rollup_project_stream_year_summary,
    rollup_funding_stream_summary IN EXCLUSIVE MODE;
  DELETE FROM rollup_project_facts;
  DELETE FROM rollup_funding_facts;
  INSERT INTO rollup_project_facts SELECT * FROM rollup_project_full(d);
  INSERT INTO rollup_funding_facts SELECT * FROM rollup_funding_full();
  DELETE FROM rollup_project_summary;
  DELETE FROM rollup_funding_summary;
  DELETE FROM rollup_funding_year_summary;
  DELETE FROM rollup_project_year_summary;
  DELETE FROM rollup_project_stream_year_summary;
  DELETE FROM rollup_funding_stream_summary;
  INSERT INTO rollup_funding_stream_summary (comune, stream, year, lines, planned, committed, paid, delta)
  SELECT comune, stream, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts WHERE stream IS NOT NULL GROUP BY comune, stream, year;
  INSERT INTO rollup_project_year_summary
    (comune, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, delta)
  SELECT comune, start_year, end_year, count(*), sum(total_cost), sum(planned), sum(committed), sum(paid),
         sum(overdue), false
  FROM rollup_project_facts GROUP BY comune, start_year, end_year;
  INSERT INTO rollup_project_stream_year_summary
    (stream, start_year, end_year, projects, total_cost, planned, committed, paid, overdue, delta)
  SELECT stream, start_year, end_year, count(*), sum(total_cost), sum(planned), sum(committed), sum(paid),
         sum(overdue), false
  FROM rollup_project_facts GROUP BY stream, start_year, end_year;
  INSERT INTO rollup_funding_year_summary (comune, year, lines, planned, committed, paid, delta)
  SELECT comune, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts GROUP BY comune, year;
  INSERT INTO rollup_project_summary (comune, stream, projects, total_cost, planned, committed, paid, overdue, delta)
  SELECT comune, stream, count(*), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue), false
  FROM rollup_project_facts GROUP BY comune, stream;
  INSERT INTO rollup_funding_summary (stream, status, health, source, year, lines, planned, committed, paid, delta)
  SELECT stream, status, health, source, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts GROUP BY stream, status, health, source, year;
  UPDATE "RollupState" SET "refreshedAt" = started, "tickDay" = d,
    "durationMs" = (EXTRACT(EPOCH FROM clock_timestamp() - started) * 1000)::int WHERE id = 1;
END
$$;
REVOKE ALL ON FUNCTION rollup_rebuild() FROM PUBLIC;

-- programme_figures() as in migration programme_figures_one_scan, the members' money read from the
-- summaries instead of the facts:
--   by comune and stream, all years: rollup_project_summary (comune, stream) — a project's planned and
--     committed are the sums of all its funding lines, and a funding line's comune is its project's (the
--     foreign key ("projectId", "comuneIstat")), so these equal the funding facts summed by comune and
--     stream; a (comune, stream) with projects but no lines gives zeros where the facts gave no row, which
--     the readers show alike. 10 rows per member comune.
--   by comune and stream of one year, and the comune drilled into by year: rollup_funding_stream_summary.
--   by stream and year: the members' rows of rollup_funding_stream_summary; or, when the members are
--     more than half of the comuni, the region's totals (rollup_funding_summary, at most ~13,000 keys
--     whatever the region's size) minus the other comuni's rows — the smaller side is read.
-- Base and delta rows are read alike (summed); a key whose lines net to zero is dropped (HAVING), like a
-- key with no fact. New argument by_stream: false gives one row per comune (stream NULL) instead of one per
-- comune and stream — the pages show a comune's total only (1,503 rows instead of 15,030 for a Smart Land
-- of every comune); the comune drilled into keeps its rows by stream and year. Hash joins only
-- (enable_mergejoin off): the planner's estimate of the plans' rows (100 per jsonb array) made it sort
-- 15,000 rows by comune name for a merge join.
DROP FUNCTION programme_figures(uuid, varchar, int);
CREATE FUNCTION programme_figures(sl uuid, detail varchar DEFAULT NULL, only_year int DEFAULT NULL,
                                  by_stream boolean DEFAULT true)
RETURNS TABLE (kind text, comune varchar, stream uuid, year int, adhered_approved bigint,
               adhered_submitted bigint, registered bigint, secured bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET work_mem = '64MB'
SET enable_mergejoin = off AS $fn$
DECLARE
  members varchar[];
  others varchar[];
  complement boolean;
BEGIN
  IF NOT app_reads_smart_land(sl) THEN
    RETURN;
  END IF;
  members := ARRAY(SELECT m."comuneIstat" FROM "SmartLandMember" m WHERE m."smartLandId" = sl);
  complement := cardinality(members) * 2 > (SELECT count(*) FROM "Comune");
  others := CASE WHEN complement THEN
    ARRAY(SELECT c.istat FROM "Comune" c WHERE c.istat <> ALL(members)) ELSE '{}' END;
  RETURN QUERY EXECUTE $q$
  WITH plans AS MATERIALIZED (
    SELECT c, s, y, CASE WHEN approved THEN cents ELSE 0 END AS ap, CASE WHEN approved THEN 0 ELSE cents END AS su
    FROM (
      -- the envelope's elements from a set-returning function in the select list (streamed), not a
      -- lateral function scan (a tuplestore per plan: 36 ms for 4,509 plans)
      SELECT c, s, approved, (e->>'year')::int AS y, round((e->>'amount')::numeric * 100)::bigint AS cents
      FROM (SELECT p."comuneIstat" AS c, p."streamId" AS s, p.status = 'APPROVED' AS approved,
                   jsonb_array_elements(p.envelope) AS e
            FROM "LocalPlan" p WHERE p."smartLandId" = $1 AND p.status IN ('APPROVED', 'SUBMITTED')) x
    ) e WHERE $3::int IS NULL OR y = $3
  ), by_year AS (
    SELECT s, y, sum(re)::bigint AS re, sum(se)::bigint AS se FROM (
      SELECT f.stream AS s, f.year AS y, f.lines AS n, f.planned AS re, f.committed AS se
      FROM rollup_funding_stream_summary f
      WHERE NOT $5 AND f.comune = ANY($4) AND ($3::int IS NULL OR f.year = $3)
      UNION ALL
      SELECT f.stream, f.year, f.lines, f.planned, f.committed FROM rollup_funding_summary f
      WHERE $5 AND ($3::int IS NULL OR f.year = $3)
      UNION ALL
      SELECT f.stream, f.year, -f.lines, -f.planned, -f.committed FROM rollup_funding_stream_summary f
      WHERE $5 AND f.comune = ANY($6) AND ($3::int IS NULL OR f.year = $3)
    ) x GROUP BY 1, 2 HAVING sum(n) <> 0
  ), by_comune AS (
    SELECT c, CASE WHEN $7 THEN s END AS s, NULL::int AS y, sum(re)::bigint AS re, sum(se)::bigint AS se
    FROM (
      SELECT f.comune AS c, f.stream AS s, f.projects AS n, f.planned AS re, f.committed AS se
      FROM rollup_project_summary f
      WHERE $3::int IS NULL AND f.comune = ANY($4) AND f.comune IS DISTINCT FROM $2
      UNION ALL
      SELECT f.comune, f.stream, f.lines, f.planned, f.committed FROM rollup_funding_stream_summary f
      WHERE $3::int IS NOT NULL AND f.year = $3 AND f.comune = ANY($4) AND f.comune IS DISTINCT FROM $2
    ) x GROUP BY 1, 2 HAVING sum(n) <> 0
    UNION ALL
    SELECT c, s, y, sum(re)::bigint, sum(se)::bigint FROM (
      SELECT f.comune AS c, f.stream AS s, f.year AS y, f.lines AS n, f.planned AS re, f.committed AS se
      FROM rollup_funding_stream_summary f
      WHERE NOT f.delta AND f.comune = $2 AND $2 = ANY($4) AND ($3::int IS NULL OR f.year = $3)
      UNION ALL
      SELECT f.comune, f.stream, f.year, f.lines, f.planned, f.committed FROM rollup_funding_stream_summary f
      WHERE f.delta AND f.comune = $2 AND $2 = ANY($4) AND ($3::int IS NULL OR f.year = $3)
    ) x GROUP BY 1, 2, 3 HAVING sum(n) <> 0
  ), plans_year AS (
    SELECT s, y, sum(ap)::bigint AS ap, sum(su)::bigint AS su FROM plans GROUP BY 1, 2
  ), plans_comune AS (
    SELECT c, CASE WHEN $7 OR c = $2 THEN s END AS s, CASE WHEN c = $2 THEN y END AS y, sum(ap)::bigint AS ap,
           sum(su)::bigint AS su
    FROM plans GROUP BY 1, 2, 3
  )
  SELECT 'year', NULL::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0), COALESCE(a.su, 0),
         COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_year a FULL JOIN by_year b ON b.s = a.s AND b.y = a.y
  UNION ALL
  SELECT 'comune', COALESCE(a.c, b.c)::varchar, COALESCE(a.s, b.s), COALESCE(a.y, b.y), COALESCE(a.ap, 0),
         COALESCE(a.su, 0), COALESCE(b.re, 0), COALESCE(b.se, 0)
  FROM plans_comune a FULL JOIN by_comune b
    ON b.c = a.c AND COALESCE(b.s, '00000000-0000-0000-0000-000000000000') = COALESCE(a.s, '00000000-0000-0000-0000-000000000000')
       AND COALESCE(b.y, 0) = COALESCE(a.y, 0)
  $q$ USING sl, detail, only_year, members, complement, others, by_stream;
END $fn$;
REVOKE ALL ON FUNCTION programme_figures(uuid, varchar, int, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION programme_figures(uuid, varchar, int, boolean) TO smartland_app;
