-- Documents (issue #18, item 4): files attached to a comune's records, stored in PostgreSQL (so the backup
-- holds them) as ~1 MB chunks, so an upload and a download stream instead of holding the file in memory.
CREATE TYPE "DocumentOwnerKind" AS ENUM ('PROJECT', 'ACTION');

CREATE TABLE "Document" (
  "id"           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "comuneIstat"  varchar(6) NOT NULL REFERENCES "Comune"(istat) ON UPDATE CASCADE,
  "ownerKind"    "DocumentOwnerKind" NOT NULL,
  "ownerId"      uuid NOT NULL,
  "projectId"    uuid,
  "fileName"     varchar(255) NOT NULL,
  "mediaType"    varchar(120) NOT NULL,
  "size"         integer NOT NULL CHECK ("size" >= 0 AND "size" <= 20971520),
  "sha256"       char(64) NOT NULL,
  "public"       boolean NOT NULL DEFAULT false,
  "uploadedById" uuid,
  "uploadedBy"   varchar(200) NOT NULL DEFAULT '',
  "version"      integer NOT NULL DEFAULT 1,
  "createdAt"    timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "deletedAt"    timestamp(3),
  -- The project's own comune, like every child table: a document never moves to another tenant.
  FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"(id, "comuneIstat") ON DELETE CASCADE
);
CREATE INDEX "Document_comuneIstat_ownerKind_ownerId_idx" ON "Document" ("comuneIstat", "ownerKind", "ownerId");
CREATE INDEX "Document_projectId_idx" ON "Document" ("projectId");
CREATE UNIQUE INDEX "Document_id_comuneIstat_key" ON "Document" ("id", "comuneIstat");

CREATE TABLE "DocumentChunk" (
  "documentId"  uuid NOT NULL,
  "seq"         integer NOT NULL,
  "comuneIstat" varchar(6) NOT NULL,
  "data"        bytea NOT NULL,
  PRIMARY KEY ("documentId", "seq"),
  FOREIGN KEY ("documentId", "comuneIstat") REFERENCES "Document"(id, "comuneIstat") ON DELETE CASCADE
);
-- The bytes are already compressed (PDF, images, zips) more often than not: no TOAST compression attempt.
ALTER TABLE "DocumentChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;

-- Row-level security. The comune's officers read and write their documents; coordinators and administrators
-- read every comune's; the anonymous reader ('PUBLIC') reads a document only when it is public, not deleted,
-- and its project has a published copy of a live project (PublicProject's own policy decides that).
ALTER TABLE "Document" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Document" FORCE ROW LEVEL SECURITY;
CREATE POLICY document_select ON "Document" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY document_select_public ON "Document" FOR SELECT
  USING (app_role() = 'PUBLIC' AND "public" AND "deletedAt" IS NULL AND "projectId" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "PublicProject" pp WHERE pp."projectId" = "Document"."projectId"));
CREATE POLICY document_insert ON "Document" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY document_update ON "Document" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
-- No DELETE policy and no grant: a document is soft-deleted ("deletedAt"); its bytes go with its project.
GRANT SELECT, INSERT, UPDATE ON "Document" TO smartland_app;
REVOKE DELETE, TRUNCATE ON "Document" FROM smartland_app;

-- The chunks carry the comune, so the tenant policy needs no join; the anonymous reader's goes through
-- "Document" (under its own policy above).
ALTER TABLE "DocumentChunk" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DocumentChunk" FORCE ROW LEVEL SECURITY;
CREATE POLICY document_chunk_select ON "DocumentChunk" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY document_chunk_select_public ON "DocumentChunk" FOR SELECT
  USING (app_role() = 'PUBLIC' AND EXISTS (SELECT 1 FROM "Document" d WHERE d.id = "DocumentChunk"."documentId"));
CREATE POLICY document_chunk_insert ON "DocumentChunk" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT ON "DocumentChunk" TO smartland_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "DocumentChunk" FROM smartland_app;
