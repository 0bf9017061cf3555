-- 0002_dedup.sql: dedup fingerprints, candidate indexes, duplicate edges and stories (PostgreSQL 15).
--
-- Reference implementation: IngestCore/Dedup (Fingerprinter, Similarity.compare, StoryClustering). The database
-- finds candidates and keeps the graph; the verdict on a pair is always computed in Swift by Similarity.compare,
-- a pure, symmetric function of the two articles' fingerprints.
--
-- Concurrency protocol (any number of workers at once):
--
--   T1, one transaction per new article: insert the article (0001), its row in article_minhash, its band keys in
--   lsh_band, its sentence hashes and anchors in sentence_index, and a singleton story
--   (stories.story_id = article_id, story_members row). Commit. Every ON CONFLICT DO NOTHING, so replays are no-ops.
--
--   T2, after T1 committed ("publish, then search"): candidates = articles sharing a band key, a sentence hash or
--   an anchor (see the example query at the end). Load their article_minhash rows, judge each pair with
--   Similarity.compare, insert duplicate_edges (article_a < article_b, ON CONFLICT DO NOTHING), then call
--   dedup_merge_stories(article, ids judged same-story). Retry T2 on SQLSTATE 40001 or 40P01.
--
--   Why no pair is missed: each worker's candidate query runs after its own T1 committed. If A's query did not
--   see B, then B committed after that query started, hence after A committed, so B's query sees A. Every pair
--   sharing a key is judged by at least one worker; both may judge it, and the verdict is the same.
--
--   Why merges are safe: dedup_merge_stories locks the stories rows it merges with SELECT ... FOR UPDATE in
--   ascending story_id order (no lock cycles, so no deadlocks between merges), re-reads the memberships after
--   locking, and raises 40001 if a story it read was merged meanwhile; the caller retries with fresh data. Two
--   near-duplicates processed at the same moment by two workers therefore always end in one story.
--
--   Why grouping does not depend on arrival order: the edges are a function of fingerprint pairs and every
--   candidate pair is judged, so the stories are the connected components of one graph whatever the order.
--   story_id is a surrogate (the smallest story id wins a merge); the order-independent name of a story is
--   stories.story_key = the smallest content_hash of its members, the id StoryClustering gives in memory.

-- The fingerprints of each article, for verifying candidate pairs.
CREATE TABLE article_minhash (
    article_id bigint PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
    -- Parameters the signature was computed with, e.g. 'w2-k128-b42x3'; signatures with other parameters are
    -- not comparable and must be recomputed.
    parameters text NOT NULL,
    -- MinHash values (UInt32 stored as their int4 bit pattern).
    signature int4[] NOT NULL,
    -- Hash of the normalised word sequence: equal values mean an exact resend despite formatting changes.
    token_hash bigint NOT NULL,
    sentence_hashes int8[] NOT NULL,
    -- Two per sentence hash: prefix and suffix anchors.
    sentence_anchors int8[] NOT NULL,
    pipeline_version text NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(sentence_anchors) = 2 * cardinality(sentence_hashes))
);

CREATE INDEX article_minhash_token_hash ON article_minhash (token_hash) WHERE token_hash <> 0;

-- LSH: one row per (band key, article). The primary key is the band_key index candidate search uses.
CREATE TABLE lsh_band (
    band_key bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
);

CREATE INDEX lsh_band_article ON lsh_band (article_id);

-- Partial-reprint search: sentence hashes (kind 0) and prefix/suffix anchors (kinds 1 and 2). They are differently
-- seeded hashes, so one key space holds all three.
CREATE TABLE sentence_index (
    sentence_hash bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    kind smallint NOT NULL CHECK (kind IN (0, 1, 2)),
    PRIMARY KEY (sentence_hash, article_id)
);

CREATE INDEX sentence_index_article ON sentence_index (article_id);

-- Judged pairs, one row per unordered pair; only pairs with a relation other than 'none' are kept.
CREATE TABLE duplicate_edges (
    article_a bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    article_b bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('exact', 'near-duplicate', 'reprint', 'related')),
    score real NOT NULL CHECK (score >= 0 AND score <= 1),
    estimated_jaccard real NOT NULL,
    containment real NOT NULL,
    shared_sentences integer NOT NULL,
    -- Whether the pair joins one story (every copy relation; related pairs sharing enough sentences or claims).
    same_story boolean NOT NULL,
    pipeline_version text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_a, article_b),
    CHECK (article_a < article_b)
);

CREATE INDEX duplicate_edges_b ON duplicate_edges (article_b);

CREATE TABLE stories (
    -- Surrogate: the article id of the article that created the story; a merge keeps the smallest.
    story_id bigint PRIMARY KEY,
    -- Order-independent name: the smallest content_hash among the members.
    story_key text NOT NULL,
    article_count integer NOT NULL DEFAULT 1 CHECK (article_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Set when the story was merged into another; its members moved there. Kept so readers can follow it.
    merged_into bigint REFERENCES stories (story_id),
    CHECK (merged_into IS NULL OR merged_into < story_id)
);

CREATE INDEX stories_live ON stories (story_key) WHERE merged_into IS NULL;

CREATE TABLE story_members (
    article_id bigint PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
    story_id bigint NOT NULL REFERENCES stories (story_id),
    joined_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX story_members_story ON story_members (story_id);

CREATE TABLE story_merges (
    merged_story bigint PRIMARY KEY REFERENCES stories (story_id),
    into_story bigint NOT NULL REFERENCES stories (story_id),
    at timestamptz NOT NULL DEFAULT now(),
    by_article bigint REFERENCES articles (article_id) ON DELETE SET NULL,
    CHECK (into_story < merged_story)
);

-- T1 helper: the singleton story of a new article (idempotent).
CREATE FUNCTION dedup_create_story(p_article bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stories (story_id, story_key)
    SELECT article_id, content_hash FROM articles WHERE article_id = p_article
    ON CONFLICT (story_id) DO NOTHING;
    INSERT INTO story_members (article_id, story_id) VALUES (p_article, p_article)
    ON CONFLICT (article_id) DO NOTHING;
    RETURN (SELECT story_id FROM story_members WHERE article_id = p_article);
END;
$$;

-- T2: puts p_article and every article in p_linked into one story, merging stories as needed; returns its id.
-- Every article must already have a story (dedup_create_story in T1). Raises 40001 when a concurrent merge
-- changed the stories involved between reading and locking them: retry the transaction.
CREATE FUNCTION dedup_merge_stories(p_article bigint, p_linked bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_articles bigint[] := array_append(coalesce(p_linked, '{}'), p_article);
    v_stories bigint[];
    v_after bigint[];
    v_target bigint;
    v_merged bigint[];
BEGIN
    SELECT array_agg(DISTINCT story_id ORDER BY story_id) INTO v_stories
    FROM story_members WHERE article_id = ANY (v_articles);
    IF v_stories IS NULL OR cardinality(v_stories) = 0 THEN
        RAISE EXCEPTION 'article % has no story; call dedup_create_story first', p_article
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF cardinality(v_stories) = 1 THEN
        RETURN v_stories[1];
    END IF;
    -- Lock in ascending order: concurrent merges never wait on each other in a cycle.
    PERFORM 1 FROM stories WHERE story_id = ANY (v_stories) ORDER BY story_id FOR UPDATE;
    SELECT array_agg(DISTINCT story_id ORDER BY story_id) INTO v_after
    FROM story_members WHERE article_id = ANY (v_articles);
    IF v_after IS DISTINCT FROM v_stories
        OR EXISTS (SELECT 1 FROM stories WHERE story_id = ANY (v_stories) AND merged_into IS NOT NULL)
    THEN
        RAISE EXCEPTION 'stories % changed while merging; retry', v_stories USING ERRCODE = 'serialization_failure';
    END IF;
    v_target := v_stories[1];
    v_merged := v_stories[2:];
    UPDATE story_members SET story_id = v_target WHERE story_id = ANY (v_merged);
    UPDATE stories t
    SET story_key = least(t.story_key, m.min_key),
        article_count = t.article_count + m.total,
        updated_at = now()
    FROM (
        SELECT min(story_key) AS min_key, sum(article_count)::integer AS total FROM stories WHERE story_id = ANY (v_merged)
    ) m
    WHERE t.story_id = v_target;
    UPDATE stories SET merged_into = v_target, article_count = 0, updated_at = now() WHERE story_id = ANY (v_merged);
    INSERT INTO story_merges (merged_story, into_story, by_article)
    SELECT merged, v_target, p_article FROM unnest(v_merged) AS merged;
    RETURN v_target;
END;
$$;

-- Every article of every story, with its relation to the story's earliest article (first seen, then lowest id):
-- 'earliest' for that article itself, the kind of their edge when they were judged directly, else 'indirect'
-- (joined through other members) with a null score.
CREATE VIEW story_articles AS
WITH members AS (
    SELECT
        m.story_id,
        m.article_id,
        a.outlet,
        a.title,
        a.first_seen,
        a.content_hash,
        first_value(m.article_id) OVER (
            PARTITION BY m.story_id ORDER BY a.first_seen, m.article_id
        ) AS earliest_article
    FROM story_members m
    JOIN articles a ON a.article_id = m.article_id
)
SELECT
    s.story_id,
    s.story_key,
    x.article_id,
    x.outlet,
    x.title,
    x.first_seen,
    x.content_hash,
    x.earliest_article,
    CASE WHEN x.article_id = x.earliest_article THEN 'earliest' ELSE coalesce(e.kind, 'indirect') END AS relation,
    CASE WHEN x.article_id = x.earliest_article THEN 1.0::real ELSE e.score END AS score
FROM members x
JOIN stories s ON s.story_id = x.story_id
LEFT JOIN duplicate_edges e
    ON e.article_a = least(x.article_id, x.earliest_article)
    AND e.article_b = greatest(x.article_id, x.earliest_article);

-- Every judged pair with its relation and score, both articles described.
CREATE VIEW duplicate_pairs AS
SELECT
    e.article_a,
    e.article_b,
    e.kind,
    e.score,
    e.same_story,
    e.estimated_jaccard,
    e.containment,
    e.shared_sentences,
    a.outlet AS outlet_a,
    a.title AS title_a,
    b.outlet AS outlet_b,
    b.title AS title_b,
    e.created_at
FROM duplicate_edges e
JOIN articles a ON a.article_id = e.article_a
JOIN articles b ON b.article_id = e.article_b;

-- Candidate search used in T2 (for reference; $1 = article id, $2 = band keys, $3 = sentence hashes and anchors):
--   SELECT article_id FROM lsh_band WHERE band_key = ANY ($2) AND article_id <> $1
--   UNION
--   SELECT article_id FROM sentence_index WHERE sentence_hash = ANY ($3) AND article_id <> $1;
