-- Public project pages (issue #16, item 9): the published copy also carries what a project's public page
-- shows, like OpenCoesione's: the Smart Land, the partner comuni, the andamento (health) and progress,
-- the funding lines (source, programme, year, planned/committed/paid) and the actions' milestones
-- (title, kind, due and done dates, status). Never an action's owner (a person's name) nor its CIG.
-- Taken by publish_project() like the rest of the copy, so a draft's changes stay private until the
-- officer publishes again.

ALTER TABLE "PublicProject"
  ADD COLUMN "smartLandId" uuid REFERENCES "SmartLand"(id) ON DELETE SET NULL,
  ADD COLUMN health "Health" NOT NULL DEFAULT 'ON_TRACK',
  ADD COLUMN progress int NOT NULL DEFAULT 0,
  ADD COLUMN partners text[] NOT NULL DEFAULT '{}',
  ADD COLUMN funding jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN milestones jsonb NOT NULL DEFAULT '[]';
CREATE INDEX "PublicProject_cup_idx" ON "PublicProject" (cup);

-- The detail of a project as the copy stores it (one definition for publish_project and the backfill).
CREATE FUNCTION public_project_detail(project uuid)
RETURNS TABLE (partners text[], funding jsonb, milestones jsonb) LANGUAGE sql STABLE AS $$
  SELECT
    COALESCE((SELECT array_agg(pp."partnerIstat"::text ORDER BY pp."partnerIstat")
              FROM "ProjectPartner" pp WHERE pp."projectId" = project), '{}'),
    COALESCE((SELECT jsonb_agg(jsonb_build_object(
                'source', fl.source::text, 'programme', fl.programme, 'year', fl.year,
                'planned', fl."amountPlanned"::text, 'committed', fl."amountCommitted"::text,
                'paid', fl."amountPaid"::text) ORDER BY fl.year, fl.source::text, fl.programme, fl.id)
              FROM "FundingLine" fl WHERE fl."projectId" = project), '[]'),
    COALESCE((SELECT jsonb_agg(jsonb_build_object(
                'title', a.title, 'kind', a.kind::text, 'dueDate', a."dueDate", 'doneDate', a."doneDate",
                'status', a.status::text) ORDER BY a."dueDate" NULLS LAST, a.title, a.id)
              FROM "Action" a WHERE a."projectId" = project), '[]')
$$;
REVOKE ALL ON FUNCTION public_project_detail(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_project_detail(uuid) TO smartland_app;

CREATE OR REPLACE FUNCTION publish_project(project uuid, by_user uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PublicProject" ("projectId", "comuneIstat", "streamId", cup, title, summary, status,
                               "totalCost", planned, committed, paid, sources, "plannedStart",
                               "plannedEnd", "actualStart", "actualEnd", "publishedVersion",
                               "publishedAt", "publishedById", "smartLandId", health, progress,
                               partners, funding, milestones)
  SELECT p.id, p."comuneIstat", p."streamId", p.cup, p.title, p.summary, p.status, p."totalCost",
         COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0), COALESCE(f.sources, '{}'),
         p."plannedStart", p."plannedEnd", p."actualStart", p."actualEnd", p.version, now(), by_user,
         p."smartLandId", p.health, p.progress, d.partners, d.funding, d.milestones
  FROM "Project" p
  LEFT JOIN LATERAL (
    SELECT sum(fl."amountPlanned") AS planned, sum(fl."amountCommitted") AS committed,
           sum(fl."amountPaid") AS paid, array_agg(DISTINCT fl.source::text ORDER BY fl.source::text) AS sources
    FROM "FundingLine" fl WHERE fl."projectId" = p.id
  ) f ON true
  CROSS JOIN LATERAL public_project_detail(p.id) d
  WHERE p.id = project AND p."deletedAt" IS NULL
  ON CONFLICT ("projectId") DO UPDATE SET
    "streamId" = EXCLUDED."streamId", cup = EXCLUDED.cup, title = EXCLUDED.title,
    summary = EXCLUDED.summary, status = EXCLUDED.status, "totalCost" = EXCLUDED."totalCost",
    planned = EXCLUDED.planned, committed = EXCLUDED.committed, paid = EXCLUDED.paid,
    sources = EXCLUDED.sources, "plannedStart" = EXCLUDED."plannedStart",
    "plannedEnd" = EXCLUDED."plannedEnd", "actualStart" = EXCLUDED."actualStart",
    "actualEnd" = EXCLUDED."actualEnd", "publishedVersion" = EXCLUDED."publishedVersion",
    "publishedAt" = EXCLUDED."publishedAt", "publishedById" = EXCLUDED."publishedById",
    "smartLandId" = EXCLUDED."smartLandId", health = EXCLUDED.health, progress = EXCLUDED.progress,
    partners = EXCLUDED.partners, funding = EXCLUDED.funding, milestones = EXCLUDED.milestones
$$;

-- Backfill the copies already taken. Only where the project's own fields are still those published
-- (same version): a copy whose project changed since keeps empty details until its next publication,
-- so no unpublished value becomes public here. The publication date is left as it was.
UPDATE "PublicProject" pp SET "smartLandId" = p."smartLandId", health = p.health, progress = p.progress,
       partners = d.partners, funding = d.funding, milestones = d.milestones
FROM "Project" p CROSS JOIN LATERAL public_project_detail(p.id) d
WHERE p.id = pp."projectId" AND p.version = pp."publishedVersion" AND p."deletedAt" IS NULL;
