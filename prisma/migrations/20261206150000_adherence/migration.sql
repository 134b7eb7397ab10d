-- Adherence of a member comune to a Smart Land, and its local plans per stream (issue #18, item 1).
CREATE TYPE "AdherenceActKind" AS ENUM ('PROTOCOL', 'GIUNTA', 'CONSIGLIO');
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');
CREATE TYPE "PlanEventKind" AS ENUM ('SUBMITTED', 'APPROVED', 'RETURNED');

CREATE TABLE "Adherence" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "smartLandId" uuid NOT NULL,
  "comuneIstat" varchar(6) NOT NULL,
  "actKind"     "AdherenceActKind" NOT NULL,
  "actNumber"   varchar(40) NOT NULL,
  "actDate"     date NOT NULL,
  "note"        text NOT NULL DEFAULT '',
  "version"     integer NOT NULL DEFAULT 1,
  "createdAt"   timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"   timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Adherence_member_fkey" FOREIGN KEY ("smartLandId", "comuneIstat")
    REFERENCES "SmartLandMember"("smartLandId", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Adherence_smartLandId_comuneIstat_key" ON "Adherence"("smartLandId", "comuneIstat");
CREATE UNIQUE INDEX "Adherence_id_comuneIstat_key" ON "Adherence"("id", "comuneIstat");
CREATE INDEX "Adherence_comuneIstat_idx" ON "Adherence"("comuneIstat");

CREATE TABLE "LocalPlan" (
  "id"           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "adherenceId"  uuid NOT NULL,
  "smartLandId"  uuid NOT NULL,
  "comuneIstat"  varchar(6) NOT NULL REFERENCES "Comune"("istat") ON DELETE RESTRICT ON UPDATE CASCADE,
  "streamId"     uuid NOT NULL REFERENCES "Stream"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "status"       "PlanStatus" NOT NULL DEFAULT 'DRAFT',
  "revision"     integer NOT NULL DEFAULT 1,
  "objectives"   text NOT NULL DEFAULT '',
  "envelope"     jsonb NOT NULL DEFAULT '[]',
  "indicators"   jsonb NOT NULL DEFAULT '[]',
  "contactName"  text NOT NULL DEFAULT '',
  "contactRole"  text NOT NULL DEFAULT '',
  "contactEmail" text NOT NULL DEFAULT '',
  "version"      integer NOT NULL DEFAULT 1,
  "createdAt"    timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"    timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "LocalPlan_adherence_fkey" FOREIGN KEY ("adherenceId", "comuneIstat")
    REFERENCES "Adherence"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "LocalPlan_smartLandId_comuneIstat_streamId_key" ON "LocalPlan"("smartLandId", "comuneIstat", "streamId");
CREATE UNIQUE INDEX "LocalPlan_id_comuneIstat_key" ON "LocalPlan"("id", "comuneIstat");
CREATE INDEX "LocalPlan_comuneIstat_idx" ON "LocalPlan"("comuneIstat");
CREATE INDEX "LocalPlan_smartLandId_status_idx" ON "LocalPlan"("smartLandId", "status");

CREATE TABLE "LocalPlanEvent" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "planId"      uuid NOT NULL,
  "comuneIstat" varchar(6) NOT NULL,
  "revision"    integer NOT NULL,
  "kind"        "PlanEventKind" NOT NULL,
  "comment"     text NOT NULL DEFAULT '',
  "snapshot"    jsonb,
  "actorId"     uuid,
  "actorName"   text NOT NULL DEFAULT '',
  "createdAt"   timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "LocalPlanEvent_plan_fkey" FOREIGN KEY ("planId", "comuneIstat")
    REFERENCES "LocalPlan"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "LocalPlanEvent_planId_createdAt_idx" ON "LocalPlanEvent"("planId", "createdAt");

-- Tenant tables. The comune's officers read and write their adherence and plans; coordinators and
-- administrators read everything and write none of it; the anonymous reader sees nothing (the plan's
-- contact is personal data).
ALTER TABLE "Adherence" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Adherence" FORCE ROW LEVEL SECURITY;
CREATE POLICY adherence_select ON "Adherence" FOR SELECT USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY adherence_insert ON "Adherence" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY adherence_update ON "Adherence" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT, UPDATE ON "Adherence" TO smartland_app;

-- An officer may put a plan only in draft or submitted: approving and returning are the coordinator's,
-- through local_plan_decide() below.
ALTER TABLE "LocalPlan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LocalPlan" FORCE ROW LEVEL SECURITY;
CREATE POLICY local_plan_select ON "LocalPlan" FOR SELECT USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY local_plan_insert ON "LocalPlan" FOR INSERT
  WITH CHECK (app_writes_comune("comuneIstat") AND "status" IN ('DRAFT', 'SUBMITTED'));
CREATE POLICY local_plan_update ON "LocalPlan" FOR UPDATE
  USING (app_writes_comune("comuneIstat"))
  WITH CHECK (app_writes_comune("comuneIstat") AND "status" IN ('DRAFT', 'SUBMITTED'));
GRANT SELECT, INSERT, UPDATE ON "LocalPlan" TO smartland_app;

-- Append-only history: officers insert their submissions; decisions are inserted by local_plan_decide().
ALTER TABLE "LocalPlanEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LocalPlanEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY local_plan_event_select ON "LocalPlanEvent" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY local_plan_event_insert ON "LocalPlanEvent" FOR INSERT
  WITH CHECK (app_writes_comune("comuneIstat") AND "kind" = 'SUBMITTED' AND "actorId" = app_user());
GRANT SELECT, INSERT ON "LocalPlanEvent" TO smartland_app;
-- The schema's default privileges grant every command on a new table: take back what the app never does
-- (no plan or act is deleted: a comune that leaves its Smart Land loses them by the membership's cascade).
REVOKE UPDATE, DELETE, TRUNCATE ON "LocalPlanEvent" FROM smartland_app;
REVOKE DELETE, TRUNCATE ON "LocalPlan", "Adherence" FROM smartland_app;

-- The coordinator's decision on a submitted plan: the one write a coordinator makes to a comune's plan,
-- and only to its status (never its content). Definer rights; it checks the transaction's actor itself.
-- Returns the plan's comune, or NULL when the plan is not submitted or not at `expected` (stale).
CREATE FUNCTION local_plan_decide(plan uuid, expected integer, decision "PlanEventKind", note text)
RETURNS varchar LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  c varchar;
  r integer;
BEGIN
  IF app_role() <> 'COORDINATOR' OR app_user() IS NULL THEN
    RAISE EXCEPTION 'only a coordinator decides on a plan' USING ERRCODE = '42501';
  END IF;
  IF decision NOT IN ('APPROVED', 'RETURNED') THEN
    RAISE EXCEPTION 'not a decision' USING ERRCODE = '22023';
  END IF;
  IF decision = 'RETURNED' AND btrim(COALESCE(note, '')) = '' THEN
    RAISE EXCEPTION 'a returned plan needs a comment' USING ERRCODE = '22023';
  END IF;
  UPDATE "LocalPlan" SET "status" = decision::text::"PlanStatus", "version" = "version" + 1,
    "updatedAt" = CURRENT_TIMESTAMP
  WHERE id = plan AND "version" = expected AND "status" = 'SUBMITTED'
  RETURNING "comuneIstat", "revision" INTO c, r;
  IF c IS NULL THEN RETURN NULL; END IF;
  INSERT INTO "LocalPlanEvent" ("planId", "comuneIstat", "revision", "kind", "comment", "actorId", "actorName")
  VALUES (plan, c, r, decision, COALESCE(note, ''), app_user(),
          COALESCE((SELECT u."name" FROM "User" u WHERE u.id = app_user()), ''));
  RETURN c;
END $$;
REVOKE ALL ON FUNCTION local_plan_decide(uuid, integer, "PlanEventKind", text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION local_plan_decide(uuid, integer, "PlanEventKind", text) TO smartland_app;
