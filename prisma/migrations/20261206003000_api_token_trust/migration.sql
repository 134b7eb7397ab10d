-- Personal API tokens die with the trust placed in their user, and expire.
--
-- 1. A token is bound to its user's session version at creation ("sessionVersion"): lib/auth/api-tokens
--    accepts it only while the user's version is still that one. Every event that ends the user's sessions
--    bumps the version (own password change, forced reset, role/comune change, deactivation and
--    reactivation, the comune's suspension and reinstatement), so the token stops working for good.
-- 2. The same bump revokes the user's live tokens here, in the database (trigger below): no code path can
--    forget it, and the token list says when and why.
-- 3. "expiresAt": chosen at creation (1–365 days). Existing tokens get 90 days from their creation.
CREATE TYPE "ApiTokenRevokedReason" AS ENUM
  ('USER', 'ADMIN', 'PASSWORD', 'ROLE', 'DEACTIVATED', 'COMUNE_SUSPENDED', 'SESSION');

ALTER TABLE "ApiToken"
  ADD COLUMN "expiresAt" TIMESTAMP(3),
  ADD COLUMN "sessionVersion" INTEGER,
  ADD COLUMN "revokedReason" "ApiTokenRevokedReason";
UPDATE "ApiToken" t
   SET "expiresAt" = t."createdAt" + interval '90 days', "sessionVersion" = u."sessionVersion"
  FROM "User" u
 WHERE u."id" = t."userId";
UPDATE "ApiToken" SET "revokedReason" = 'USER' WHERE "revokedAt" IS NOT NULL;
ALTER TABLE "ApiToken"
  ALTER COLUMN "expiresAt" SET NOT NULL,
  ALTER COLUMN "sessionVersion" SET NOT NULL,
  -- 365 days at most (one day of slack: createdAt is the transaction's time, expiresAt the server's).
  ADD CONSTRAINT "ApiToken_expiry_range"
    CHECK ("expiresAt" > "createdAt" AND "expiresAt" <= "createdAt" + interval '366 days'),
  ADD CONSTRAINT "ApiToken_revocation_reason" CHECK (("revokedAt" IS NULL) = ("revokedReason" IS NULL));

-- A token is created for the user's current session version (never a future one, which would come alive
-- at the next bump), and once revoked it stays revoked; its binding never changes, its expiry is never
-- pushed back.
CREATE FUNCTION api_token_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."sessionVersion" IS DISTINCT FROM (SELECT u."sessionVersion" FROM "User" u WHERE u."id" = NEW."userId") THEN
      RAISE EXCEPTION 'api token bound to a session version that is not the user''s current one'
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF OLD."revokedAt" IS NOT NULL AND NEW."revokedAt" IS NULL
     OR NEW."sessionVersion" IS DISTINCT FROM OLD."sessionVersion"
     OR NEW."expiresAt" > OLD."expiresAt"
     OR NEW."userId" IS DISTINCT FROM OLD."userId"
     OR NEW."tokenHash" IS DISTINCT FROM OLD."tokenHash" THEN
    RAISE EXCEPTION 'an api token cannot be revived, rebound or extended' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION api_token_guard() FROM PUBLIC;
CREATE TRIGGER api_token_guard BEFORE INSERT OR UPDATE ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION api_token_guard();

-- A new session version revokes the user's live tokens, with the reason read from the change itself.
-- SECURITY DEFINER: the caller (an administrator, or SYSTEM for an own password change) may not see every
-- token under row-level security, and the revocation must not depend on it.
CREATE FUNCTION revoke_api_tokens_of_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NEW."sessionVersion" IS DISTINCT FROM OLD."sessionVersion" THEN
    UPDATE "ApiToken"
       SET "revokedAt" = (now() AT TIME ZONE 'UTC'),
           "revokedReason" = (CASE
             WHEN OLD."active" AND NOT NEW."active" THEN 'DEACTIVATED'
             WHEN NEW."role" IS DISTINCT FROM OLD."role"
               OR NEW."comuneIstat" IS DISTINCT FROM OLD."comuneIstat" THEN 'ROLE'
             WHEN NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" THEN 'PASSWORD'
             WHEN EXISTS (SELECT 1 FROM "Comune" c WHERE c."istat" = NEW."comuneIstat" AND c."suspended")
               THEN 'COMUNE_SUSPENDED'
             ELSE 'SESSION'
           END)::"ApiTokenRevokedReason"
     WHERE "userId" = NEW."id" AND "revokedAt" IS NULL;
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION revoke_api_tokens_of_user() FROM PUBLIC;
CREATE TRIGGER user_session_revokes_api_tokens AFTER UPDATE OF "sessionVersion" ON "User"
  FOR EACH ROW EXECUTE FUNCTION revoke_api_tokens_of_user();

-- Administrators list and revoke any user's tokens (lib/users/api-tokens.ts checks users.manage).
DROP POLICY apitoken_select ON "ApiToken";
CREATE POLICY apitoken_select ON "ApiToken" FOR SELECT
  USING (app_role() IN ('SYSTEM', 'ADMIN') OR "userId" = app_user());
DROP POLICY apitoken_update ON "ApiToken";
CREATE POLICY apitoken_update ON "ApiToken" FOR UPDATE
  USING (app_role() IN ('SYSTEM', 'ADMIN') OR "userId" = app_user())
  WITH CHECK (app_role() IN ('SYSTEM', 'ADMIN') OR "userId" = app_user());
