-- Phases and a timeline (issue #18, item 5): a project's cronoprogramma, planned and actual start/end per
-- procedural phase, the eight phases of OpenCoesione's project file (docs/phases.md).
CREATE TYPE "PhaseKind" AS ENUM (
  'FEASIBILITY', 'PRELIMINARY_DESIGN', 'FINAL_DESIGN', 'EXECUTIVE_DESIGN', 'AWARD', 'CONTRACT', 'EXECUTION', 'TESTING'
);

CREATE TABLE "ProjectPhase" (
  "id"           uuid NOT NULL DEFAULT gen_random_uuid(),
  "projectId"    uuid NOT NULL,
  "comuneIstat"  varchar(6) NOT NULL,
  "kind"         "PhaseKind" NOT NULL,
  "plannedStart" date,
  "plannedEnd"   date,
  "actualStart"  date,
  "actualEnd"    date,
  "note"         text NOT NULL DEFAULT '',
  "version"      integer NOT NULL DEFAULT 1,
  "createdAt"    timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"    timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ProjectPhase_pkey" PRIMARY KEY ("id"),
  -- The dates' order is the validation's first rule (lib/phases); the database repeats it.
  CONSTRAINT "ProjectPhase_planned_order" CHECK ("plannedEnd" IS NULL OR "plannedStart" IS NULL OR "plannedEnd" >= "plannedStart"),
  CONSTRAINT "ProjectPhase_actual_order" CHECK ("actualEnd" IS NULL OR "actualStart" IS NULL OR "actualEnd" >= "actualStart"),
  CONSTRAINT "ProjectPhase_note_length" CHECK (length("note") <= 2000)
);
CREATE UNIQUE INDEX "ProjectPhase_projectId_kind_key" ON "ProjectPhase"("projectId", "kind");
CREATE INDEX "ProjectPhase_comuneIstat_idx" ON "ProjectPhase"("comuneIstat");
-- The coordinator's deadlines (/regione/scadenze, lib/phases/milestones.ts) read only open milestones —
-- a planned end and no actual end — in planned-end order: a partial index holds just those rows, sorted,
-- so "late" (plannedEnd < today) and "due within N days" are one range scan, LIMIT-ed by the page.
CREATE INDEX "ProjectPhase_open_plannedEnd_idx" ON "ProjectPhase"("plannedEnd", "projectId")
  WHERE "actualEnd" IS NULL AND "plannedEnd" IS NOT NULL;
-- The same for one comune (its filter, and the comune's own timeline).
CREATE INDEX "ProjectPhase_open_comune_plannedEnd_idx" ON "ProjectPhase"("comuneIstat", "plannedEnd")
  WHERE "actualEnd" IS NULL AND "plannedEnd" IS NOT NULL;

-- The project's own comune, like every child table: a phase never moves to another tenant.
ALTER TABLE "ProjectPhase" ADD CONSTRAINT "ProjectPhase_projectId_comuneIstat_fkey"
  FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as FundingLine's: the comune's officers read and write; a partner comune reads a
-- partner project's phases (read-only); coordinators and administrators read all; the anonymous reader nothing.
ALTER TABLE "ProjectPhase" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProjectPhase" FORCE ROW LEVEL SECURITY;
CREATE POLICY phase_select ON "ProjectPhase" FOR SELECT
  USING (app_reads_all() OR "comuneIstat" = app_comune() OR app_is_partner("projectId"));
CREATE POLICY phase_insert ON "ProjectPhase" FOR INSERT WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY phase_update ON "ProjectPhase" FOR UPDATE
  USING (app_writes_comune("comuneIstat")) WITH CHECK (app_writes_comune("comuneIstat"));
CREATE POLICY phase_delete ON "ProjectPhase" FOR DELETE USING (app_writes_comune("comuneIstat"));
GRANT SELECT, INSERT, UPDATE, DELETE ON "ProjectPhase" TO smartland_app;
