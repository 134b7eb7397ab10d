-- Roll-up first views filtered by a stream or a theme and by years (issue 17, item 3). Those views read
-- the facts (no summary key fits: (comune, stream, start year, end year) has 129,167 keys for 150,300
-- project facts at Lombardy scale, (comune, stream, year) 137,692 for 450,889 funding facts), through the
-- stream index: a theme's ~27,000 project facts sit on 4,233 of the table's heap pages (every page: the
-- facts are not clustered by stream), its ~70,000 funding facts on 9,200. The stream indexes become
-- covering — stream and years as keys, the grouped and summed columns included — so those views read the
-- index alone (index-only scans: 353 and 670 pages, measured in docs/benchmarks.md). They replace the plain
-- stream indexes (same leading column, the same lookups), so a write updates as many indexes as before,
-- each entry wider. An index-only scan needs the visibility map: autovacuum keeps it; pages changed since
-- are read from the heap (Heap Fetches), the answer is the same.
DROP INDEX rollup_project_facts_stream;
CREATE INDEX rollup_project_facts_stream ON rollup_project_facts (stream, start_year, end_year)
  INCLUDE (comune, total_cost, planned, committed, paid, overdue);
DROP INDEX rollup_funding_facts_stream;
CREATE INDEX rollup_funding_facts_stream ON rollup_funding_facts (stream, year)
  INCLUDE (comune, planned, committed, paid);
