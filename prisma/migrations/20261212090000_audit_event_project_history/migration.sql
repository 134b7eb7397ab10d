-- A project's history (its page: lib/projects/project-page.ts) is the project's own events and those of its
-- records, whose snapshots carry the projectId. It was found as
--   (entity = 'Project' AND "entityId" = $1) OR after -> 'projectId' = $2 OR before -> 'projectId' = $2
-- and under row-level security no index can serve the jsonb arms (their operators are not leakproof, so
-- PostgreSQL applies them only after the policy's filter): the page read every event of the project's
-- comune and looked into each one's snapshots, a cost that grew with the comune's whole history (5,804
-- events of a bench comune: 23 ms of PostgreSQL per project page, more than all its other statements).
-- The project an event belongs to is now a column of its own, computed by PostgreSQL from the same fields
-- (a record never moves to another project: its before and after name the same one), with an index on it,
-- the comune the page also filters on, and the id the history is ordered by.
ALTER TABLE "AuditEvent" ADD COLUMN "projectId" text GENERATED ALWAYS AS (
  CASE WHEN entity = 'Project' THEN "entityId" ELSE COALESCE(after ->> 'projectId', before ->> 'projectId') END
) STORED;
CREATE INDEX "AuditEvent_projectId_comuneIstat_id_idx" ON "AuditEvent" ("projectId", "comuneIstat", id)
  WHERE "projectId" IS NOT NULL;
