-- 0022_key_tables_unlogged.sql: the story candidate key tables are unlogged; their rows are derived from
-- article_minhash, and story linking rebuilds them from it when PostgreSQL has emptied them.
--
-- lsh_band and sentence_index hold no fact of their own: every row is (an indexed key, an article) that the
-- article's article_minhash row lists (band_keys; sentence_hashes, sentence_anchors and quote_keys, sampled by
-- DedupKeySampling). Logged, their COPYs wrote 40 % of the WAL with 100,000 articles stored (sentence_index 28 MB
-- and lsh_band 15 MB of 107 MB per 1,000 articles, mostly whole index pages logged again after each checkpoint).
-- Unlogged, the same 8,000-article phases wrote 50 instead of 107 MB of WAL per 1,000 articles (checkpoints came
-- less often, so other tables' pages were logged whole less often too) and ran 14 % faster, empty or with 100,000
-- stored (Deploy/SCALING.md, step 26).
--
-- What unlogged costs: after a crash (not a clean shutdown) PostgreSQL empties unlogged tables, and a standby has
-- them empty (so a promoted one starts with them empty). dedup_keys_intact, unlogged too, has its one row emptied
-- with them: every story-linking step reads it first, and when it is empty both tables are rebuilt from
-- article_minhash, in a transaction that locks them exclusive first, before the step reads any postings
-- (StoryLinking.swift, DedupKeyRebuild.swift).
-- Batches that commit meanwhile write their own key rows; the rebuild locks the tables, deletes what they hold and
-- writes every stored article's keys, theirs included. pg_dump copies unlogged tables' rows as any others.
--
-- SET UNLOGGED rewrites each table once (seconds per 100,000 articles here); the rewritten tables have no page
-- marked all-visible until autovacuum's next visit (Migrations/0014).
ALTER TABLE lsh_band SET UNLOGGED;
ALTER TABLE sentence_index SET UNLOGGED;

CREATE UNLOGGED TABLE dedup_keys_intact (
    intact boolean PRIMARY KEY DEFAULT true CHECK (intact)
);
INSERT INTO dedup_keys_intact DEFAULT VALUES;
COMMENT ON TABLE dedup_keys_intact IS
    'One row while lsh_band and sentence_index hold every stored article''s keys; PostgreSQL empties it with them '
    'after a crash, and story linking then rebuilds them from article_minhash (Migrations/0022).';
-- Workers rebuild: they lock the tables exclusive and delete their rows (LOCK ... ACCESS EXCLUSIVE needs one of
-- UPDATE, DELETE or TRUNCATE; the default privileges of 0001 give newsingest_writer the first two on new tables).
GRANT SELECT, INSERT, UPDATE, DELETE ON dedup_keys_intact TO newsingest_writer;
