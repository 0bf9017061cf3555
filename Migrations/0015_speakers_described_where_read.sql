-- 0015_speakers_described_where_read.sql: a speaker's description (type, role, affiliation of its earliest
-- sighting) is derived where it is read, from the mentions, instead of kept in its speakers row. Batches updated
-- that row whenever they held an earlier sighting, so two workers whose batches named a popular speaker waited on
-- each other's open transaction until commit (2 workers: 123 ms per 1,000 articles of waits on speaker rows with an
-- empty database, 226 ms with 100,000 stored). A speakers row is now the name's id only: written once (committed
-- before its first batch, NewSpeakers.swift) and never updated, so no batch locks one.
--
-- The description was read by no view (the claim views show the speaker's name; quotes_by_speaker the role and
-- affiliation each mention gives), and every mention keeps its speaker's type, role, affiliation and position. It
-- follows the same rule as before, now over the articles' current first_seen, so an article resent with an earlier
-- time moves it too.
ALTER TABLE speakers
    DROP COLUMN speaker_type,
    DROP COLUMN role,
    DROP COLUMN affiliation,
    DROP COLUMN source_rank,
    DROP COLUMN source_seen,
    DROP COLUMN source_article,
    DROP COLUMN source_start;
COMMENT ON TABLE speakers IS
    'One row per distinct resolved speaker name and pipeline version: its id, never updated. The description is '
    'derived where read (speaker_profiles).';

-- Per speaker one index probe (claim_mentions_speaker), so a lookup by name reads only that speaker's mentions.
CREATE VIEW speaker_profiles AS
SELECT
    sp.name AS speaker,
    d.speaker_type,
    d.role,
    d.affiliation,
    d.first_seen,
    d.content_hash AS article,
    d.outlet
FROM speakers sp
CROSS JOIN LATERAL (
    SELECT m.speaker_type, m.role, m.affiliation, a.first_seen, a.content_hash, a.outlet
    FROM claim_mentions m
    JOIN current_articles a ON a.article_id = m.article_id
    WHERE m.speaker_id = sp.speaker_id
    ORDER BY (m.role IS NULL AND m.affiliation IS NULL), a.first_seen, a.content_hash, m.speaker_start,
             m.speaker_type, m.role, m.affiliation
    LIMIT 1
) d
WHERE sp.pipeline_version = current_pipeline_version();
COMMENT ON VIEW speaker_profiles IS
    'One row per resolved speaker quoted in a stored article: the speaker, and the type, role and affiliation of '
    'its earliest sighting that gives a role or affiliation (else its earliest sighting), with that sighting''s '
    'first_seen, article (content_hash) and storing outlet. Earliest by (first_seen, content_hash, position), so '
    'it does not depend on arrival order.';

GRANT SELECT ON speaker_profiles TO newsingest_reader;
