-- The coordinator's programme plan of a Smart Land (issue #18, item 2): phases ("Fase 1", "Fase 2"…), per
-- phase and stream the envelope per year (normalized rows, so SQL sums them) and the targets. One plan row
-- per Smart Land carries the optimistic lock: every change of the plan bumps its version.
CREATE TABLE "ProgrammePlan" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "smartLandId" uuid NOT NULL REFERENCES "SmartLand"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "version"     integer NOT NULL DEFAULT 1,
  "createdAt"   timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt"   timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "ProgrammePlan_smartLandId_key" ON "ProgrammePlan"("smartLandId");

CREATE TABLE "ProgrammePhase" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "planId"      uuid NOT NULL REFERENCES "ProgrammePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "smartLandId" uuid NOT NULL,
  "ordinal"     integer NOT NULL,
  "name"        varchar(80) NOT NULL,
  "startYear"   integer,
  "endYear"     integer,
  CONSTRAINT "ProgrammePhase_years" CHECK ("startYear" IS NULL OR "endYear" IS NULL OR "startYear" <= "endYear")
);
CREATE UNIQUE INDEX "ProgrammePhase_planId_ordinal_key" ON "ProgrammePhase"("planId", "ordinal");
CREATE INDEX "ProgrammePhase_smartLandId_idx" ON "ProgrammePhase"("smartLandId");

CREATE TABLE "ProgrammeEnvelope" (
  "phaseId"     uuid NOT NULL REFERENCES "ProgrammePhase"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "smartLandId" uuid NOT NULL,
  "streamId"    uuid NOT NULL REFERENCES "Stream"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "year"        integer NOT NULL,
  "amount"      decimal(14, 2) NOT NULL CHECK ("amount" >= 0),
  PRIMARY KEY ("phaseId", "streamId", "year")
);
-- The plan-vs-actual view sums a Smart Land's envelope by stream and year: one index range.
CREATE INDEX "ProgrammeEnvelope_smartLandId_streamId_year_idx" ON "ProgrammeEnvelope"("smartLandId", "streamId", "year");

CREATE TABLE "ProgrammeTarget" (
  "id"          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "phaseId"     uuid NOT NULL REFERENCES "ProgrammePhase"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "smartLandId" uuid NOT NULL,
  "streamId"    uuid NOT NULL REFERENCES "Stream"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "ordinal"     integer NOT NULL,
  "name"        varchar(200) NOT NULL,
  "unit"        varchar(40) NOT NULL,
  "baseline"    decimal(18, 4),
  "target"      decimal(18, 4),
  "year"        integer NOT NULL
);
CREATE INDEX "ProgrammeTarget_phaseId_streamId_idx" ON "ProgrammeTarget"("phaseId", "streamId");
CREATE INDEX "ProgrammeTarget_smartLandId_idx" ON "ProgrammeTarget"("smartLandId");

-- Who reads a programme: coordinators and administrators, and the officers of the Smart Land's member
-- comuni (their own Smart Land only). Who writes it: coordinators only (administrators change nothing).
CREATE FUNCTION app_reads_smart_land(sl uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT app_reads_all() OR (app_role() = 'OFFICER' AND EXISTS (
    SELECT 1 FROM "SmartLandMember" m WHERE m."smartLandId" = sl AND m."comuneIstat" = app_comune()))
$$;
REVOKE ALL ON FUNCTION app_reads_smart_land(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_reads_smart_land(uuid) TO smartland_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ProgrammePlan', 'ProgrammePhase', 'ProgrammeEnvelope', 'ProgrammeTarget'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_reads_smart_land("smartLandId"))',
                   lower(t) || '_select', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (app_role() = ''COORDINATOR'')',
                   lower(t) || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (app_role() = ''COORDINATOR'') '
                   'WITH CHECK (app_role() = ''COORDINATOR'')', lower(t) || '_update', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE USING (app_role() = ''COORDINATOR'')',
                   lower(t) || '_delete', t);
    EXECUTE format('REVOKE ALL ON %I FROM smartland_app', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO smartland_app', t);
  END LOOP;
END $$;
-- The plan row itself is never deleted by the app (it goes with its Smart Land).
REVOKE DELETE ON "ProgrammePlan" FROM smartland_app;

-- Plan vs adhered vs registered vs secured of one Smart Land, by comune, stream and year, in cents: what
-- lib/programme/plan-vs-actual.ts reads (one round trip). Definer rights: a member comune's officer sees
-- the totals of the comuni of their Smart Land (the local plans and the roll-up facts are otherwise
-- readable by coordinators and administrators only); the caller is checked with app_reads_smart_land.
--   adhered_*  the member comuni's local plans' envelope (LocalPlan.envelope, per year), approved and
--              submitted separately;
--   registered the planned funding of the member comuni's live projects on the stream (roll-up facts,
--              funding lines by year: a Smart Land's projects are its member comuni's, as in the roll-up);
--   secured    the committed funding of the same lines (resources legally bound: a grant decree, an
--              accepted loan, a budget commitment; "planned" is only hoped for, "paid" is cash out).
-- The facts are read by the comune index (rollup_funding_facts_comune): the work grows with the Smart
-- Land's members, not with the region.
CREATE FUNCTION programme_figures(sl uuid)
RETURNS TABLE (comune varchar, stream uuid, year int, adhered_approved bigint, adhered_submitted bigint,
               registered bigint, secured bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_reads_smart_land(sl) THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH members AS (
    SELECT m."comuneIstat" AS c FROM "SmartLandMember" m WHERE m."smartLandId" = sl
  ), plans AS (
    SELECT p."comuneIstat" AS c, p."streamId" AS s, (e->>'year')::int AS y,
           sum(CASE WHEN p.status = 'APPROVED' THEN round((e->>'amount')::numeric * 100) ELSE 0 END)::bigint AS ap,
           sum(CASE WHEN p.status = 'SUBMITTED' THEN round((e->>'amount')::numeric * 100) ELSE 0 END)::bigint AS su
    FROM "LocalPlan" p CROSS JOIN LATERAL jsonb_array_elements(p.envelope) e
    WHERE p."smartLandId" = sl AND p.status IN ('APPROVED', 'SUBMITTED')
    GROUP BY 1, 2, 3
  ), facts AS (
    SELECT f.comune AS c, f.stream AS s, f.year AS y, sum(f.planned)::bigint AS re,
           sum(f.committed)::bigint AS se
    FROM rollup_funding_facts f
    WHERE f.comune IN (SELECT c FROM members) AND f.stream IS NOT NULL
    GROUP BY 1, 2, 3
  )
  SELECT COALESCE(pl.c, fa.c)::varchar, COALESCE(pl.s, fa.s), COALESCE(pl.y, fa.y),
         COALESCE(pl.ap, 0), COALESCE(pl.su, 0), COALESCE(fa.re, 0), COALESCE(fa.se, 0)
  FROM plans pl FULL JOIN facts fa ON fa.c = pl.c AND fa.s = pl.s AND fa.y = pl.y;
END $$;
REVOKE ALL ON FUNCTION programme_figures(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION programme_figures(uuid) TO smartland_app;
