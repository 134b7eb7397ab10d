-- Issue #17, first views of the roll-up with a funding source (docs/benchmarks.md, 07/12/2026). A source
-- filter over the whole region (or a Smart Land of every comune) read both fact tables: the projects that
-- have a line of that source (58,000 of 150,300 for PNRR at Lombardy scale, `source = ANY(sources)` tested
-- on every project fact: 64-130 ms) and that source's funding lines by comune (68,000: 100-180 ms), the
-- slowest first views of the bench. Two summaries more, kept like the others (migration rollup_summaries:
-- signed delta rows appended by rollup_apply in the writing transaction, folded every minute by
-- rollup_summary_compact(), rebuilt by rollup_rebuild()):
-- * rollup_project_source_summary (comune, stream, source): the project figures (count, cost, resources,
--   overdue actions) of the projects with at least one funding line of the source — a project counts once
--   under each of its sources (its facts' `sources`, distinct). 149,059 keys at Lombardy scale, read by
--   source through an index led by it: ~12,000 rows for a source instead of 150,300 project facts.
-- * rollup_funding_source_summary (comune, source, year): the funding lines' money. 144,823 keys (~3 lines
--   per key); a source's ~12,000 keys instead of its 68,000 lines, and the years are a range of the index.
-- A project whose funding lines change sources is rewritten by rollup_apply (its project fact is
-- recomputed with the lines), so its old sources' keys lose it and the new ones gain it.

CREATE TABLE rollup_project_source_summary (
  comune     varchar(6) NOT NULL,
  stream     uuid NOT NULL,
  source     text NOT NULL,
  projects   int NOT NULL,
  total_cost bigint NOT NULL,
  planned    bigint NOT NULL,
  committed  bigint NOT NULL,
  paid       bigint NOT NULL,
  overdue    int NOT NULL,
  delta      boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_project_source_summary_key ON rollup_project_source_summary (comune, stream, source)
  WHERE NOT delta;
CREATE INDEX rollup_project_source_summary_delta ON rollup_project_source_summary (delta) WHERE delta;
CREATE INDEX rollup_project_source_summary_source ON rollup_project_source_summary (source)
  INCLUDE (comune, stream, projects, total_cost, planned, committed, paid, overdue);
REVOKE ALL ON rollup_project_source_summary FROM smartland_app;

CREATE TABLE rollup_funding_source_summary (
  comune    varchar(6) NOT NULL,
  source    text NOT NULL,
  year      int NOT NULL,
  lines     int NOT NULL,
  planned   bigint NOT NULL,
  committed bigint NOT NULL,
  paid      bigint NOT NULL,
  delta     boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_funding_source_summary_key ON rollup_funding_source_summary (comune, source, year)
  WHERE NOT delta;
CREATE INDEX rollup_funding_source_summary_delta ON rollup_funding_source_summary (delta) WHERE delta;
CREATE INDEX rollup_funding_source_summary_source ON rollup_funding_source_summary (source, year)
  INCLUDE (comune, lines, planned, committed, paid);
REVOKE ALL ON rollup_funding_source_summary FROM smartland_app;

-- Existing facts (the migration runs on live databases).
INSERT INTO rollup_project_source_summary
  (comune, stream, source, projects, total_cost, planned, committed, paid, overdue, delta)
SELECT p.comune, p.stream, s.source, count(*), sum(p.total_cost), sum(p.planned), sum(p.committed),
       sum(p.paid), sum(p.overdue), false
FROM rollup_project_facts p CROSS JOIN LATERAL unnest(p.sources) AS s(source)
GROUP BY p.comune, p.stream, s.source;
INSERT INTO rollup_funding_source_summary (comune, source, year, lines, planned, committed, paid, delta)
SELECT comune, source, year, count(*), sum(planned), sum(committed), sum(paid), false
FROM rollup_funding_facts GROUP BY comune, source, year;

-- The full recomputations and the maintained rows as a reader sees them (the property test compares them).
CREATE FUNCTION rollup_project_source_summary_full(d date)
RETURNS TABLE (comune varchar(6), stream uuid, source text, projects int, total_cost bigint, planned bigint,
               committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT p.comune, p.stream, s.source, count(*)::int, sum(p.total_cost)::bigint, sum(p.planned)::bigint,
         sum(p.committed)::bigint, sum(p.paid)::bigint, sum(p.overdue)::int
  FROM rollup_project_full(d) p CROSS JOIN LATERAL unnest(p.sources) AS s(source)
  GROUP BY p.comune, p.stream, s.source
$$;
CREATE FUNCTION rollup_project_source_summary_now()
RETURNS TABLE (comune varchar(6), stream uuid, source text, projects int, total_cost bigint, planned bigint,
               committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, stream, source, sum(projects)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_source_summary GROUP BY comune, stream, source HAVING sum(projects) <> 0
$$;
CREATE FUNCTION rollup_funding_source_summary_full()
RETURNS TABLE (comune varchar(6), source text, year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, source, year, count(*)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_full() GROUP BY comune, source, year
$$;
CREATE FUNCTION rollup_funding_source_summary_now()
RETURNS TABLE (comune varchar(6), source text, year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, source, year, sum(lines)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_source_summary GROUP BY comune, source, year HAVING sum(lines) <> 0
$$;
REVOKE ALL ON FUNCTION rollup_project_source_summary_full(date), rollup_project_source_summary_now(),
  rollup_funding_source_summary_full(), rollup_funding_source_summary_now() FROM PUBLIC;

CREATE VIEW rollup_project_source_sums WITH (security_barrier) AS
  SELECT comune, stream, source, projects, total_cost, planned, committed, paid, overdue
  FROM rollup_project_source_summary WHERE app_reads_all();
CREATE VIEW rollup_funding_source_sums WITH (security_barrier) AS
  SELECT comune, source, year, lines, planned, committed, paid
  FROM rollup_funding_source_summary WHERE app_reads_all();
REVOKE ALL ON rollup_project_source_sums, rollup_funding_source_sums FROM smartland_app;
GRANT SELECT ON rollup_project_source_sums, rollup_funding_source_sums TO smartland_app;

-- rollup_apply, rollup_summary_compact and rollup_rebuild as in migration rollup_funding_province_summary,
-- each with the two summaries added.
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
  INSERT INTO rollup_project_source_summary
    (comune, stream, source, projects, total_cost, planned, committed, paid, overdue)
  SELECT comune, stream, source, sum(n), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue)
  FROM (SELECT p.comune, p.stream, s.source, 1 AS n, p.total_cost, p.planned, p.committed, p.paid, p.overdue
        FROM unnest(COALESCE(new_projects, '{}')) p CROSS JOIN LATERAL unnest(p.sources) AS s(source)
        UNION ALL
        SELECT p.comune, p.stream, s.source, -1, -p.total_cost, -p.planned, -p.committed, -p.paid, -p.overdue
        FROM unnest(COALESCE(old_projects, '{}')) p CROSS JOIN LATERAL unnest(p.sources) AS s(source)) d
  GROUP BY comune, stream, source
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
  INSERT INTO rollup_funding_province_summary (province, source, year, lines, planned, committed, paid)
  SELECT province, source, year, sum(n), sum(planned), sum(committed), sum(paid)
  FROM (SELECT province, source, year, 1 AS n, planned, committed, paid FROM unnest(COALESCE(new_funding, '{}'))
        UNION ALL
        SELECT province, source, year, -1, -planned, -committed, -paid FROM unnest(COALESCE(old_funding, '{}'))) d
  GROUP BY province, source, year
  HAVING (sum(n), sum(planned), sum(committed), sum(paid)) IS DISTINCT FROM (0, 0, 0, 0);
  INSERT INTO rollup_funding_source_summary (comune, source, year, lines, planned, committed, paid)
  SELECT comune, source, year, sum(n), sum(planned), sum(committed), sum(paid)
  FROM (SELECT comune, source, year, 1 AS n, planned, committed, paid FROM unnest(COALESCE(new_funding, '{}'))
        UNION ALL
        SELECT comune, source, year, -1, -planned, -committed, -paid FROM unnest(COALESCE(old_funding, '{}'))) d
  GROUP BY comune, source, year
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

  WITH d AS (DELETE FROM rollup_funding_province_summary WHERE delta RETURNING *),
       s AS (SELECT province, source, year, sum(lines)::int AS lines, sum(planned)::bigint AS planned,
                    sum(committed)::bigint AS committed, sum(paid)::bigint AS paid, count(*)::int AS n
             FROM d GROUP BY province, source, year),
       i AS (INSERT INTO rollup_funding_province_summary AS t
               (province, source, year, lines, planned, committed, paid, delta)
             SELECT province, source, year, lines, planned, committed, paid, false FROM s
             ON CONFLICT (province, source, year) WHERE NOT delta DO UPDATE SET
               lines = t.lines + excluded.lines, planned = t.planned + excluded.planned,
               committed = t.committed + excluded.committed, paid = t.paid + excluded.paid)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_funding_province_summary WHERE NOT delta AND lines = 0;

  WITH d AS (DELETE FROM rollup_funding_source_summary WHERE delta RETURNING *),
       s AS (SELECT comune, source, year, sum(lines)::int AS lines, sum(planned)::bigint AS planned,
                    sum(committed)::bigint AS committed, sum(paid)::bigint AS paid, count(*)::int AS n
             FROM d GROUP BY comune, source, year),
       i AS (INSERT INTO rollup_funding_source_summary AS t
               (comune, source, year, lines, planned, committed, paid, delta)
             SELECT comune, source, year, lines, planned, committed, paid, false FROM s
             ON CONFLICT (comune, source, year) WHERE NOT delta DO UPDATE SET
               lines = t.lines + excluded.lines, planned = t.planned + excluded.planned,
               committed = t.committed + excluded.committed, paid = t.paid + excluded.paid)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_funding_source_summary WHERE NOT delta AND lines = 0;

  WITH d AS (DELETE FROM rollup_project_source_summary WHERE delta RETURNING *),
       s AS (SELECT comune, stream, source, sum(projects)::int AS projects, sum(total_cost)::bigint AS total_cost,
                    sum(planned)::bigint AS planned, sum(committed)::bigint AS committed,
                    sum(paid)::bigint AS paid, sum(overdue)::int AS overdue, count(*)::int AS n
             FROM d GROUP BY comune, stream, source),
       i AS (INSERT INTO rollup_project_source_summary AS t
               (comune, stream, source, projects, total_cost, planned, committed, paid, overdue, delta)
             SELECT comune, stream, source, projects, total_cost, planned, committed, paid, overdue, false FROM s
             ON CONFLICT (comune, stream, source) WHERE NOT delta DO UPDATE SET
               projects = t.projects + excluded.projects, total_cost = t.total_cost + excluded.total_cost,
               planned = t.planned + excluded.planned, committed = t.committed + excluded.committed,
               paid = t.paid + excluded.paid, overdue = t.overdue + excluded.overdue)
  SELECT COALESCE(sum(s.n), 0) INTO n FROM s;
  folded := folded + n;
  DELETE FROM rollup_project_source_summary WHERE NOT delta AND projects = 0;
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
    rollup_funding_stream_summary, rollup_funding_province_summary, rollup_funding_source_summary,
    rollup_project_source_summary IN EXCLUSIVE MODE;
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
  DELETE FROM rollup_funding_province_summary;
  DELETE FROM rollup_funding_source_summary;
  DELETE FROM rollup_project_source_summary;
  INSERT INTO rollup_funding_source_summary (comune, source, year, lines, planned, committed, paid, delta)
  SELECT comune, source, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts GROUP BY comune, source, year;
  INSERT INTO rollup_funding_province_summary (province, source, year, lines, planned, committed, paid, delta)
  SELECT province, source, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts GROUP BY province, source, year;
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
  INSERT INTO rollup_project_source_summary
    (comune, stream, source, projects, total_cost, planned, committed, paid, overdue, delta)
  SELECT p.comune, p.stream, s.source, count(*), sum(p.total_cost), sum(p.planned), sum(p.committed),
         sum(p.paid), sum(p.overdue), false
  FROM rollup_project_facts p CROSS JOIN LATERAL unnest(p.sources) AS s(source)
  GROUP BY p.comune, p.stream, s.source;
  INSERT INTO rollup_funding_summary (stream, status, health, source, year, lines, planned, committed, paid, delta)
  SELECT stream, status, health, source, year, count(*), sum(planned), sum(committed), sum(paid), false
  FROM rollup_funding_facts GROUP BY stream, status, health, source, year;
  UPDATE "RollupState" SET "refreshedAt" = started, "tickDay" = d,
    "durationMs" = (EXTRACT(EPOCH FROM clock_timestamp() - started) * 1000)::int WHERE id = 1;
END
$$;
REVOKE ALL ON FUNCTION rollup_rebuild() FROM PUBLIC;
