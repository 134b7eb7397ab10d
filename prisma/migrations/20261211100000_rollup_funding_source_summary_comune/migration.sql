-- Issue #17, first views of a Smart Land that is not most of the region (the bench's slowest first view:
-- a Smart Land of 133 comuni, 45–166 ms in-process, docs/benchmarks.md): its money by source and by year was
-- grouped from its members' funding facts, 39,889 lines fetched from the heap through the comune index
-- (56 ms for that statement). The (comune, source, year) summary (migration rollup_source_summaries) has the
-- same money in 13,485 keys for those comuni; its key index holds the base rows only (WHERE NOT delta), so
-- a covering index on the comune, base and delta rows alike, makes the same statement an index-only scan:
-- 10.6 ms. Cost: one more entry per key (the summary's writes are appended delta rows, folded by
-- rollup_summary_compact()).
CREATE INDEX rollup_funding_source_summary_comune ON rollup_funding_source_summary (comune)
  INCLUDE (source, year, lines, planned, committed, paid);
