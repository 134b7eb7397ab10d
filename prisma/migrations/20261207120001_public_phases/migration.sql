-- The public project page shows the procedural phases (issue #18, item 5): the published copy also takes
-- the project's phases — kind, planned and actual start/end, never the note (free text the office wrote for
-- itself) — when the officer publishes, like the rest of the copy. ORDER BY the enum: the procedural order.
-- No backfill: phases did not exist before this migration; they appear at a project's next publication.
ALTER TABLE "PublicProject" ADD COLUMN phases jsonb NOT NULL DEFAULT '[]';

CREATE OR REPLACE FUNCTION publish_project(project uuid, by_user uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PublicProject" ("projectId", "comuneIstat", "streamId", cup, title, summary, status,
                               "totalCost", planned, committed, paid, sources, "plannedStart",
                               "plannedEnd", "actualStart", "actualEnd", "publishedVersion",
                               "publishedAt", "publishedById", "smartLandId", health, progress,
                               partners, funding, milestones, phases)
  SELECT p.id, p."comuneIstat", p."streamId", p.cup, p.title, p.summary, p.status, p."totalCost",
         COALESCE(f.planned, 0), COALESCE(f.committed, 0), COALESCE(f.paid, 0), COALESCE(f.sources, '{}'),
         p."plannedStart", p."plannedEnd", p."actualStart", p."actualEnd", p.version, now(), by_user,
         p."smartLandId", p.health, p.progress, d.partners, d.funding, d.milestones,
         COALESCE((SELECT jsonb_agg(jsonb_build_object(
                     'kind', ph.kind::text,
                     'plannedStart', to_char(ph."plannedStart", 'YYYY-MM-DD'),
                     'plannedEnd', to_char(ph."plannedEnd", 'YYYY-MM-DD'),
                     'actualStart', to_char(ph."actualStart", 'YYYY-MM-DD'),
                     'actualEnd', to_char(ph."actualEnd", 'YYYY-MM-DD')) ORDER BY ph.kind)
                   FROM "ProjectPhase" ph WHERE ph."projectId" = p.id), '[]')
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
    partners = EXCLUDED.partners, funding = EXCLUDED.funding, milestones = EXCLUDED.milestones,
    phases = EXCLUDED.phases
$$;
