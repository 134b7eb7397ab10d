-- The anonymous reader of the public Smart Land page and of the open data (lib/public): the actor role
-- 'PUBLIC' may read live projects and their funding lines, nothing else of the tenant tables (not actions,
-- whose "owner" names a person, not indicators, not users, not the audit log). Reference tables (Comune,
-- Stream, SmartLand, SmartLandMember) are already readable by every actor.
CREATE POLICY project_select_public ON "Project" FOR SELECT
  USING (app_role() = 'PUBLIC' AND "deletedAt" IS NULL);
CREATE POLICY funding_select_public ON "FundingLine" FOR SELECT
  USING (app_role() = 'PUBLIC');
