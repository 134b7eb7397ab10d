-- A counter per comune, bumped in the same transaction as any change to its projects and their
-- children. Caches of per-comune figures (the comune dashboard) are keyed by it, so every app instance
-- sees a change at once without recomputing the figures on every request.
CREATE TABLE "ComuneRevision" (
  "comuneIstat" varchar(6) PRIMARY KEY,
  "rev"         bigint NOT NULL DEFAULT 1
);
GRANT SELECT ON "ComuneRevision" TO smartland_app;

CREATE FUNCTION bump_comune_revision() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  comune varchar(6) := CASE WHEN TG_OP = 'DELETE' THEN OLD."comuneIstat" ELSE NEW."comuneIstat" END;
BEGIN
  INSERT INTO "ComuneRevision" ("comuneIstat", rev) VALUES (comune, 1)
  ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
  IF TG_TABLE_NAME = 'ProjectPartner' THEN
    -- A partner's dashboard counts the projects it takes part in.
    comune := CASE WHEN TG_OP = 'DELETE' THEN OLD."partnerIstat" ELSE NEW."partnerIstat" END;
    INSERT INTO "ComuneRevision" ("comuneIstat", rev) VALUES (comune, 1)
    ON CONFLICT ("comuneIstat") DO UPDATE SET rev = "ComuneRevision".rev + 1;
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION bump_comune_revision() FROM PUBLIC;

CREATE TRIGGER project_revision AFTER INSERT OR UPDATE OR DELETE ON "Project"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_revision();
CREATE TRIGGER funding_revision AFTER INSERT OR UPDATE OR DELETE ON "FundingLine"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_revision();
CREATE TRIGGER action_revision AFTER INSERT OR UPDATE OR DELETE ON "Action"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_revision();
CREATE TRIGGER indicator_revision AFTER INSERT OR UPDATE OR DELETE ON "Indicator"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_revision();
CREATE TRIGGER partner_revision AFTER INSERT OR UPDATE OR DELETE ON "ProjectPartner"
  FOR EACH ROW EXECUTE FUNCTION bump_comune_revision();

-- Counters only (no tenant data): readable by every actor; written only by the trigger (its owner).
ALTER TABLE "ComuneRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ComuneRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY revision_select ON "ComuneRevision" FOR SELECT USING (true);
