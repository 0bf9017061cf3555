-- 0014_key_tables_vacuum_by_inserts.sql: the insert-only key tables that linking reads by index only are vacuumed
-- after a fixed number of inserted rows, not after a fifth of the table.
--
-- The postings reads (StoryLinking.swift: lsh_band, sentence_index; ClaimLinking.swift: claim_tokens) are index-only
-- scans, which still read the heap page of every row on a page the visibility map does not mark all-visible. Only
-- vacuum sets those marks, and by default autovacuum vacuums an insert-only table after 1,000 + 20 % of its rows
-- were inserted: the unmarked tail grows with the table (with 100,000 articles stored, 11 % of lsh_band and
-- sentence_index pages plus every row of the next ~20,000 articles). Measured on the kept 100,000-article bench
-- database, the postings read of 500 articles' keys: 40,031 + 95,173 heap fetches and 210,000 buffers before
-- VACUUM, none and 75,000 buffers after (and 590 → 385 ms), the VACUUMs themselves taking 0.04 and 0.28 s.
-- About the rows of 1,000 articles each (lsh_band ~20 per article, sentence_index ~38, claim_tokens ~3):
-- autovacuum then runs at most once per autovacuum_naptime (a minute) per table, on the pages added since the
-- last run only (an insert-only vacuum skips the marked pages and, with nothing deleted, the index scans).
-- Per-table storage parameters: no server setting changes, and no view's result can change.
ALTER TABLE lsh_band SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000);
ALTER TABLE sentence_index SET (
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 40000
);
ALTER TABLE claim_tokens SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);
