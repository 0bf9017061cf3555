-- 0004_claims.sql: claims and quotes (issue 4). Reference implementation: IngestCore/Claims (ClaimExtractor,
-- ClaimMatcher). Internal tables may change; the four views at the end are the stable interface.
--
-- Protocol (any number of workers at once):
--
--   T1, inside the batch transaction, for articles first stored by that batch (ResultStore.writeClaims):
--   upsert speakers by (pipeline_version, name) and claims by (pipeline_version, fingerprint), insert the new
--   claims' canonical tokens into claim_tokens and queue them in claim_link_pending, insert one claim_mentions row
--   per claim occurrence. A claim's descriptive columns (content, kind, speaker, polarity) come from its earliest
--   sighting, ordered by (article first_seen, article content_hash, content_start): a later batch bringing an
--   earlier sighting overwrites them (and re-queues the claim), so they never depend on arrival order.
--
--   T2, after commit (ResultStore.linkPendingClaims): take pending claims (FOR UPDATE SKIP LOCKED), find existing
--   claims of the same version sharing at least ClaimMatcher.minimumSharedTokens canonical tokens (claim_tokens,
--   reading at most ResultStore.claimPostingsPerToken claims per token, earliest first, so a common word costs
--   a bounded amount), judge each pair in Swift with ClaimMatcher.isSameClaim, and merge the variant groups of
--   matching pairs. Linkers serialise on one advisory lock, so merges never race. A pending claim's search runs
--   after its T1 committed, so of two claims the later-committed one always sees the other, unless every word
--   they share is carried by more than claimPostingsPerToken earlier claims.
--
--   A batch that gives a stored article an earlier first sighting (a resend with an earlier time) moves the
--   description of the claims it holds the earliest sighting of, and re-queues them
--   (ResultStore.refreshClaimSightings).
--
--   Variant groups are the connected components of the "same claim" graph, a function of the set of claims, not
--   of arrival order. claims.canonical_id names the group's canonical claim: its earliest member by
--   (first_seen, fingerprint).

-- One row per distinct resolved speaker (person or organisation) and pipeline version. Role and affiliation come
-- from the earliest sighting that has either (source_rank 0), else the earliest sighting.
CREATE TABLE speakers (
    speaker_id bigserial PRIMARY KEY,
    pipeline_version text NOT NULL REFERENCES pipeline_versions (version),
    name text NOT NULL,
    speaker_type text NOT NULL,
    role text,
    affiliation text,
    source_rank smallint NOT NULL,
    source_seen timestamptz NOT NULL,
    source_article text NOT NULL,
    source_start integer NOT NULL,
    UNIQUE (pipeline_version, name)
);

-- One row per distinct claim (fingerprint) and pipeline version.
CREATE TABLE claims (
    claim_id bigserial PRIMARY KEY,
    pipeline_version text NOT NULL REFERENCES pipeline_versions (version),
    -- ClaimMatcher fingerprint: 32 hex digits over the canonical token set of the content.
    fingerprint text NOT NULL,
    -- The earliest sighting's content, kind, speaker and polarity.
    content text NOT NULL,
    kind text NOT NULL,
    speaker_id bigint REFERENCES speakers (speaker_id),
    polarity text NOT NULL,
    -- The earliest sighting: its article's first_seen and content_hash, and where the content starts.
    first_seen timestamptz NOT NULL,
    first_article text NOT NULL,
    first_start integer NOT NULL,
    -- ClaimSignature: sorted unique canonical token hashes (UInt64 bit patterns, in unsigned order) and the
    -- subset that are numbers.
    tokens int8[] NOT NULL,
    numbers int8[] NOT NULL,
    -- The canonical claim of this claim's variant group (itself when it has no variants).
    canonical_id bigint NOT NULL,
    UNIQUE (pipeline_version, fingerprint)
);
CREATE INDEX claims_canonical ON claims (canonical_id);
CREATE INDEX claims_speaker ON claims (speaker_id);

-- Inverted index of canonical token hashes: candidates for variant linking.
CREATE TABLE claim_tokens (
    pipeline_version text NOT NULL,
    token_hash bigint NOT NULL,
    claim_id bigint NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
    PRIMARY KEY (pipeline_version, token_hash, claim_id)
);
CREATE INDEX claim_tokens_claim ON claim_tokens (claim_id);

-- Claims not yet compared with the others (new, or given an earlier sighting).
CREATE TABLE claim_link_pending (
    claim_id bigint PRIMARY KEY REFERENCES claims (claim_id) ON DELETE CASCADE,
    queued_at timestamptz NOT NULL DEFAULT now()
);

-- One row per claim occurrence in an article. Offsets are code points into articles.text, half-open:
-- substr(text, start + 1, end - start).
CREATE TABLE claim_mentions (
    article_id bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    -- Position of the claim in the article's extracted claims.
    mention_index integer NOT NULL,
    claim_id bigint NOT NULL REFERENCES claims (claim_id),
    -- The mention's own fingerprint (equals the claim's; kept so a mention reads on its own).
    fingerprint text NOT NULL,
    kind text NOT NULL,
    speaker_as_written text,
    speaker_resolved text,
    speaker_id bigint REFERENCES speakers (speaker_id),
    speaker_type text,
    role text,
    affiliation text,
    resolution text,
    speaker_start integer,
    speaker_end integer,
    -- The whole source phrase with role and appositive.
    speaker_phrase_start integer,
    speaker_phrase_end integer,
    cue text,
    cue_start integer,
    cue_end integer,
    content text NOT NULL,
    content_start integer NOT NULL,
    content_end integer NOT NULL,
    -- When the attribution interrupts the content: [start₀, end₀, start₁, end₁, ...]; empty otherwise.
    content_parts int4[] NOT NULL DEFAULT '{}',
    polarity text NOT NULL,
    reporting_source text,
    confidence double precision NOT NULL,
    check_worthiness double precision,
    sentence_index integer NOT NULL,
    pipeline_version text NOT NULL,
    PRIMARY KEY (article_id, mention_index),
    CHECK (content_start <= content_end),
    CHECK (cardinality(content_parts) % 2 = 0)
);
-- claim → articles (corroboration, shared claims between two articles); article → claims is the primary key.
CREATE INDEX claim_mentions_claim ON claim_mentions (claim_id);
CREATE INDEX claim_mentions_speaker ON claim_mentions (speaker_id) WHERE speaker_id IS NOT NULL;

-- Every outlet that carried each article: the storing outlet and every outlet that sent the same content.
CREATE VIEW article_outlets AS
SELECT a.article_id, a.outlet FROM current_articles a
UNION
SELECT s.article_id, s.outlet FROM article_sightings s JOIN current_articles a ON a.article_id = s.article_id;

-- Current-version mentions with their article, claim and variant group.
CREATE VIEW claim_mentions_current AS
SELECT
    m.*,
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

CREATE VIEW claim_corroboration AS
WITH carried AS (
    SELECT m.canonical_id, m.claim_id, m.article_id, m.first_seen, m.content_hash, m.content_start,
           m.check_worthiness, o.outlet,
           -- Independent: not a copy (exact, near-duplicate, reprint) of an earlier article carrying the claim.
           NOT EXISTS (
               SELECT 1 FROM claim_mentions_current e
               JOIN duplicate_edges d
                   ON d.article_a = least(e.article_id, m.article_id) AND d.article_b = greatest(e.article_id, m.article_id)
               WHERE e.canonical_id = m.canonical_id AND e.article_id <> m.article_id
                 AND d.kind IN ('exact', 'near-duplicate', 'reprint')
                 AND (e.first_seen, e.content_hash) < (m.first_seen, m.content_hash)
           ) AS independent
    FROM claim_mentions_current m
    JOIN article_outlets o ON o.article_id = m.article_id
)
SELECT
    k.fingerprint AS claim,
    k.content,
    sp.name AS speaker,
    k.kind,
    array_agg(DISTINCT x.outlet ORDER BY x.outlet) AS outlets,
    count(DISTINCT x.outlet) AS outlet_count,
    count(DISTINCT x.claim_id) AS variant_count,
    max(x.check_worthiness) AS check_worthiness,
    min(x.first_seen) AS first_seen,
    (array_agg(x.outlet ORDER BY x.first_seen, x.content_hash, x.content_start, x.outlet))[1] AS first_outlet,
    count(DISTINCT x.article_id) FILTER (WHERE x.independent) AS independent_sources
FROM carried x
JOIN claims k ON k.claim_id = x.canonical_id
LEFT JOIN speakers sp ON sp.speaker_id = k.speaker_id
GROUP BY k.claim_id, sp.name;
COMMENT ON VIEW claim_corroboration IS
    'One row per claim (variant group, named by its canonical fingerprint `claim`): the canonical content, speaker '
    'and kind of its earliest sighting, the sorted outlets carrying it or a variant of it, how many, the number '
    'of variant wordings, the highest check-worthiness of an unattributed sighting (0..1, else null), when and '
    'where it was first seen, and independent_sources: the articles carrying it that are not copies (exact, '
    'near-duplicate or reprint, from duplicate_pairs) of an earlier article carrying it, so a wire story and its '
    'reprints count once.';

CREATE VIEW claims_by_story AS
WITH m AS (
    SELECT coalesce(st.story_key, x.content_hash) AS story_key, x.canonical_id, o.outlet
    FROM claim_mentions_current x
    JOIN article_outlets o ON o.article_id = x.article_id
    LEFT JOIN story_members sm ON sm.article_id = x.article_id
    LEFT JOIN stories st ON st.story_id = sm.story_id
)
SELECT
    m.story_key,
    k.fingerprint AS claim,
    k.kind,
    sp.name AS speaker,
    k.content,
    count(DISTINCT m.outlet) AS outlet_count,
    array_agg(DISTINCT m.outlet ORDER BY m.outlet) AS outlets
FROM m
JOIN claims k ON k.claim_id = m.canonical_id
LEFT JOIN speakers sp ON sp.speaker_id = k.speaker_id
GROUP BY m.story_key, k.claim_id, sp.name;
COMMENT ON VIEW claims_by_story IS
    'One row per story and claim (variant group): story_key from stories (an article without a story is its own '
    'story, keyed by its content_hash), the claim''s canonical fingerprint, kind, speaker and content, and the '
    'outlets in that story carrying it.';

CREATE VIEW quotes_by_speaker AS
SELECT
    sp.name AS speaker,
    m.speaker_type,
    m.role,
    m.affiliation,
    m.speaker_as_written,
    m.resolution,
    m.content,
    m.kind,
    m.polarity,
    m.claim_fingerprint AS claim,
    k.fingerprint AS canonical_claim,
    m.content_hash AS article,
    m.title,
    m.article_outlet AS outlet,
    m.published_date,
    m.first_seen,
    m.content_start,
    m.content_end
FROM claim_mentions_current m
JOIN speakers sp ON sp.speaker_id = m.speaker_id
JOIN claims k ON k.claim_id = m.canonical_id;
COMMENT ON VIEW quotes_by_speaker IS
    'One row per attributed claim whose speaker was resolved: the resolved speaker, role and affiliation as given '
    'at that mention, the content as written there, its kind and claim fingerprints (own and canonical), the '
    'article (content_hash, title), its storing outlet, published date and first seen, and the content offsets.';

CREATE VIEW quote_variants AS
WITH m AS (
    SELECT x.canonical_id, x.claim_id, x.kind, o.outlet
    FROM claim_mentions_current x
    JOIN article_outlets o ON o.article_id = x.article_id
),
quoted AS (
    SELECT canonical_id FROM m WHERE kind IN ('direct-quote', 'partial-quote') GROUP BY canonical_id
),
wordings AS (
    SELECT
        m.canonical_id,
        m.claim_id,
        array_agg(DISTINCT m.outlet ORDER BY m.outlet) AS outlets,
        count(DISTINCT m.outlet) AS outlet_count
    FROM m JOIN quoted q ON q.canonical_id = m.canonical_id
    GROUP BY m.canonical_id, m.claim_id
)
SELECT
    k.fingerprint AS claim,
    w.fingerprint AS wording,
    w.content,
    w.kind,
    x.outlets,
    x.outlet_count,
    count(*) OVER (PARTITION BY x.canonical_id) AS wording_count,
    count(*) OVER (PARTITION BY x.canonical_id) > 1 AS wording_differs,
    w.claim_id = k.claim_id AS is_canonical
FROM wordings x
JOIN claims k ON k.claim_id = x.canonical_id
JOIN claims w ON w.claim_id = x.claim_id;
COMMENT ON VIEW quote_variants IS
    'One row per distinct wording (claim fingerprint) of every quoted claim: the canonical claim, the wording''s '
    'fingerprint and content (earliest sighting), the outlets carrying that wording, how many wordings the claim '
    'has and whether they differ (an altered quote), and which wording is canonical.';

GRANT SELECT ON claim_corroboration, claims_by_story, quotes_by_speaker, quote_variants TO newsingest_reader;
