-- Account lifecycle: one-time activation/reset links and personal API tokens. Only hashes are stored.
CREATE TYPE "UserTokenKind" AS ENUM ('ACTIVATION', 'PASSWORD_RESET');

ALTER TABLE "User" ADD COLUMN "passwordChangedAt" TIMESTAMP(3);

CREATE TABLE "UserToken" (
  "id"          UUID NOT NULL DEFAULT gen_random_uuid(),
  "userId"      UUID NOT NULL,
  "kind"        "UserTokenKind" NOT NULL,
  "tokenHash"   TEXT NOT NULL,
  "expiresAt"   TIMESTAMP(3) NOT NULL,
  "usedAt"      TIMESTAMP(3),
  "createdById" UUID,
  "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");
CREATE INDEX "UserToken_userId_kind_idx" ON "UserToken"("userId", "kind");

CREATE TABLE "ApiToken" (
  "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
  "userId"     UUID NOT NULL,
  "name"       TEXT NOT NULL,
  "prefix"     VARCHAR(16) NOT NULL,
  "tokenHash"  TEXT NOT NULL,
  "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastUsedAt" TIMESTAMP(3),
  "revokedAt"  TIMESTAMP(3),
  CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

GRANT SELECT, INSERT, UPDATE, DELETE ON "UserToken", "ApiToken" TO smartland_app;

-- Links are issued by administrators and redeemed by the anonymous visitor holding them (SYSTEM).
ALTER TABLE "UserToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "UserToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY usertoken_select ON "UserToken" FOR SELECT USING (app_role() IN ('ADMIN', 'SYSTEM'));
CREATE POLICY usertoken_insert ON "UserToken" FOR INSERT WITH CHECK (app_role() IN ('ADMIN', 'SYSTEM'));
CREATE POLICY usertoken_update ON "UserToken" FOR UPDATE
  USING (app_role() IN ('ADMIN', 'SYSTEM')) WITH CHECK (app_role() IN ('ADMIN', 'SYSTEM'));
CREATE POLICY usertoken_delete ON "UserToken" FOR DELETE USING (app_role() IN ('ADMIN', 'SYSTEM'));

-- API tokens belong to their user; SYSTEM resolves a presented token to its user.
ALTER TABLE "ApiToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY apitoken_select ON "ApiToken" FOR SELECT USING (app_role() = 'SYSTEM' OR "userId" = app_user());
CREATE POLICY apitoken_insert ON "ApiToken" FOR INSERT WITH CHECK ("userId" = app_user());
CREATE POLICY apitoken_update ON "ApiToken" FOR UPDATE
  USING (app_role() = 'SYSTEM' OR "userId" = app_user()) WITH CHECK (app_role() = 'SYSTEM' OR "userId" = app_user());
