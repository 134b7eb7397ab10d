-- Issue #17, first views of the roll-up with a province and a status, or a province with a source and years
-- (24 of the bench's 71 combinations; docs/benchmarks.md, 07/12/2026): these read the facts, and the
-- province indexes had only the province, so every fact of the province was fetched from the heap to test
-- the other filters — 6,769 heap pages for Brescia's 40,500 funding facts to keep the 5,401 of PNRR since
-- 2022 (28 ms), 3,802 pages for its 13,500 project facts (16.6 ms). Covering indexes, as the stream ones
-- (migration rollup_covering_indexes): the funding facts keyed by province, source and year (a source's
-- years are a range of the index), the project facts by province and years, with the grouped, filtered and
-- summed columns included, so these views are index-only scans: 2.3 and 8.1 ms for the same two statements,
-- 10–22 ms for a province with a status. Cost: each is about the size of its table (the facts' writes add one
-- entry to each, as they did to the narrower indexes).

DROP INDEX rollup_funding_facts_province;
CREATE INDEX rollup_funding_facts_province ON rollup_funding_facts (province, source, year)
  INCLUDE (stream, comune, status, health, planned, committed, paid);

DROP INDEX rollup_project_facts_province;
CREATE INDEX rollup_project_facts_province ON rollup_project_facts (province, start_year, end_year)
  INCLUDE (comune, stream, status, health, sources, total_cost, planned, committed, paid, overdue);
