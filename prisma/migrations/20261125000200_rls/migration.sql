-- Integrity rules Prisma's schema language cannot express.
ALTER TABLE "Project" ADD CONSTRAINT "Project_progress_range" CHECK ("progress" BETWEEN 0 AND 100);
ALTER TABLE "Project" ADD CONSTRAINT "Project_totalCost_nonneg" CHECK ("totalCost" >= 0);
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_amounts_nonneg"
  CHECK ("amountPlanned" >= 0 AND "amountCommitted" >= 0 AND "amountPaid" >= 0);
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_year_range" CHECK ("year" BETWEEN 1990 AND 2100);
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_not_owner" CHECK ("partnerIstat" <> "comuneIstat");
-- A CUP identifies one public investment nationally; a local code is unique within its comune.
CREATE UNIQUE INDEX "Project_cup_live_key" ON "Project" ("cup") WHERE "cup" IS NOT NULL AND "deletedAt" IS NULL;
CREATE UNIQUE INDEX "Project_localCode_live_key" ON "Project" ("comuneIstat", "localCode")
  WHERE "localCode" IS NOT NULL AND "deletedAt" IS NULL;

-- The application role: no superuser, no BYPASSRLS. Cluster-wide, hence idempotent; its password is
-- set by scripts/with-db.mjs (or by the operator on a managed database).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smartland_app') THEN
    CREATE ROLE smartland_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO smartland_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO smartland_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO smartland_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO smartland_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO smartland_app;
REVOKE ALL ON TABLE "_prisma_migrations" FROM smartland_app;
-- Reference data is read-only for the app; the audit log is append-only.
REVOKE INSERT, UPDATE, DELETE ON TABLE "Province" FROM smartland_app;
REVOKE INSERT, DELETE ON TABLE "Comune" FROM smartland_app;
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "AuditEvent" FROM smartland_app;

-- The actor of the current transaction, set by lib/db withActor() with set_config(..., true).
-- NULLIF: after a transaction-local setting ends, a pooled connection reads '' rather than NULL.
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT COALESCE(NULLIF(current_setting('app.role', true), ''), '') $$;
CREATE FUNCTION app_comune() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.comune', true), '') $$;
CREATE FUNCTION app_user() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user', true), '')::uuid $$;
-- Coordinators and administrators read every comune (read-only).
CREATE FUNCTION app_reads_all() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT app_role() IN ('COORDINATOR', 'ADMIN') $$;
-- Only an officer writes, and only in their own comune.
CREATE FUNCTION app_writes_comune(c text) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT app_role() = 'OFFICER' AND c = app_comune() $$;
CREATE FUNCTION app_is_partner(project uuid) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT EXISTS (SELECT 1 FROM "ProjectPartner" pp
                       WHERE pp."projectId" = project AND pp."partnerIstat" = app_comune()) $$;

-- Tenant tables: ENABLE + FORCE, one policy per command (a FOR ALL policy would let a read-only
-- branch of USING authorise DELETE, which has no WITH CHECK).
ALTER TABLE "Project" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Project" FORCE ROW LEVEL SECURITY;
CREATE POLICY project_select ON "Project" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("id"));
CREATE POLICY project_insert ON "Project" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY project_update ON "Project" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY project_delete ON "Project" FOR DELETE USING (app_writes_comune("comuneIstat"));

ALTER TABLE "ProjectPartner" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProjectPartner" FORCE ROW LEVEL SECURITY;
CREATE POLICY partner_select ON "ProjectPartner" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR "partnerIstat" = app_comune());
CREATE POLICY partner_insert ON "ProjectPartner" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY partner_update ON "ProjectPartner" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY partner_delete ON "ProjectPartner" FOR DELETE USING (app_writes_comune("comuneIstat"));

ALTER TABLE "FundingLine" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FundingLine" FORCE ROW LEVEL SECURITY;
CREATE POLICY funding_select ON "FundingLine" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("projectId"));
CREATE POLICY funding_insert ON "FundingLine" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY funding_update ON "FundingLine" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY funding_delete ON "FundingLine" FOR DELETE USING (app_writes_comune("comuneIstat"));

ALTER TABLE "Action" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Action" FORCE ROW LEVEL SECURITY;
CREATE POLICY action_select ON "Action" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("projectId"));
CREATE POLICY action_insert ON "Action" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY action_update ON "Action" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY action_delete ON "Action" FOR DELETE USING (app_writes_comune("comuneIstat"));

ALTER TABLE "Indicator" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Indicator" FORCE ROW LEVEL SECURITY;
CREATE POLICY indicator_select ON "Indicator" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("projectId"));
CREATE POLICY indicator_insert ON "Indicator" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY indicator_update ON "Indicator" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY indicator_delete ON "Indicator" FOR DELETE USING (app_writes_comune("comuneIstat"));

-- Users: administrators manage them; SYSTEM is the login/session check; everyone reads themselves.
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "User" FORCE ROW LEVEL SECURITY;
CREATE POLICY user_select ON "User" FOR SELECT
  USING (app_role() IN ('ADMIN', 'SYSTEM') OR "id" = app_user());
CREATE POLICY user_insert ON "User" FOR INSERT WITH CHECK (app_role() IN ('ADMIN', 'SYSTEM'));
CREATE POLICY user_update ON "User" FOR UPDATE
  USING (app_role() IN ('ADMIN', 'SYSTEM')) WITH CHECK (app_role() IN ('ADMIN', 'SYSTEM'));
CREATE POLICY user_delete ON "User" FOR DELETE USING (app_role() = 'ADMIN');

-- Audit: insert-only; a comune's own history is visible to its officers.
ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_select ON "AuditEvent" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY audit_insert ON "AuditEvent" FOR INSERT
  WITH CHECK (app_role() <> '' AND ("comuneIstat" IS NULL OR "comuneIstat" = app_comune()
              OR app_role() IN ('ADMIN', 'COORDINATOR', 'SYSTEM')));

-- Regional and reference objects: readable by every actor, written by the roles that own them.
ALTER TABLE "Comune" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Comune" FORCE ROW LEVEL SECURITY;
CREATE POLICY comune_select ON "Comune" FOR SELECT USING (true);
CREATE POLICY comune_update ON "Comune" FOR UPDATE
  USING (app_role() IN ('ADMIN', 'SYSTEM')) WITH CHECK (app_role() IN ('ADMIN', 'SYSTEM'));

ALTER TABLE "Stream" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Stream" FORCE ROW LEVEL SECURITY;
CREATE POLICY stream_select ON "Stream" FOR SELECT USING (true);
CREATE POLICY stream_insert ON "Stream" FOR INSERT WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY stream_update ON "Stream" FOR UPDATE
  USING (app_role() = 'COORDINATOR') WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY stream_delete ON "Stream" FOR DELETE USING (app_role() = 'COORDINATOR');

ALTER TABLE "SmartLand" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SmartLand" FORCE ROW LEVEL SECURITY;
CREATE POLICY smartland_select ON "SmartLand" FOR SELECT USING (true);
CREATE POLICY smartland_insert ON "SmartLand" FOR INSERT WITH CHECK (app_role() IN ('COORDINATOR', 'ADMIN'));
CREATE POLICY smartland_update ON "SmartLand" FOR UPDATE
  USING (app_role() IN ('COORDINATOR', 'ADMIN')) WITH CHECK (app_role() IN ('COORDINATOR', 'ADMIN'));
CREATE POLICY smartland_delete ON "SmartLand" FOR DELETE USING (app_role() IN ('COORDINATOR', 'ADMIN'));

ALTER TABLE "SmartLandMember" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SmartLandMember" FORCE ROW LEVEL SECURITY;
CREATE POLICY slmember_select ON "SmartLandMember" FOR SELECT USING (true);
CREATE POLICY slmember_insert ON "SmartLandMember" FOR INSERT WITH CHECK (app_role() IN ('COORDINATOR', 'ADMIN'));
CREATE POLICY slmember_update ON "SmartLandMember" FOR UPDATE
  USING (app_role() IN ('COORDINATOR', 'ADMIN')) WITH CHECK (app_role() IN ('COORDINATOR', 'ADMIN'));
CREATE POLICY slmember_delete ON "SmartLandMember" FOR DELETE USING (app_role() IN ('COORDINATOR', 'ADMIN'));
