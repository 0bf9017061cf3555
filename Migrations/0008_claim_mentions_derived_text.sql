-- Claims protocol (0001's description, T1 and T2, changed in two points by this version of the writer; no SQL):
--   T1 inserts speakers and claims ON CONFLICT DO NOTHING and locks a stored row only when the batch holds an
--   earlier sighting of it: after queueing the claim, with its canonical claim, in ascending id order.
--   T2 locks its groups' canonical rows in ascending id order (as before); when one changed while it waited, it
--   rolls back to a savepoint, reads the groups again and relocks (ResultStore.claimLockRounds times) before 40001.
--
-- claim_mentions no longer stores what it can read elsewhere (about 4 KB of its 9 KB per article):
--   content, cue, speaker_as_written   substrings of the article's stored text at the mention's own offsets
--                                       (the offsets are code points into articles.text, half-open);
--   fingerprint                         the claim's (claims.fingerprint), which it always equalled.
-- claim_mentions_current, and so every public view built on it, computes them with the same names, types and
-- meanings as before, in the same column positions. Existing rows need no conversion: their stored values were
-- exactly these (ClaimStoreTests.offsetsSliceTheStoredTextBackToTheStoredParts), and dropping a column leaves
-- the old rows readable without them.
CREATE OR REPLACE VIEW claim_mentions_current AS
SELECT
    m.article_id,
    m.mention_index,
    m.claim_id,
    c.fingerprint,
    m.kind,
    substr(a.text, m.speaker_start + 1, m.speaker_end - m.speaker_start) AS speaker_as_written,
    m.speaker_resolved,
    m.speaker_id,
    m.speaker_type,
    m.role,
    m.affiliation,
    m.resolution,
    m.speaker_start,
    m.speaker_end,
    m.speaker_phrase_start,
    m.speaker_phrase_end,
    substr(a.text, m.cue_start + 1, m.cue_end - m.cue_start) AS cue,
    m.cue_start,
    m.cue_end,
    substr(a.text, m.content_start + 1, m.content_end - m.content_start) AS content,
    m.content_start,
    m.content_end,
    m.content_parts,
    m.polarity,
    m.reporting_source,
    m.confidence,
    m.check_worthiness,
    m.sentence_index,
    m.pipeline_version,
    c.canonical_id,
    c.fingerprint AS claim_fingerprint,
    a.content_hash,
    a.article_key,
    a.outlet AS article_outlet,
    a.title,
    a.published_date,
    a.first_seen
FROM claim_mentions m
JOIN current_articles a ON a.article_id = m.article_id
JOIN claims c ON c.claim_id = m.claim_id;

ALTER TABLE claim_mentions
    DROP COLUMN fingerprint,
    DROP COLUMN speaker_as_written,
    DROP COLUMN cue,
    DROP COLUMN content;
