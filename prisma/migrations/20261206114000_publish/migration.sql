-- Draft, then publish (issue #16, item 4). A project is public (public Smart Land page, open data, public
-- roll-up figures) only once its officer publishes it, and the public side shows the copy taken at that
-- moment until the next publication. The copy is "PublicProject": exactly the fields the public side
-- shows, one row per published project, written only by publish_project() below.

CREATE TABLE "PublicProject" (
  "projectId"        uuid PRIMARY KEY,
  "comuneIstat"      varchar(6) NOT NULL,
  "streamId"         uuid NOT NULL REFERENCES "Stream"(id),
  cup                varchar(15),
  title              text NOT NULL,
  summary            text NOT NULL,
  status             "ProjectStatus" NOT NULL,
  "totalCost"        decimal(14, 2) NOT NULL,
  planned            decimal(16, 2) NOT NULL,
  committed          decimal(16, 2) NOT NULL,
  paid               decimal(16, 2) NOT NULL,
  sources            text[] NOT NULL,
  "plannedStart"     date,
  "plannedEnd"       date,
  "actualStart"      date,
  "actualEnd"        date,
  "publishedVersion" int NOT NULL,
  "publishedAt"      timestamptz NOT NULL DEFAULT now(),
  "publishedById"    uuid,
  -- The project's own comune, like every child table (the copy can never move to another tenant).
  FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"(id, "comuneIstat") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "PublicProject_projectId_comuneIstat_key" ON "PublicProject" ("projectId", "comuneIstat");
CREATE INDEX "PublicProject_comuneIstat_idx" ON "PublicProject" ("comuneIstat");

-- Row-level security like the other tenant tables: the owner comune writes, the comune, its partners,
-- coordinators and administrators read; the anonymous reader ('PUBLIC') reads the copies of live projects.
ALTER TABLE "PublicProject" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PublicProject" FORCE ROW LEVEL SECURITY;
CREATE POLICY public_project_select ON "PublicProject" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("projectId"));
-- Whether a project is live, for the anonymous reader's policy below. SECURITY DEFINER (the owner's
-- rights, like the roll-up views): the anonymous reader itself reads no "Project" row at all, and a
-- policy on "Project" that read "PublicProject" back would recurse. It answers a yes/no for an id only.
CREATE FUNCTION app_project_live(project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM "Project" p WHERE p.id = project AND p."deletedAt" IS NULL)
$$;
REVOKE ALL ON FUNCTION app_project_live(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_project_live(uuid) TO smartland_app;
CREATE POLICY public_project_select_public ON "PublicProject" FOR SELECT
  USING (app_role() = 'PUBLIC' AND app_project_live("projectId"));
CREATE POLICY public_project_insert ON "PublicProject" FOR INSERT
  WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY public_project_update ON "PublicProject" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY public_project_delete ON "PublicProject" FOR DELETE USING (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT, UPDATE, DELETE ON "PublicProject" TO smartland_app;

-- The anonymous reader no longer reads the working copy (an unpublished title or amount) nor any
-- funding line: only the published copies above (migration public_read opened both).
DROP POLICY project_select_public ON "Project";
DROP POLICY funding_select_public ON "FundingLine";

-- Takes the public copy of a project from its current values (SECURITY INVOKER: the caller's row-level
-- security decides which project it may read and whose copy it may write). Used by lib/projects
-- publishProject, by the backfill below and by the demo seed, so the copy has one definition.
CREATE FUNCTION publish_project(project uuid, by_user uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PublicProject" ("projectId", "comuneIstat", "streamId", cup, title, summary, status,
                               "totalCost", planned, committed, paid, sources, "plannedStart",
                               "plannedEnd", "actualStart", "actualEnd", "publishedVersion",
                               "publishedAt", "publishedById")
  SELECT p.id, p."comuneIstat", p."streamId", p.cup, p.title, p.summary, p.status, p."totalCost",
         COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0), COALESCE(f.sources, '{}'),
         p."plannedStart", p."plannedEnd", p."actualStart", p."actualEnd", p.version, now(), by_user
  FROM "Project" p
  LEFT JOIN LATERAL (
    SELECT sum(fl."amountPlanned") AS planned, sum(fl."amountCommitted") AS committed,
           sum(fl."amountPaid") AS paid, array_agg(DISTINCT fl.source::text ORDER BY fl.source::text) AS sources
    FROM "FundingLine" fl WHERE fl."projectId" = p.id
  ) f ON true
  WHERE p.id = project AND p."deletedAt" IS NULL
  ON CONFLICT ("projectId") DO UPDATE SET
    "streamId" = EXCLUDED."streamId", cup = EXCLUDED.cup, title = EXCLUDED.title,
    summary = EXCLUDED.summary, status = EXCLUDED.status, "totalCost" = EXCLUDED."totalCost",
    planned = EXCLUDED.planned, committed = EXCLUDED.committed, paid = EXCLUDED.paid,
    sources = EXCLUDED.sources, "plannedStart" = EXCLUDED."plannedStart",
    "plannedEnd" = EXCLUDED."plannedEnd", "actualStart" = EXCLUDED."actualStart",
    "actualEnd" = EXCLUDED."actualEnd", "publishedVersion" = EXCLUDED."publishedVersion",
    "publishedAt" = EXCLUDED."publishedAt", "publishedById" = EXCLUDED."publishedById"
$$;
REVOKE ALL ON FUNCTION publish_project(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION publish_project(uuid, uuid) TO smartland_app;

-- The demo (and any installation upgraded here) starts with every live project published as it is.
SELECT publish_project(id, NULL) FROM "Project" WHERE "deletedAt" IS NULL;

-- The public roll-up figures: the published copies of live projects (a plain view, owner's rights, like
-- the other roll-up views; the anonymous reader's figures follow a publication, not every save).
DROP VIEW rollup_public_projects;
CREATE VIEW rollup_public_projects WITH (security_barrier) AS
  SELECT pp."projectId" AS id, pp."comuneIstat" AS comune, c."provinceIstat" AS province,
         pp."streamId" AS stream, s.theme::text AS theme, pp.status::text AS status,
         EXTRACT(YEAR FROM pp."plannedStart")::int AS start_year,
         EXTRACT(YEAR FROM pp."plannedEnd")::int AS end_year,
         pp."totalCost" AS total_cost, pp.planned, pp.committed, pp.paid, pp.sources
  FROM "PublicProject" pp
  JOIN "Project" p ON p.id = pp."projectId" AND p."deletedAt" IS NULL
  JOIN "Comune" c ON c.istat = pp."comuneIstat"
  JOIN "Stream" s ON s.id = pp."streamId"
  WHERE app_role() = 'PUBLIC';
REVOKE ALL ON rollup_public_projects FROM smartland_app;
GRANT SELECT ON rollup_public_projects TO smartland_app;
