-- The cost of one write to the roll-up (docs/benchmarks.md, issue #17): 300 single-row statements on 100
-- random live projects — a funding line insert, then the project's cost update — timed inside PostgreSQL,
-- and the rows the statements touched in the roll-up tables. Everything is rolled back.
-- Run as the owner on a bench database:
--   psql "$DATABASE_URL" -f scripts/bench/rollup-write-cost.sql
BEGIN;
CREATE TEMP TABLE wc_p ON COMMIT DROP AS
  SELECT id, "comuneIstat" FROM "Project" WHERE "deletedAt" IS NULL ORDER BY md5(id::text) LIMIT 100;
DO $$
DECLARE r record; t0 timestamptz; t_ins interval := '0'; t_upd interval := '0'; n int := 0;
BEGIN
  FOR i IN 1..3 LOOP
    FOR r IN SELECT * FROM wc_p LOOP
      t0 := clock_timestamp();
      INSERT INTO "FundingLine" ("projectId", "comuneIstat", source, year, "amountPlanned", "amountCommitted", "amountPaid")
        VALUES (r.id, r."comuneIstat", 'PNRR', 2026, 1000.01, 10, 1);
      t_ins := t_ins + (clock_timestamp() - t0);
      t0 := clock_timestamp();
      UPDATE "Project" SET "totalCost" = "totalCost" + 1 WHERE id = r.id;
      t_upd := t_upd + (clock_timestamp() - t0);
      n := n + 1;
    END LOOP;
  END LOOP;
  RAISE NOTICE 'funding line insert % ms, project update % ms (mean of %)',
    round((extract(epoch FROM t_ins) * 1000 / n)::numeric, 3), round((extract(epoch FROM t_upd) * 1000 / n)::numeric, 3), n;
END $$;
SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables
 WHERE relname LIKE 'rollup%' OR relname IN ('FundingLine', 'Project') ORDER BY 1;
ROLLBACK;
