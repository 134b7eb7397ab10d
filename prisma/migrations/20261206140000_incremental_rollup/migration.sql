-- Incremental roll-up (issue 17, items 1 and 2). The two fact tables were materialized views refreshed in
-- full (refresh_rollup(): 14–63 s at Lombardy scale, 149 s at Italy scale) 30 s after every write. They are
-- now plain tables with the same names and columns, kept exact IN THE WRITING TRANSACTION by
-- statement-level AFTER triggers with transition tables on every table the facts read ("Project",
-- "FundingLine", "Action", "Stream", "Comune"): a write recomputes the facts of the projects it touches,
-- so its cost grows with the write, not with the region, and a committed write is in the figures at once.
-- What changes with the calendar (an action becomes overdue when Rome's day passes its due date) is
-- recomputed by rollup_calendar_tick(), for the projects whose actions fall due that day only.
-- The facts hold no personal data; the app role reads them only through the views rollup_projects /
-- rollup_funding (owner's rights, condition on the actor: migration second_wall), never writes them.

-- 1. The tables (the views over the materialized views go first, and come back below, unchanged).
DROP VIEW rollup_projects;
DROP VIEW rollup_funding;
DROP FUNCTION refresh_rollup();
DROP MATERIALIZED VIEW rollup_project_facts;
DROP MATERIALIZED VIEW rollup_funding_facts;

CREATE TABLE rollup_project_facts (
  id         uuid PRIMARY KEY,
  comune     varchar(6),
  province   varchar(3),
  stream     uuid,
  theme      text,
  status     text,
  health     text,
  start_year int,
  end_year   int,
  total_cost decimal(14, 2),
  planned    numeric,
  committed  numeric,
  paid       numeric,
  sources    text[],
  overdue    int
);
CREATE INDEX rollup_project_facts_comune ON rollup_project_facts (comune);

CREATE TABLE rollup_funding_facts (
  id        uuid PRIMARY KEY,
  comune    varchar(6),
  province  varchar(3),
  stream    uuid,
  theme     text,
  status    text,
  health    text,
  source    text,
  year      int,
  planned   decimal(14, 2),
  committed decimal(14, 2),
  paid      decimal(14, 2)
);
CREATE INDEX rollup_funding_facts_comune ON rollup_funding_facts (comune);

-- The last Rome day the calendar job ran for (see rollup_calendar_tick). "refreshedAt" / "durationMs" now
-- record the last full rebuild (ops only).
ALTER TABLE "RollupState" ADD COLUMN "tickDay" date;

-- 2. The facts, computed from the base tables. `today` is Rome's date: an action is overdue when not done
-- and due before it. These functions only read (no SECURITY DEFINER: the owner's triggers and functions
-- below call them; the property test compares the tables with rollup_*_full()).

-- Facts of the given live projects: the old view's SELECT, per project through the projectId indexes,
-- the comune's province and the stream's theme looked up by primary key (both exist: foreign keys; a
-- join let the planner merge-join the whole "Comune" index for three rows).
CREATE FUNCTION rollup_project_rows(ids uuid[], today date) RETURNS SETOF rollup_project_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT p.id, p."comuneIstat",
         (SELECT c."provinceIstat" FROM "Comune" c WHERE c.istat = p."comuneIstat"),
         p."streamId", (SELECT s.theme::text FROM "Stream" s WHERE s.id = p."streamId"), p.status::text,
         p.health::text, EXTRACT(YEAR FROM p."plannedStart")::int, EXTRACT(YEAR FROM p."plannedEnd")::int,
         p."totalCost", COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0),
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

-- Facts of the given funding lines (of live projects).
CREATE FUNCTION rollup_funding_rows(ids uuid[]) RETURNS SETOF rollup_funding_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT fl.id, fl."comuneIstat", (SELECT c."provinceIstat" FROM "Comune" c WHERE c.istat = fl."comuneIstat"),
         p."streamId", (SELECT s.theme::text FROM "Stream" s WHERE s.id = p."streamId"), p.status::text,
         p.health::text, fl.source::text, fl.year, fl."amountPlanned", fl."amountCommitted", fl."amountPaid"
  FROM "FundingLine" fl
  JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
  WHERE fl.id = ANY(ids)
$$;

-- The full recomputation, exactly the old materialized views' definitions (one scan, GROUP BY): what
-- rollup_rebuild() writes and what the property test compares the maintained tables with. Writes nothing.
CREATE FUNCTION rollup_project_full(today date) RETURNS SETOF rollup_project_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT p.id, p."comuneIstat", c."provinceIstat", p."streamId", s.theme::text, p.status::text,
         p.health::text, EXTRACT(YEAR FROM p."plannedStart")::int, EXTRACT(YEAR FROM p."plannedEnd")::int,
         p."totalCost", COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0),
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

CREATE FUNCTION rollup_funding_full() RETURNS SETOF rollup_funding_facts
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT fl.id, fl."comuneIstat", c."provinceIstat", p."streamId", s.theme::text, p.status::text,
         p.health::text, fl.source::text, fl.year, fl."amountPlanned", fl."amountCommitted", fl."amountPaid"
  FROM "FundingLine" fl
  JOIN "Project" p ON p.id = fl."projectId" AND p."deletedAt" IS NULL
  JOIN "Comune" c ON c.istat = fl."comuneIstat"
  JOIN "Stream" s ON s.id = p."streamId"
$$;

-- Rome's date now (the session's TimeZone does not matter).
CREATE FUNCTION rollup_today() RETURNS date LANGUAGE sql VOLATILE AS $$
  SELECT (clock_timestamp() AT TIME ZONE 'Europe/Rome')::date
$$;

-- 3. Recomputes the facts of the given projects and funding lines in the current transaction.
--
-- Concurrency (READ COMMITTED, the app's isolation level). Two transactions writing the same project
-- (say both add a funding line to P) each compute P's facts in their trigger; computed from their own
-- snapshots, each would miss the other's uncommitted line and the last to commit would leave wrong totals.
-- So the facts of a project are recomputed only while holding a row lock on that "Project" row, taken in id
-- order (no deadlock between two multi-project statements): FOR NO KEY UPDATE, which conflicts with itself
-- and with an UPDATE of the project but not with the FOR KEY SHARE lock that inserting a child row takes
-- on its parent (FOR UPDATE would: two inserters holding KEY SHARE would deadlock upgrading it). The second
-- transaction waits at the lock until the first commits or rolls back; the statements that follow the
-- lock in this function take new snapshots (PL/pgSQL, READ COMMITTED, VOLATILE function), which see the
-- first one's committed rows, so the second one's DELETE + INSERT of P's facts covers both writes. A
-- rolled-back transaction's facts roll back with it. The funding lines of the projects are listed AFTER
-- the lock for the same reason. Under REPEATABLE READ / SERIALIZABLE a snapshot taken before the lock
-- could not see the other commit: nothing in the app uses them, and this function refuses them.
CREATE FUNCTION rollup_apply(project_ids uuid[], funding_ids uuid[], today date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
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
  DELETE FROM rollup_project_facts WHERE id = ANY(project_ids);
  INSERT INTO rollup_project_facts SELECT * FROM rollup_project_rows(project_ids, today);
  DELETE FROM rollup_funding_facts WHERE id = ANY(funding_ids);
  INSERT INTO rollup_funding_facts SELECT * FROM rollup_funding_rows(funding_ids);
END
$$;
REVOKE ALL ON FUNCTION rollup_apply(uuid[], uuid[], date) FROM PUBLIC;

-- The public figures (lib/public) are cached per RollupState."refreshedAt"; they read the published copies
-- ("PublicProject"), which change at a publication, a deletion or a taxonomy change, all human-paced and
-- rare: those (and only those) move "refreshedAt", so the single row is no hot spot for the writers of
-- funding lines, actions and project edits. Visible at commit only (a table row, not a sequence). Always
-- after the projects' locks (rollup_apply), as in rollup_calendar_tick: one lock order, no deadlock.
CREATE FUNCTION rollup_touch_public() RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = public AS $$
  UPDATE "RollupState" SET "refreshedAt" = clock_timestamp() WHERE id = 1
$$;
REVOKE ALL ON FUNCTION rollup_touch_public() FROM PUBLIC;

-- 4. The triggers: one function per table, three statement triggers (INSERT, UPDATE, DELETE) each with the
-- transition tables its event has. Updates recompute only the rows whose roll-up columns changed.
CREATE FUNCTION rollup_project_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  ids uuid[];
  touch boolean := TG_OP = 'DELETE';
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT id FROM old_rows);
  ELSE
    ids := ARRAY(
      SELECT COALESCE(n.id, o.id) FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
      WHERE (n."comuneIstat", n."streamId", n.status, n.health, n."plannedStart", n."plannedEnd",
             n."totalCost", n."deletedAt") IS DISTINCT FROM
            (o."comuneIstat", o."streamId", o.status, o.health, o."plannedStart", o."plannedEnd",
             o."totalCost", o."deletedAt"));
    touch := EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                     WHERE n."deletedAt" IS DISTINCT FROM o."deletedAt" OR n."comuneIstat" <> o."comuneIstat");
  END IF;
  PERFORM rollup_apply(ids, '{}', rollup_today());
  IF touch THEN
    PERFORM rollup_touch_public();
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION rollup_funding_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  pids uuid[];
  fids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    pids := ARRAY(SELECT DISTINCT "projectId" FROM new_rows);
    fids := ARRAY(SELECT id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    pids := ARRAY(SELECT DISTINCT "projectId" FROM old_rows);
    fids := ARRAY(SELECT id FROM old_rows);
  ELSE
    fids := ARRAY(
      SELECT COALESCE(n.id, o.id) FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
      WHERE (n."projectId", n."comuneIstat", n.source, n.year, n."amountPlanned", n."amountCommitted",
             n."amountPaid") IS DISTINCT FROM
            (o."projectId", o."comuneIstat", o.source, o.year, o."amountPlanned", o."amountCommitted",
             o."amountPaid"));
    pids := ARRAY(
      SELECT DISTINCT x FROM new_rows n FULL JOIN old_rows o ON o.id = n.id,
                             LATERAL (VALUES (n."projectId"), (o."projectId")) v(x)
      WHERE x IS NOT NULL AND COALESCE(n.id, o.id) = ANY(fids));
  END IF;
  PERFORM rollup_apply(pids, fids, rollup_today());
  RETURN NULL;
END
$$;

-- An action counts only while open and due before today: writes of other actions change no figure (the
-- calendar job picks them up on the day they fall due).
CREATE FUNCTION rollup_action_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  today date := rollup_today();
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY(SELECT DISTINCT "projectId" FROM new_rows
                 WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < today);
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY(SELECT DISTINCT "projectId" FROM old_rows
                 WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < today);
  ELSE
    ids := ARRAY(
      SELECT x FROM (
        SELECT n."projectId" AS np, o."projectId" AS op,
               (n.status <> 'DONE' AND n."doneDate" IS NULL AND n."dueDate" < today) IS TRUE AS n_late,
               (o.status <> 'DONE' AND o."doneDate" IS NULL AND o."dueDate" < today) IS TRUE AS o_late
        FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
      ) c, LATERAL (VALUES (CASE WHEN c.n_late THEN c.np END), (CASE WHEN c.o_late THEN c.op END)) v(x)
      WHERE x IS NOT NULL AND (c.n_late IS DISTINCT FROM c.o_late OR c.np IS DISTINCT FROM c.op)
      GROUP BY x);
  END IF;
  PERFORM rollup_apply(ids, '{}', today);
  RETURN NULL;
END
$$;

CREATE FUNCTION rollup_stream_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  ids uuid[];
BEGIN
  ids := ARRAY(SELECT p.id FROM "Project" p WHERE p."streamId" IN (
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.theme <> o.theme));
  PERFORM rollup_apply(ids, '{}', rollup_today());
  IF cardinality(ids) > 0 THEN
    PERFORM rollup_touch_public();
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION rollup_comune_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  moved varchar(6)[];
BEGIN
  moved := ARRAY(SELECT n.istat FROM new_rows n JOIN old_rows o ON o.istat = n.istat
                 WHERE n."provinceIstat" <> o."provinceIstat");
  IF cardinality(moved) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM rollup_apply(
    ARRAY(SELECT id FROM "Project" WHERE "comuneIstat" = ANY(moved)),
    ARRAY(SELECT id FROM "FundingLine" WHERE "comuneIstat" = ANY(moved)),
    rollup_today());
  PERFORM rollup_touch_public();
  RETURN NULL;
END
$$;

CREATE FUNCTION rollup_public_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  PERFORM rollup_touch_public();
  RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION rollup_project_changed(), rollup_funding_changed(), rollup_action_changed(),
  rollup_stream_changed(), rollup_comune_changed(), rollup_public_changed() FROM PUBLIC;

CREATE TRIGGER rollup_ins AFTER INSERT ON "Project" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_project_changed();
CREATE TRIGGER rollup_upd AFTER UPDATE ON "Project" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_project_changed();
CREATE TRIGGER rollup_del AFTER DELETE ON "Project" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_project_changed();

CREATE TRIGGER rollup_ins AFTER INSERT ON "FundingLine" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_funding_changed();
CREATE TRIGGER rollup_upd AFTER UPDATE ON "FundingLine" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_funding_changed();
CREATE TRIGGER rollup_del AFTER DELETE ON "FundingLine" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_funding_changed();

CREATE TRIGGER rollup_ins AFTER INSERT ON "Action" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_action_changed();
CREATE TRIGGER rollup_upd AFTER UPDATE ON "Action" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_action_changed();
CREATE TRIGGER rollup_del AFTER DELETE ON "Action" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_action_changed();

-- A stream or a comune with projects cannot be deleted (foreign keys, ON DELETE RESTRICT); a new one has
-- none; a changed id cascades to the projects (their triggers). Only the theme / the province matter.
CREATE TRIGGER rollup_upd AFTER UPDATE ON "Stream" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_stream_changed();
CREATE TRIGGER rollup_upd AFTER UPDATE ON "Comune" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_comune_changed();

CREATE TRIGGER rollup_public AFTER INSERT OR UPDATE OR DELETE ON "PublicProject"
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_public_changed();

-- 5. The calendar: at Rome's midnight the actions due the day before become overdue. Recomputes only the
-- projects with open actions due in [last day run - 1, today): the extra day covers a write whose trigger
-- computed its facts just before midnight and committed after the job's run. `today` is a parameter for
-- the tests (default: Rome's date). Each app instance calls it every minute (lib/rollup/calendar.ts) and at
-- the first roll-up view of a day; the advisory lock lets one run, the others skip. Returns the number of
-- projects recomputed, 0 when the day was already done, NULL when another call is running.
CREATE FUNCTION rollup_calendar_tick(today date DEFAULT NULL) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  d date := COALESCE(today, rollup_today());
  last date;
  ids uuid[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(1356) THEN
    RETURN NULL;
  END IF;
  SELECT "tickDay" INTO last FROM "RollupState" WHERE id = 1;
  IF last IS NOT NULL AND last >= d THEN
    RETURN 0;
  END IF;
  ids := ARRAY(SELECT DISTINCT "projectId" FROM "Action"
               WHERE status <> 'DONE' AND "doneDate" IS NULL AND "dueDate" < d
                 AND (last IS NULL OR "dueDate" >= last - 1));
  PERFORM rollup_apply(ids, '{}', d);
  UPDATE "RollupState" SET "tickDay" = d WHERE id = 1;
  RETURN cardinality(ids);
END
$$;
REVOKE ALL ON FUNCTION rollup_calendar_tick(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_calendar_tick(date) TO smartland_app;

-- 6. The full recomputation, for operations and after bulk loads (the bench generator): EXCLUSIVE locks on
-- the fact tables let readers read (the old figures) but make every writer's trigger wait, so the rebuild
-- sees all that committed before it and whatever commits after recomputes its own projects on top.
CREATE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  started timestamptz := clock_timestamp();
  d date := rollup_today();
BEGIN
  LOCK TABLE rollup_project_facts, rollup_funding_facts IN EXCLUSIVE MODE;
  DELETE FROM rollup_project_facts;
  DELETE FROM rollup_funding_facts;
  INSERT INTO rollup_project_facts SELECT * FROM rollup_project_full(d);
  INSERT INTO rollup_funding_facts SELECT * FROM rollup_funding_full();
  UPDATE "RollupState" SET "refreshedAt" = started, "tickDay" = d,
    "durationMs" = (EXTRACT(EPOCH FROM clock_timestamp() - started) * 1000)::int WHERE id = 1;
END
$$;
REVOKE ALL ON FUNCTION rollup_rebuild() FROM PUBLIC;

REVOKE ALL ON FUNCTION rollup_project_rows(uuid[], date), rollup_funding_rows(uuid[]),
  rollup_project_full(date), rollup_funding_full() FROM PUBLIC;

SELECT rollup_rebuild();

-- 7. The readers' views, as in migration second_wall.
REVOKE ALL ON rollup_project_facts, rollup_funding_facts FROM smartland_app;
CREATE VIEW rollup_projects WITH (security_barrier) AS
  SELECT * FROM rollup_project_facts WHERE app_reads_all();
CREATE VIEW rollup_funding WITH (security_barrier) AS
  SELECT * FROM rollup_funding_facts WHERE app_reads_all();
REVOKE ALL ON rollup_projects, rollup_funding FROM smartland_app;
GRANT SELECT ON rollup_projects, rollup_funding TO smartland_app;
