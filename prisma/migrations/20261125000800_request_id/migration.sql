-- 1. Every audit event keeps the id of the request that wrote it (docs/reliability.md, "Log").
-- The column exists since the init migration. withActor (lib/db) sets app.request_id, transaction-local,
-- next to the actor; the default reads it, so every writer of the log (recordAudit, logins, logouts,
-- refusals) stores it without naming it. Outside a request (scripts, seed) it is NULL.
ALTER TABLE "AuditEvent"
  ALTER COLUMN "requestId" SET DEFAULT NULLIF(current_setting('app.request_id', true), '');
-- Same rule as lib/log/request-context.mjs: a short opaque token, never free text.
ALTER TABLE "AuditEvent"
  ADD CONSTRAINT "AuditEvent_requestId_check" CHECK ("requestId" ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$');
-- From a log line to its audit events (the viewer's "Richiesta" filter).
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");

-- 2. Several app instances (docs/reliability.md, "Più istanze"): a comune's reference data (state,
-- Smart Lands and their names) is cached per process by lib/comuni/get-comune.ts. Keyed by the comune's
-- revision, a change made through any instance is seen by every instance at the next request, as the
-- dashboard figures already are. These triggers bump the revision for those changes too.
CREATE FUNCTION bump_comune_reference_revision() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF TG_TABLE_NAME = 'Comune' THEN
    INSERT INTO "ComuneRevision" ("comuneIstat", rev) VALUES (NEW.istat, 1)
    ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
  ELSIF TG_TABLE_NAME = 'SmartLandMember' THEN
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO "ComuneRevision" ("comuneIstat", rev) VALUES (OLD."comuneIstat", 1)
      ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."comuneIstat" <> OLD."comuneIstat") THEN
      INSERT INTO "ComuneRevision" ("comuneIstat", rev) VALUES (NEW."comuneIstat", 1)
      ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
    END IF;
  ELSIF TG_TABLE_NAME = 'SmartLand' THEN
    -- A renamed Smart Land (or a new phase) shows on every member's page.
    INSERT INTO "ComuneRevision" ("comuneIstat", rev)
      SELECT m."comuneIstat", 1 FROM "SmartLandMember" m WHERE m."smartLandId" = NEW.id
    ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION bump_comune_reference_revision() FROM PUBLIC;

CREATE TRIGGER comune_reference_revision AFTER UPDATE ON "Comune"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bump_comune_reference_revision();
CREATE TRIGGER smartland_member_revision AFTER INSERT OR UPDATE OR DELETE ON "SmartLandMember"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_reference_revision();
CREATE TRIGGER smartland_revision AFTER UPDATE ON "SmartLand"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bump_comune_reference_revision();
