-- Roll-up summaries (issue 17, item 3: first view of a filter combination). Every roll-up view aggregated
-- the fact tables: 150,300 project facts and 450,889 funding facts at Lombardy scale, 4 hash grouping sets
-- per funding fact (0.3–0.8 s for an unfiltered view). Five summaries, maintained by the same statement
-- triggers in the writing transaction (rollup_apply), answer the views whose filters fit their keys:
--
-- * rollup_project_summary (comune, stream): project count, cost, resources planned / committed / paid,
--   overdue actions. At Lombardy scale 15,030 keys instead of 150,300 facts. Answers the project side of
--   every view filtered only by comune sets (province, Smart Land) and streams (stream, theme) — the
--   province of a comune and the theme of a stream are read from "Comune" / "Stream" in the reader's
--   snapshot, equal to the facts' own in every snapshot (the triggers of migration incremental_rollup).
-- * rollup_funding_summary (stream, status, health, source, year): the funding lines' money and count.
--   At most 10 × 6 × 3 × 12 × 12 keys whatever the region's size (13,335 at Lombardy scale, 450,889
--   facts). Answers the by-source, by-year and by-stream money of every view with no comune filter.
-- * rollup_funding_year_summary (comune, year): the funding lines' money and count. 17,964 keys at
--   Lombardy scale. Answers the by-comune money of the views filtered by years (and comune sets) only,
--   which otherwise aggregate every funding fact of the years (262,210 for anno_da=2025).
-- * rollup_project_year_summary (comune, start_year, end_year) and rollup_project_stream_year_summary
--   (stream, start_year, end_year): the project side of the views filtered by years only (55,316 and 619
--   keys at Lombardy scale; the facts: 123,542 rows for anno_da=2025). A project's years are an interval
--   (start ≤ anno_a, end ≥ anno_da or none): a key with both years answers every range exactly.
--
-- Why these keys and not (comune, stream, status, health, source, year): measured on the bench data, a
-- (comune, stream) pair holds 10 projects and 30 funding lines, so any key crossing the comune with status,
-- health, year or source has almost as many rows as the facts (96,157 of 150,300 for (comune, stream,
-- status, health); 430,794 of 450,889 funding keys). Views with those filters read the facts (indexes).
--
-- Writers never update a shared summary row: rollup_apply appends signed delta rows (`delta` = true: the
-- facts it deletes with a minus sign, the facts it inserts with a plus sign), so two writers of one key
-- never wait for each other nor deadlock, and a rolled-back write takes its deltas with it. Readers sum
-- base and delta rows in one snapshot. rollup_summary_compact() (each server process, every minute;
-- advisory lock) folds the committed deltas into the base rows; rollup_rebuild() rebuilds both from
-- the facts. Exactness: the property test (tests/integration/rollup-incremental.test.ts) compares the
-- summed summaries with the summaries of the full recomputation after every sequence of writes.

CREATE TABLE rollup_project_summary (
  comune     varchar(6) NOT NULL,
  stream     uuid NOT NULL,
  projects   int NOT NULL,
  total_cost bigint NOT NULL,
  planned    bigint NOT NULL,
  committed  bigint NOT NULL,
  paid       bigint NOT NULL,
  overdue    int NOT NULL,
  delta      boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_project_summary_key ON rollup_project_summary (comune, stream) WHERE NOT delta;
CREATE INDEX rollup_project_summary_delta ON rollup_project_summary (delta) WHERE delta;

CREATE TABLE rollup_funding_summary (
  stream    uuid NOT NULL,
  status    text NOT NULL,
  health    text NOT NULL,
  source    text NOT NULL,
  year      int NOT NULL,
  lines     int NOT NULL,
  planned   bigint NOT NULL,
  committed bigint NOT NULL,
  paid      bigint NOT NULL,
  delta     boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_funding_summary_key ON rollup_funding_summary (stream, status, health, source, year)
  WHERE NOT delta;
CREATE INDEX rollup_funding_summary_delta ON rollup_funding_summary (delta) WHERE delta;

CREATE TABLE rollup_project_year_summary (
  comune     varchar(6) NOT NULL,
  start_year int,
  end_year   int,
  projects   int NOT NULL,
  total_cost bigint NOT NULL,
  planned    bigint NOT NULL,
  committed  bigint NOT NULL,
  paid       bigint NOT NULL,
  overdue    int NOT NULL,
  delta      boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_project_year_summary_key ON rollup_project_year_summary (comune, start_year, end_year)
  NULLS NOT DISTINCT WHERE NOT delta;
CREATE INDEX rollup_project_year_summary_delta ON rollup_project_year_summary (delta) WHERE delta;

CREATE TABLE rollup_project_stream_year_summary (
  stream     uuid NOT NULL,
  start_year int,
  end_year   int,
  projects   int NOT NULL,
  total_cost bigint NOT NULL,
  planned    bigint NOT NULL,
  committed  bigint NOT NULL,
  paid       bigint NOT NULL,
  overdue    int NOT NULL,
  delta      boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_project_stream_year_summary_key
  ON rollup_project_stream_year_summary (stream, start_year, end_year) NULLS NOT DISTINCT WHERE NOT delta;
CREATE INDEX rollup_project_stream_year_summary_delta ON rollup_project_stream_year_summary (delta) WHERE delta;

CREATE TABLE rollup_funding_year_summary (
  comune    varchar(6) NOT NULL,
  year      int NOT NULL,
  lines     int NOT NULL,
  planned   bigint NOT NULL,
  committed bigint NOT NULL,
  paid      bigint NOT NULL,
  delta     boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX rollup_funding_year_summary_key ON rollup_funding_year_summary (comune, year) WHERE NOT delta;
CREATE INDEX rollup_funding_year_summary_delta ON rollup_funding_year_summary (delta) WHERE delta;

-- 1. Deltas, appended in the writing transaction: rollup_apply as in migration incremental_rollup, its
-- DELETE and INSERT of facts returning the rows they remove and add.
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
END
$$;
REVOKE ALL ON FUNCTION rollup_apply(uuid[], uuid[], date) FROM PUBLIC;

-- 2. The full recomputation of the summaries from facts (the property test compares the summed
-- maintained rows with these, computed from rollup_project_full / rollup_funding_full). Writes nothing.
CREATE FUNCTION rollup_project_summary_full(today date)
RETURNS TABLE (comune varchar(6), stream uuid, projects int, total_cost bigint, planned bigint,
               committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, stream, count(*)::int, sum(total_cost)::bigint, sum(planned)::bigint, sum(committed)::bigint,
         sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_full(today) GROUP BY comune, stream
$$;
CREATE FUNCTION rollup_funding_summary_full()
RETURNS TABLE (stream uuid, status text, health text, source text, year int, lines int, planned bigint,
               committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT stream, status, health, source, year, count(*)::int, sum(planned)::bigint, sum(committed)::bigint,
         sum(paid)::bigint
  FROM rollup_funding_full() GROUP BY stream, status, health, source, year
$$;
CREATE FUNCTION rollup_project_year_summary_full(today date)
RETURNS TABLE (comune varchar(6), start_year int, end_year int, projects int, total_cost bigint,
               planned bigint, committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, start_year, end_year, count(*)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_full(today) GROUP BY comune, start_year, end_year
$$;
CREATE FUNCTION rollup_project_stream_year_summary_full(today date)
RETURNS TABLE (stream uuid, start_year int, end_year int, projects int, total_cost bigint,
               planned bigint, committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT stream, start_year, end_year, count(*)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_full(today) GROUP BY stream, start_year, end_year
$$;
CREATE FUNCTION rollup_funding_year_summary_full()
RETURNS TABLE (comune varchar(6), year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, year, count(*)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_full() GROUP BY comune, year
$$;
-- The maintained summaries as a reader sees them: base + deltas summed, keys with nothing left dropped.
CREATE FUNCTION rollup_project_summary_now()
RETURNS TABLE (comune varchar(6), stream uuid, projects int, total_cost bigint, planned bigint,
               committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, stream, sum(projects)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_summary GROUP BY comune, stream HAVING sum(projects) <> 0
$$;
CREATE FUNCTION rollup_funding_summary_now()
RETURNS TABLE (stream uuid, status text, health text, source text, year int, lines int, planned bigint,
               committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT stream, status, health, source, year, sum(lines)::int, sum(planned)::bigint, sum(committed)::bigint,
         sum(paid)::bigint
  FROM rollup_funding_summary GROUP BY stream, status, health, source, year HAVING sum(lines) <> 0
$$;

CREATE FUNCTION rollup_project_year_summary_now()
RETURNS TABLE (comune varchar(6), start_year int, end_year int, projects int, total_cost bigint,
               planned bigint, committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, start_year, end_year, sum(projects)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_year_summary GROUP BY comune, start_year, end_year HAVING sum(projects) <> 0
$$;
CREATE FUNCTION rollup_project_stream_year_summary_now()
RETURNS TABLE (stream uuid, start_year int, end_year int, projects int, total_cost bigint,
               planned bigint, committed bigint, paid bigint, overdue int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT stream, start_year, end_year, sum(projects)::int, sum(total_cost)::bigint, sum(planned)::bigint,
         sum(committed)::bigint, sum(paid)::bigint, sum(overdue)::int
  FROM rollup_project_stream_year_summary GROUP BY stream, start_year, end_year HAVING sum(projects) <> 0
$$;
CREATE FUNCTION rollup_funding_year_summary_now()
RETURNS TABLE (comune varchar(6), year int, lines int, planned bigint, committed bigint, paid bigint)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT comune, year, sum(lines)::int, sum(planned)::bigint, sum(committed)::bigint, sum(paid)::bigint
  FROM rollup_funding_year_summary GROUP BY comune, year HAVING sum(lines) <> 0
$$;

-- 3. Compaction: folds the committed deltas into the base rows (one key, one row) and drops the keys with
-- nothing left. Concurrent writers only insert deltas: the DELETE takes the deltas its snapshot sees
-- (committed), those committed later stay for the next run. Readers see the summaries before or after, both
-- sums equal. Each server process calls it every minute (lib/rollup/calendar.ts); the advisory lock lets
-- one run. Returns the number of delta rows folded, NULL when another call is running.
CREATE FUNCTION rollup_summary_compact() RETURNS int
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
  RETURN folded;
END
$$;
REVOKE ALL ON FUNCTION rollup_summary_compact() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_summary_compact() TO smartland_app;

-- 4. The full rebuild (operations, bulk loads) rebuilds the summaries from the rebuilt facts.
CREATE OR REPLACE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  started timestamptz := clock_timestamp();
  d date := rollup_today();
BEGIN
  LOCK TABLE rollup_project_facts, rollup_funding_facts, rollup_project_summary, rollup_funding_summary,
    rollup_funding_year_summary, rollup_project_year_summary, rollup_project_stream_year_summary
    IN EXCLUSIVE MODE;
  DELETE FROM rollup_project_facts;
  DELETE FROM rollup_funding_facts;
  INSERT INTO rollup_project_facts SELECT * FROM rollup_project_full(d);
  INSERT INTO rollup_funding_facts SELECT * FROM rollup_funding_full();
  DELETE FROM rollup_project_summary;
  DELETE FROM rollup_funding_summary;
  DELETE FROM rollup_funding_year_summary;
  DELETE FROM rollup_project_year_summary;
  DELETE FROM rollup_project_stream_year_summary;
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

-- Existing facts (the migration runs on live databases): the summaries start as their sums.
INSERT INTO rollup_project_summary (comune, stream, projects, total_cost, planned, committed, paid, overdue, delta)
SELECT comune, stream, count(*), sum(total_cost), sum(planned), sum(committed), sum(paid), sum(overdue), false
FROM rollup_project_facts GROUP BY comune, stream;
INSERT INTO rollup_funding_summary (stream, status, health, source, year, lines, planned, committed, paid, delta)
SELECT stream, status, health, source, year, count(*), sum(planned), sum(committed), sum(paid), false
FROM rollup_funding_facts GROUP BY stream, status, health, source, year;

INSERT INTO rollup_funding_year_summary (comune, year, lines, planned, committed, paid, delta)
SELECT comune, year, count(*), sum(planned), sum(committed), sum(paid), false
FROM rollup_funding_facts GROUP BY comune, year;

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

REVOKE ALL ON rollup_project_summary, rollup_funding_summary, rollup_funding_year_summary,
  rollup_project_year_summary, rollup_project_stream_year_summary FROM smartland_app;
REVOKE ALL ON FUNCTION rollup_project_summary_full(date), rollup_funding_summary_full(),
  rollup_funding_year_summary_full(), rollup_project_summary_now(), rollup_funding_summary_now(),
  rollup_funding_year_summary_now(), rollup_project_year_summary_full(date),
  rollup_project_stream_year_summary_full(date), rollup_project_year_summary_now(),
  rollup_project_stream_year_summary_now() FROM PUBLIC;

-- 5. The readers' views: like rollup_projects / rollup_funding (migration second_wall), only for
-- COORDINATOR/ADMIN.
CREATE VIEW rollup_project_sums WITH (security_barrier) AS
  SELECT comune, stream, projects, total_cost, planned, committed, paid, overdue
  FROM rollup_project_summary WHERE app_reads_all();
CREATE VIEW rollup_funding_sums WITH (security_barrier) AS
  SELECT stream, status, health, source, year, lines, planned, committed, paid
  FROM rollup_funding_summary WHERE app_reads_all();
CREATE VIEW rollup_funding_year_sums WITH (security_barrier) AS
  SELECT comune, year, lines, planned, committed, paid
  FROM rollup_funding_year_summary WHERE app_reads_all();
CREATE VIEW rollup_project_year_sums WITH (security_barrier) AS
  SELECT comune, start_year, end_year, projects, total_cost, planned, committed, paid, overdue
  FROM rollup_project_year_summary WHERE app_reads_all();
CREATE VIEW rollup_project_stream_year_sums WITH (security_barrier) AS
  SELECT stream, start_year, end_year, projects, total_cost, planned, committed, paid, overdue
  FROM rollup_project_stream_year_summary WHERE app_reads_all();
REVOKE ALL ON rollup_project_sums, rollup_funding_sums, rollup_funding_year_sums, rollup_project_year_sums,
  rollup_project_stream_year_sums FROM smartland_app;
GRANT SELECT ON rollup_project_sums, rollup_funding_sums, rollup_funding_year_sums, rollup_project_year_sums,
  rollup_project_stream_year_sums TO smartland_app;
