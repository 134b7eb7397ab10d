-- The second wall without holes (issue #14, item 9).

-- 1. Roll-up facts. Materialized views cannot have row-level security, and the app role could SELECT
-- them: an officer's transaction read every comune's health, overdue counts and amounts there. The app
-- role now reads them only through views owned by the migration owner (they run with the owner's
-- rights, as a SECURITY DEFINER function would) whose condition is the transaction's actor. Unlike a
-- definer function, a plain view is inlined by the planner: the caller's filters and the views' indexes
-- still apply, and the role check is a one-time filter (no rows are scanned for a refused actor).
-- security_barrier: no caller-supplied function is evaluated on rows the condition excludes.
REVOKE ALL ON rollup_project_facts, rollup_funding_facts FROM smartland_app;

-- Coordinators and administrators: every column of every comune (lib/rollup, permission rollup.read).
CREATE VIEW rollup_projects WITH (security_barrier) AS
  SELECT * FROM rollup_project_facts WHERE app_reads_all();
CREATE VIEW rollup_funding WITH (security_barrier) AS
  SELECT * FROM rollup_funding_facts WHERE app_reads_all();
-- The anonymous reader (lib/public): the figures the open data already publish (live projects, their
-- cost and funding), not the internal health or the overdue actions.
CREATE VIEW rollup_public_projects WITH (security_barrier) AS
  SELECT id, comune, province, stream, theme, status, start_year, end_year, total_cost, planned, committed,
         paid, sources
  FROM rollup_project_facts WHERE app_role() = 'PUBLIC';
-- Officers read neither: their dashboard is computed from their own comune's tables under RLS.

REVOKE ALL ON rollup_projects, rollup_funding, rollup_public_projects FROM smartland_app;
GRANT SELECT ON rollup_projects, rollup_funding, rollup_public_projects TO smartland_app;

-- 2. The public reader: funding lines of live projects only (a deleted project's lines were readable).
DROP POLICY funding_select_public ON "FundingLine";
CREATE POLICY funding_select_public ON "FundingLine" FOR SELECT
  USING (app_role() = 'PUBLIC' AND EXISTS (SELECT 1 FROM "Project" p
                                            WHERE p.id = "projectId" AND p."deletedAt" IS NULL));

-- 3. The actor of an audit event is the transaction's, not what the insert claims. In a person's
-- transaction (OFFICER, COORDINATOR, ADMIN — any role set but SYSTEM) the actor columns are set from
-- app.user / app.role and the name from "User"; the comune stays as written (the insert policy already
-- holds an officer to their own comune or none). SYSTEM work (logins, logouts, redeemed links, the own
-- password change) writes on behalf of a user it has just checked, and the owner's connection (seed,
-- scripts: no actor set, which the app role cannot insert with) writes what it means: both are kept. So a
-- person's transaction can no longer write a row that looks like someone else's, nor one that looks
-- written by SYSTEM (no actor).
CREATE FUNCTION audit_event_actor() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF app_role() IN ('SYSTEM', '') THEN
    RETURN NEW;
  END IF;
  NEW."actorId" := app_user();
  NEW."actorRole" := app_role();
  NEW."actorName" := (SELECT u.name FROM "User" u WHERE u.id = NEW."actorId");
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION audit_event_actor() FROM PUBLIC;

CREATE TRIGGER audit_event_actor BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_actor();
