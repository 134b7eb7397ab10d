-- A project's partner comuni are members of the programme (lib/projects/references.ts checks it first,
-- with a field message). Here the database refuses any other, whatever the code path. A comune never
-- leaves the programme (it is suspended instead), so the check at insert/update is enough.
-- SECURITY DEFINER: the check must not depend on what the writing actor may read.
CREATE FUNCTION project_partner_is_member() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Comune" c WHERE c."istat" = NEW."partnerIstat" AND c."member") THEN
    RAISE EXCEPTION 'partner comune % is not a member of the programme', NEW."partnerIstat"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION project_partner_is_member() FROM PUBLIC;
CREATE TRIGGER project_partner_is_member BEFORE INSERT OR UPDATE OF "partnerIstat" ON "ProjectPartner"
  FOR EACH ROW EXECUTE FUNCTION project_partner_is_member();
