-- Issue #17, first views of the roll-up with a stream or a theme (docs/benchmarks.md):
--
-- 1. A stream with years (or a theme with years) needs the money by comune of that stream's funding lines
--    in those years: from the facts, an index-only scan of 184,000-371,000 rows and a hash aggregate of as
--    many at Italy scale (195-315 ms, one stream to two). The (comune, stream, year) summary of migration
--    rollup_funding_stream_summary holds the same money in about a third of the rows (723,757 keys against
--    2,367,964 facts at Italy scale): the roll-up reads it through a view like the other summaries', with
--    an index led by (stream, year) so that one stream's years are a range, not a scan.
-- 2. A stream with a health or status filter: the covering stream index of the project facts had neither
--    column, so each of a stream's 79,000 projects (Italy scale) was read from the heap to test it (185 ms).
--    The index carries both now, and the filter is tested on the index entry (an index-only scan).

CREATE VIEW rollup_funding_stream_sums WITH (security_barrier) AS
  SELECT comune, stream, year, lines, planned, committed, paid
  FROM rollup_funding_stream_summary WHERE app_reads_all();
REVOKE ALL ON rollup_funding_stream_sums FROM smartland_app;
GRANT SELECT ON rollup_funding_stream_sums TO smartland_app;

CREATE INDEX rollup_funding_stream_summary_stream ON rollup_funding_stream_summary (stream, year)
  INCLUDE (comune, lines, planned, committed, paid);

DROP INDEX rollup_project_facts_stream;
CREATE INDEX rollup_project_facts_stream ON rollup_project_facts (stream, start_year, end_year)
  INCLUDE (comune, status, health, total_cost, planned, committed, paid, overdue);
