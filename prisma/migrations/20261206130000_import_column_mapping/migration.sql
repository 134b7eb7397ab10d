-- Column mapping of the import, remembered per comune (issue #16, item 3): a header of the comune's files
-- (normalized) → the portal column it feeds, or NULL to ignore it.
CREATE TABLE "ImportColumnMapping" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "comuneIstat" varchar(6) NOT NULL REFERENCES "Comune"(istat) ON DELETE CASCADE ON UPDATE CASCADE,
  "header"      varchar(200) NOT NULL,
  "fileHeader"  varchar(200) NOT NULL,
  "column"      varchar(100),
  "updatedAt"   timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedById" uuid
);
CREATE UNIQUE INDEX "ImportColumnMapping_comuneIstat_header_key" ON "ImportColumnMapping" ("comuneIstat", "header");

-- A tenant table like the others: the comune's officers read and write their own mappings; coordinators
-- and administrators read.
ALTER TABLE "ImportColumnMapping" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportColumnMapping" FORCE ROW LEVEL SECURITY;
CREATE POLICY import_column_mapping_select ON "ImportColumnMapping" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune());
CREATE POLICY import_column_mapping_insert ON "ImportColumnMapping" FOR INSERT
  WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY import_column_mapping_update ON "ImportColumnMapping" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY import_column_mapping_delete ON "ImportColumnMapping" FOR DELETE
  USING (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT, UPDATE, DELETE ON "ImportColumnMapping" TO smartland_app;
