-- 0013_claim_rows_without_row_checks.sql: the claim tables' foreign keys are checked once per statement, not once per
-- row. Each referencing row cost a referential query and a KEY SHARE lock on the row it names: about 60 checks per
-- article for claim_mentions (article, claim, speaker) and 35 more for claims, speakers and claim_link_pending, 19 %
-- of the batch connection's CPU (perf, quick bench). Every such row is written by the batch transaction from rows it
-- has just inserted or joined (ClaimWrite.swift), as lsh_band, sentence_index and claim_tokens always were.
-- What the keys did on delete stays, for the whole statement at once:
--   deleting articles deletes their claim_mentions (was ON DELETE CASCADE);
--   deleting claims deletes their claim_link_pending rows (was ON DELETE CASCADE), and fails with 23503 while a
--   mention still names one (was NO ACTION);
--   deleting speakers fails with 23503 while a claim or mention names one; deleting a pipeline version fails while
--   a speaker or claim of it is stored (were NO ACTION).
ALTER TABLE claim_mentions
    DROP CONSTRAINT claim_mentions_article_id_fkey,
    DROP CONSTRAINT claim_mentions_claim_id_fkey,
    DROP CONSTRAINT claim_mentions_speaker_id_fkey;
ALTER TABLE claims DROP CONSTRAINT claims_pipeline_version_fkey, DROP CONSTRAINT claims_speaker_id_fkey;
ALTER TABLE speakers DROP CONSTRAINT speakers_pipeline_version_fkey;
ALTER TABLE claim_link_pending DROP CONSTRAINT claim_link_pending_claim_id_fkey;
-- Read by nothing (idx_scan 0 in the bench): the views reach speakers from claims by the speakers' primary key. It
-- served the speakers key's delete check, which the trigger below makes with a scan (speakers are never deleted by
-- workers).
DROP INDEX claims_speaker;

CREATE FUNCTION claims_drop_article_mentions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM claim_mentions m USING gone g WHERE m.article_id = g.article_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_drop_article_mentions AFTER DELETE ON articles
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_drop_article_mentions();

CREATE FUNCTION claims_keep_mentioned() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM claim_link_pending p USING gone g WHERE p.claim_id = g.claim_id;
    IF EXISTS (SELECT 1 FROM claim_mentions m JOIN gone g ON g.claim_id = m.claim_id) THEN
        RAISE EXCEPTION 'claims still named by claim_mentions cannot be deleted' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_keep_mentioned AFTER DELETE ON claims
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_keep_mentioned();

CREATE FUNCTION claims_keep_speakers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM claims c JOIN gone g ON g.speaker_id = c.speaker_id)
        OR EXISTS (SELECT 1 FROM claim_mentions m JOIN gone g ON g.speaker_id = m.speaker_id)
    THEN
        RAISE EXCEPTION 'speakers still named by claims cannot be deleted' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_keep_speakers AFTER DELETE ON speakers
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_keep_speakers();

CREATE FUNCTION claims_keep_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM claims c JOIN gone g ON g.version = c.pipeline_version)
        OR EXISTS (SELECT 1 FROM speakers s JOIN gone g ON g.version = s.pipeline_version)
    THEN
        RAISE EXCEPTION 'pipeline versions with stored claims cannot be deleted'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_keep_versions AFTER DELETE ON pipeline_versions
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_keep_versions();

-- No query filters on these arrays (they are read whole, by row), but (auto)analyze built element statistics for
-- each: 106 of ANALYZE claims' 335 ms and 117 of ANALYZE article_minhash's 131 ms with 3,000 bench articles.
ALTER TABLE claims ALTER COLUMN tokens SET STATISTICS 0, ALTER COLUMN numbers SET STATISTICS 0;
ALTER TABLE article_minhash
    ALTER COLUMN signature SET STATISTICS 0,
    ALTER COLUMN band_keys SET STATISTICS 0,
    ALTER COLUMN sentence_hashes SET STATISTICS 0,
    ALTER COLUMN sentence_anchors SET STATISTICS 0,
    ALTER COLUMN quote_keys SET STATISTICS 0;
ALTER TABLE claim_mentions ALTER COLUMN content_parts SET STATISTICS 0;
