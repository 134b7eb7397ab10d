-- Which of the given CUPs a live project of ANOTHER comune already uses (lib/import/stored.ts: a CUP names
-- one project nationally, so the import refuses it). Row-level security hides those projects from an
-- officer; this definer function answers that one question and nothing more: it returns only CUPs among
-- those asked, never the project, its comune or anything else. The caller's comune is the transaction's
-- (app.comune, set by withActor), not a parameter, and only an officer (the only importer) gets an answer.
-- It replaces a trial INSERT in a savepoint that was always rolled back.
CREATE FUNCTION cups_taken_elsewhere(cups text[]) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT p."cup"::text
  FROM "Project" p
  WHERE app_role() = 'OFFICER'
    AND p."cup" = ANY (cups)
    AND p."deletedAt" IS NULL
    AND p."comuneIstat" <> app_comune()
$$;
REVOKE ALL ON FUNCTION cups_taken_elsewhere(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cups_taken_elsewhere(text[]) TO smartland_app;
