-- Monitoring rounds (issue #18, item 3): the coordinator opens a round, each comune in scope brings its
-- projects up to date and submits; the submission freezes a snapshot per project; the coordinator
-- validates or returns it with notes per project. lib/rounds/, ARCHITECTURE.md "Monitoring rounds".
CREATE TYPE "RoundState" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');
CREATE TYPE "SubmissionStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'VALIDATED');
CREATE TYPE "RoundEventKind" AS ENUM ('STARTED', 'SUBMITTED', 'RETURNED', 'VALIDATED');

-- A round is regional (like a Smart Land): written by coordinators, read by every signed-in role.
-- smartLandId NULL: the scope is every member comune of every Smart Land.
CREATE TABLE "MonitoringRound" (
  "id"                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "title"             text NOT NULL,
  "smartLandId"       uuid REFERENCES "SmartLand"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "periodStart"       date NOT NULL,
  "periodEnd"         date NOT NULL,
  "dueDate"           date NOT NULL,
  "requireStatus"     boolean NOT NULL DEFAULT true,
  "requireProgress"   boolean NOT NULL DEFAULT true,
  "requireDates"      boolean NOT NULL DEFAULT true,
  "requireFunding"    boolean NOT NULL DEFAULT true,
  "requireActions"    boolean NOT NULL DEFAULT true,
  "requireIndicators" boolean NOT NULL DEFAULT true,
  "state"             "RoundState" NOT NULL DEFAULT 'DRAFT',
  "version"           integer NOT NULL DEFAULT 1,
  "createdById"       uuid,
  "createdAt"         timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "openedAt"          timestamptz(6),
  "closedAt"          timestamptz(6),
  "updatedAt"         timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "MonitoringRound_period_check" CHECK ("periodStart" <= "periodEnd")
);
CREATE INDEX "MonitoringRound_state_dueDate_idx" ON "MonitoringRound"("state", "dueDate");

-- One per comune in scope, created when the round opens. `revision` counts the submissions (the snapshot
-- rows of the current one carry it); `version` is the optimistic lock of every decision.
CREATE TABLE "RoundSubmission" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "roundId"     uuid NOT NULL REFERENCES "MonitoringRound"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "comuneIstat" varchar(6) NOT NULL REFERENCES "Comune"("istat") ON DELETE RESTRICT ON UPDATE CASCADE,
  "status"      "SubmissionStatus" NOT NULL DEFAULT 'NOT_STARTED',
  "revision"    integer NOT NULL DEFAULT 0,
  "note"        text NOT NULL DEFAULT '',
  "startedAt"   timestamptz(6),
  "submittedAt" timestamptz(6),
  "returnedAt"  timestamptz(6),
  "validatedAt" timestamptz(6),
  "version"     integer NOT NULL DEFAULT 1,
  "updatedAt"   timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "RoundSubmission_roundId_comuneIstat_key" ON "RoundSubmission"("roundId", "comuneIstat");
CREATE UNIQUE INDEX "RoundSubmission_id_comuneIstat_key" ON "RoundSubmission"("id", "comuneIstat");
CREATE INDEX "RoundSubmission_roundId_status_idx" ON "RoundSubmission"("roundId", "status");
CREATE INDEX "RoundSubmission_comuneIstat_status_idx" ON "RoundSubmission"("comuneIstat", "status");

-- The frozen figures of one project in one submission (revision): the key numbers as columns (the board,
-- the roll-up comparison, the export read them without JSON), the rest in `payload` (funding lines by
-- source/year, actions, indicators). Append-only: a resubmission adds the next revision's rows.
CREATE TABLE "RoundSnapshot" (
  "submissionId"   uuid NOT NULL,
  "revision"       integer NOT NULL,
  "projectId"      uuid NOT NULL,
  "roundId"        uuid NOT NULL,
  "comuneIstat"    varchar(6) NOT NULL,
  "smartLandId"    uuid,
  "streamId"       uuid NOT NULL,
  "streamCode"     varchar(16) NOT NULL,
  "cup"            varchar(15),
  "localCode"      varchar(40),
  "title"          text NOT NULL,
  "status"         "ProjectStatus" NOT NULL,
  "health"         "Health" NOT NULL,
  "progress"       integer NOT NULL,
  "plannedStart"   date,
  "plannedEnd"     date,
  "actualStart"    date,
  "actualEnd"      date,
  "totalCostCents" bigint NOT NULL,
  "plannedCents"   bigint NOT NULL,
  "committedCents" bigint NOT NULL,
  "paidCents"      bigint NOT NULL,
  "payload"        jsonb NOT NULL,
  "createdAt"      timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("submissionId", "revision", "projectId"),
  CONSTRAINT "RoundSnapshot_submission_fkey" FOREIGN KEY ("submissionId", "comuneIstat")
    REFERENCES "RoundSubmission"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "RoundSnapshot_roundId_comuneIstat_idx" ON "RoundSnapshot"("roundId", "comuneIstat");
CREATE INDEX "RoundSnapshot_projectId_idx" ON "RoundSnapshot"("projectId");

-- The coordinator's note on one project when returning a submission (revision: the one returned).
CREATE TABLE "RoundProjectNote" (
  "id"           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "submissionId" uuid NOT NULL,
  "comuneIstat"  varchar(6) NOT NULL,
  "revision"     integer NOT NULL,
  "projectId"    uuid NOT NULL,
  "note"         text NOT NULL,
  "actorId"      uuid,
  "actorName"    text NOT NULL DEFAULT '',
  "createdAt"    timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RoundProjectNote_submission_fkey" FOREIGN KEY ("submissionId", "comuneIstat")
    REFERENCES "RoundSubmission"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RoundProjectNote_submissionId_revision_projectId_key"
  ON "RoundProjectNote"("submissionId", "revision", "projectId");

-- The submission's history, append-only (like LocalPlanEvent): started, each submission (with its totals
-- and warnings in `summary`), each decision with the coordinator's comment.
CREATE TABLE "RoundEvent" (
  "id"           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "submissionId" uuid NOT NULL,
  "comuneIstat"  varchar(6) NOT NULL,
  "revision"     integer NOT NULL,
  "kind"         "RoundEventKind" NOT NULL,
  "comment"      text NOT NULL DEFAULT '',
  "summary"      jsonb,
  "actorId"      uuid,
  "actorName"    text NOT NULL DEFAULT '',
  "createdAt"    timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RoundEvent_submission_fkey" FOREIGN KEY ("submissionId", "comuneIstat")
    REFERENCES "RoundSubmission"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "RoundEvent_submissionId_createdAt_idx" ON "RoundEvent"("submissionId", "createdAt");

-- ---------------------------------------------------------------------------------------------------
-- The walls. Rounds: read by officers, coordinators, administrators; written by coordinators only.
ALTER TABLE "MonitoringRound" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MonitoringRound" FORCE ROW LEVEL SECURITY;
CREATE POLICY round_select ON "MonitoringRound" FOR SELECT
  USING (app_role() IN ('OFFICER', 'COORDINATOR', 'ADMIN'));
CREATE POLICY round_insert ON "MonitoringRound" FOR INSERT WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY round_update ON "MonitoringRound" FOR UPDATE
  USING (app_role() = 'COORDINATOR') WITH CHECK (app_role() = 'COORDINATOR');
GRANT SELECT, INSERT, UPDATE ON "MonitoringRound" TO smartland_app;
REVOKE DELETE, TRUNCATE ON "MonitoringRound" FROM smartland_app;

-- Submissions: the comune's officers read theirs and move them to in progress / submitted; coordinators
-- create them (opening a round) and decide (returned / validated); administrators only read.
ALTER TABLE "RoundSubmission" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RoundSubmission" FORCE ROW LEVEL SECURITY;
CREATE POLICY round_submission_select ON "RoundSubmission" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY round_submission_insert ON "RoundSubmission" FOR INSERT
  WITH CHECK (app_role() = 'COORDINATOR' AND "status" = 'NOT_STARTED');
CREATE POLICY round_submission_update ON "RoundSubmission" FOR UPDATE
  USING (app_writes_comune("comuneIstat") OR app_role() = 'COORDINATOR')
  WITH CHECK ((app_writes_comune("comuneIstat") AND "status" IN ('IN_PROGRESS', 'SUBMITTED'))
              OR (app_role() = 'COORDINATOR' AND "status" IN ('RETURNED', 'VALIDATED')));
GRANT SELECT, INSERT, UPDATE ON "RoundSubmission" TO smartland_app;
REVOKE DELETE, TRUNCATE ON "RoundSubmission" FROM smartland_app;

-- Snapshots: written by the comune's officers when submitting, never changed.
ALTER TABLE "RoundSnapshot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RoundSnapshot" FORCE ROW LEVEL SECURITY;
CREATE POLICY round_snapshot_select ON "RoundSnapshot" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY round_snapshot_insert ON "RoundSnapshot" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT ON "RoundSnapshot" TO smartland_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "RoundSnapshot" FROM smartland_app;

-- Notes per project: written by coordinators when returning, never changed.
ALTER TABLE "RoundProjectNote" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RoundProjectNote" FORCE ROW LEVEL SECURITY;
CREATE POLICY round_note_select ON "RoundProjectNote" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY round_note_insert ON "RoundProjectNote" FOR INSERT
  WITH CHECK (app_role() = 'COORDINATOR' AND "actorId" = app_user());
GRANT SELECT, INSERT ON "RoundProjectNote" TO smartland_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "RoundProjectNote" FROM smartland_app;

-- History: officers append their start and submissions, coordinators their decisions.
ALTER TABLE "RoundEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RoundEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY round_event_select ON "RoundEvent" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY round_event_insert ON "RoundEvent" FOR INSERT
  WITH CHECK ("actorId" = app_user() AND (
    (app_writes_comune("comuneIstat") AND "kind" IN ('STARTED', 'SUBMITTED'))
    OR (app_role() = 'COORDINATOR' AND "kind" IN ('RETURNED', 'VALIDATED'))));
GRANT SELECT, INSERT ON "RoundEvent" TO smartland_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "RoundEvent" FROM smartland_app;

-- "In corso" on the first edit: any write by an officer to a project of the comune (or its funding lines,
-- actions, indicators) moves the comune's not-started submissions of open rounds to IN_PROGRESS, with a
-- STARTED event. Runs with the writer's rights (RLS applies: only an officer of that comune can). The
-- lock `version` is not bumped: starting is not a decision, and must not make an open page stale.
CREATE FUNCTION round_mark_started() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF app_role() <> 'OFFICER' OR app_user() IS NULL OR app_comune() IS DISTINCT FROM NEW."comuneIstat" THEN
    RETURN NULL;
  END IF;
  WITH started AS (
    UPDATE "RoundSubmission" s SET "status" = 'IN_PROGRESS', "startedAt" = CURRENT_TIMESTAMP,
      "updatedAt" = CURRENT_TIMESTAMP
    WHERE s."comuneIstat" = NEW."comuneIstat" AND s."status" = 'NOT_STARTED'
      AND EXISTS (SELECT 1 FROM "MonitoringRound" r WHERE r.id = s."roundId" AND r."state" = 'OPEN')
    RETURNING s.id, s."comuneIstat", s."revision"
  )
  INSERT INTO "RoundEvent" ("submissionId", "comuneIstat", "revision", "kind", "actorId", "actorName")
  SELECT started.id, started."comuneIstat", started."revision", 'STARTED', app_user(),
         COALESCE((SELECT u."name" FROM "User" u WHERE u.id = app_user()), '')
  FROM started;
  RETURN NULL;
END $$;
CREATE TRIGGER "Project_round_started" AFTER INSERT OR UPDATE ON "Project"
  FOR EACH ROW EXECUTE FUNCTION round_mark_started();
CREATE TRIGGER "FundingLine_round_started" AFTER INSERT OR UPDATE ON "FundingLine"
  FOR EACH ROW EXECUTE FUNCTION round_mark_started();
CREATE TRIGGER "Action_round_started" AFTER INSERT OR UPDATE ON "Action"
  FOR EACH ROW EXECUTE FUNCTION round_mark_started();
CREATE TRIGGER "Indicator_round_started" AFTER INSERT OR UPDATE ON "Indicator"
  FOR EACH ROW EXECUTE FUNCTION round_mark_started();
