-- 0003_dedup_store.sql: dedup fingerprints, candidate indexes, duplicate edges and stories (PostgreSQL 15).
--
-- Replaces the first draft of 0002_dedup.sql, whose objects were never written to (the worker did not store
-- dedup results before this migration), so they are dropped rather than altered. 0002 stays as it was applied.

DROP VIEW IF EXISTS story_articles, duplicate_pairs;
DROP FUNCTION IF EXISTS dedup_create_story(bigint);
DROP FUNCTION IF EXISTS dedup_merge_stories(bigint, bigint[]);
DROP TABLE IF EXISTS story_merges, story_members, stories, duplicate_edges, sentence_index, lsh_band, article_minhash;
--
-- Reference implementation: IngestCore/Dedup (Fingerprinter, Similarity.compare, StoryClustering). The database
-- finds candidates and keeps the graph; the verdict on a pair is always computed in Swift by Similarity.compare,
-- a pure, symmetric function of the two articles' fingerprints. The SQL lives in IngestStore/DedupStore.swift.
--
-- Concurrency protocol (any number of workers at once):
--
--   T1, inside the batch transaction, for the articles the batch stores first: one multi-row INSERT each into
--   article_minhash, lsh_band, sentence_index, stories + story_members (a singleton story, story_id = article_id)
--   and dedup_pending. All ON CONFLICT DO NOTHING, so replays are no-ops. The batch commits.
--
--   T2 (ResultStore.linkPendingStories), after T1 committed ("publish, then search"), by any worker: take up to N
--   dedup_pending rows FOR UPDATE SKIP LOCKED (so a crashed worker's rows are picked up, and two workers never
--   take the same row); find candidates of the same pipeline version sharing a band key, a sentence hash or
--   anchor, a quote key, or the token hash; judge each pair with Similarity.compare;
--   insert duplicate_edges (article_a < article_b, ON CONFLICT DO NOTHING); merge the stories of same-story pairs
--   with dedup_merge_stories; delete the pending rows. One transaction: a crash leaves the rows pending.
--
--   Why no pair is missed: each article's candidate query runs after its T1 committed. If A's query did not see
--   B, then B's T1 committed after that query started, hence after A's T1 committed, so B's query sees A. Every
--   pair sharing a key is judged by at least one T2; both may judge it, and the verdict is the same.
--
--   Why merges are safe: dedup_merge_stories locks every story it touches in one statement, in ascending story_id
--   order (no lock cycles between merges), then checks that none was merged since the caller read the
--   memberships; if one was, it raises 40001 and the caller retries with fresh data. A live, locked story's
--   members cannot move, so the caller's memberships are still right. Two near-duplicates processed at the same
--   moment by two workers therefore always end in one story.
--
--   Why grouping does not depend on arrival order: the edges are a function of fingerprint pairs and every
--   candidate pair is judged, so the stories are the connected components of one graph whatever the order.
--
--   The one bound on that: a key is read for at most ResultStore.dedupPostingsPerKey (100) articles, earliest
--   stored first, and at most dedupCandidatesPerArticle (50) candidates are judged per article, those sharing
--   the most keys. Real copies share dozens of keys, so they rank first; only boilerplate shared by more than
--   100 articles (a standard disclaimer, a template) is cut, and there the pairs judged can depend on arrival
--   order. Without the bound one such key would make every new article read every earlier one.
--   story_id is a surrogate (the smallest story id wins a merge) that differs between runs; the order-independent
--   name of a story is stories.story_key = the smallest content_hash of its members, the id StoryClustering gives
--   in memory, and the story id the public views show.

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
    -- The article's distinct LSH band keys (its lsh_band rows), so they can be found and removed by primary key.
    band_keys int8[] NOT NULL DEFAULT '{}',
    sentence_hashes int8[] NOT NULL,
    -- Two per sentence hash: prefix and suffix anchors, [prefix₀, suffix₀, prefix₁, ...].
    sentence_anchors int8[] NOT NULL,
    -- Three keys per quote of at least three canonical words (QuoteKeys): prefix anchor, suffix anchor, whole quote.
    -- Two articles sharing quotes (a rewrite quoting the same people) are candidates and may join one story.
    quote_keys int8[] NOT NULL DEFAULT '{}',
    pipeline_version text NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    -- Empty when the fingerprints predate anchors (Similarity.compare then matches exact sentence hashes only).
    CHECK (cardinality(sentence_anchors) IN (0, 2 * cardinality(sentence_hashes))),
    CHECK (cardinality(quote_keys) % 3 = 0)
);

CREATE INDEX article_minhash_token_hash ON article_minhash (token_hash) WHERE token_hash <> 0;

-- LSH: one row per (band key, article). The primary key is the band_key index candidate search uses.
-- lsh_band and sentence_index have no foreign key: ~150 rows per article would cost ~150 referential checks per
-- article in every batch. Their rows go with the article's article_minhash row (dedup_drop_index_rows below).
CREATE TABLE lsh_band (
    band_key bigint NOT NULL,
    article_id bigint NOT NULL,
    PRIMARY KEY (band_key, article_id)
);


-- Partial-reprint search: sentence hashes (kind 0), prefix/suffix anchors (kinds 1 and 2) and quote keys (kind 3).
-- They are differently seeded hashes, so one key space holds all four.
CREATE TABLE sentence_index (
    sentence_hash bigint NOT NULL,
    article_id bigint NOT NULL,
    kind smallint NOT NULL CHECK (kind IN (0, 1, 2, 3)),
    PRIMARY KEY (sentence_hash, article_id)
);


-- Deleting articles (retention) deletes their article_minhash rows by cascade; this removes their index rows, once
-- per statement.
-- The keys come from the arrays in article_minhash, so both tables need no index on article_id (one index less to
-- maintain for ~150 rows per stored article).
CREATE FUNCTION dedup_drop_index_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM lsh_band b
    USING (SELECT g.article_id, k FROM gone g CROSS JOIN LATERAL unnest(g.band_keys) AS k) x
    WHERE b.band_key = x.k AND b.article_id = x.article_id;
    DELETE FROM sentence_index s
    USING (
        SELECT g.article_id, k FROM gone g
        CROSS JOIN LATERAL unnest(g.sentence_hashes || g.sentence_anchors || g.quote_keys) AS k
    ) x
    WHERE s.sentence_hash = x.k AND s.article_id = x.article_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dedup_drop_index_rows AFTER DELETE ON article_minhash
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION dedup_drop_index_rows();

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
    -- A pending article whose same-story link caused the merge.
    by_article bigint REFERENCES articles (article_id) ON DELETE SET NULL,
    -- The two stories' keys at merge time: the stable names, since story ids differ between runs.
    merged_key text NOT NULL,
    into_key text NOT NULL,
    CHECK (into_story < merged_story)
);


-- Articles stored by a committed batch whose stories are not linked yet (T2 to do). Written in the batch
-- transaction, deleted by the T2 that links them: a worker crashing between the two leaves the rows here for any
-- other worker.
CREATE TABLE dedup_pending (
    article_id bigint PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
    enqueued_at timestamptz NOT NULL DEFAULT now()
);

-- T2: merges stories. p_from[i] is merged into p_into[i] (p_into[i] < p_from[i], the smallest story of its
-- component; a component's members all name the same target, which is not itself merged), p_by[i] is the article
-- whose link caused it. Locks every story involved in one statement in ascending story_id order, then raises 40001
-- if one of them was merged since the caller read the memberships: retry the transaction with fresh data.
-- Returns the number of stories merged away.
CREATE FUNCTION dedup_merge_stories(p_from bigint[], p_into bigint[], p_by bigint[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_locked integer;
    v_involved integer;
BEGIN
    IF cardinality(p_from) IS DISTINCT FROM cardinality(p_into) OR cardinality(p_from) IS DISTINCT FROM cardinality(p_by)
    THEN
        RAISE EXCEPTION 'dedup_merge_stories: arrays of different lengths' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF coalesce(cardinality(p_from), 0) = 0 THEN
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(p_from, p_into) AS v(f, t) WHERE t >= f OR t = ANY (p_from)) THEN
        RAISE EXCEPTION 'dedup_merge_stories: a story must merge into a smaller one that stays'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Lock in ascending order: concurrent merges never wait on each other in a cycle. NO KEY UPDATE, so inserts
    -- referencing these stories (KEY SHARE) are not blocked.
    SELECT count(*), (SELECT count(DISTINCT x) FROM unnest(p_from || p_into) AS x) INTO v_locked, v_involved
    FROM (
        SELECT story_id FROM stories
        WHERE story_id = ANY (p_from || p_into) AND merged_into IS NULL
        ORDER BY story_id
        FOR NO KEY UPDATE
    ) locked;
    -- After the lock the rows are current: a story merged meanwhile has merged_into set and was filtered out.
    IF v_locked <> v_involved THEN
        RAISE EXCEPTION 'stories changed while merging; retry' USING ERRCODE = 'serialization_failure';
    END IF;
    INSERT INTO story_merges (merged_story, into_story, by_article, merged_key, into_key)
    SELECT p.from_story, p.into_story, p.by_article, f.story_key, t.story_key
    FROM unnest(p_from, p_into, p_by) AS p(from_story, into_story, by_article)
    JOIN stories f ON f.story_id = p.from_story
    JOIN stories t ON t.story_id = p.into_story;
    UPDATE story_members m SET story_id = p.into_story
    FROM unnest(p_from, p_into) AS p(from_story, into_story)
    WHERE m.story_id = p.from_story;
    UPDATE stories t
    SET story_key = least(t.story_key, g.min_key),
        article_count = t.article_count + g.total,
        updated_at = now()
    FROM (
        SELECT p.into_story, min(f.story_key) AS min_key, sum(f.article_count)::integer AS total
        FROM unnest(p_from, p_into) AS p(from_story, into_story)
        JOIN stories f ON f.story_id = p.from_story
        GROUP BY p.into_story
    ) g
    WHERE t.story_id = g.into_story;
    UPDATE stories f SET merged_into = p.into_story, article_count = 0, updated_at = now()
    FROM unnest(p_from, p_into) AS p(from_story, into_story)
    WHERE f.story_id = p.from_story;
    RETURN cardinality(p_from);
END;
$$;

-- Public view: every article of every story (current pipeline version), one row each.
--   story_key: the story id users see: the smallest content_hash among the story's articles. It does not depend
--              on arrival order or on the number of workers, unlike story_id (a surrogate kept for joins).
--   relation:  how the article relates to the story's earliest article (first seen, ties by content hash):
--              'earliest'       the earliest article itself (score 1);
--              'exact'          the same text (equal normalised text, or equal letters and digits);
--              'near-duplicate' the same copy lightly edited (estimated word-pair Jaccard >= 0.45, or >= 0.35
--                               with most sentences shared both ways);
--              'reprint'        reprints a substantial part (trimmed, embedded in new text, heavily edited);
--              'related'        shares a few sentences or quotes with it, and joined the story through them or
--                               through other articles;
--              'indirect'       not judged against the earliest article directly: it joined through other
--                               members (its score is null; see duplicate_pairs for its direct links).
CREATE VIEW story_articles AS
WITH members AS (
    SELECT
        m.story_id,
        m.article_id,
        a.outlet,
        a.title,
        a.url,
        a.first_seen,
        a.content_hash,
        first_value(m.article_id) OVER w AS earliest_article,
        first_value(a.content_hash) OVER w AS earliest_hash,
        count(*) OVER (PARTITION BY m.story_id) AS story_size
    FROM story_members m
    JOIN current_articles a ON a.article_id = m.article_id
    WINDOW w AS (PARTITION BY m.story_id ORDER BY a.first_seen, a.content_hash)
)
SELECT
    s.story_key,
    x.story_size AS story_articles,
    x.content_hash,
    x.outlet,
    x.title,
    x.url,
    x.first_seen,
    x.earliest_hash,
    CASE WHEN x.article_id = x.earliest_article THEN 'earliest' ELSE coalesce(e.kind, 'indirect') END AS relation,
    CASE WHEN x.article_id = x.earliest_article THEN 1.0::real ELSE e.score END AS score,
    x.article_id,
    x.story_id,
    x.earliest_article
FROM members x
JOIN stories s ON s.story_id = x.story_id
LEFT JOIN duplicate_edges e
    ON e.article_a = least(x.article_id, x.earliest_article)
    AND e.article_b = greatest(x.article_id, x.earliest_article);

-- Public view: every judged pair of current-version articles with a relation ('exact', 'near-duplicate',
-- 'reprint' or 'related', as in story_articles), its score and evidence, both articles described. Side a is the
-- article with the smaller content hash, so a pair reads the same in every run. same_story says whether the pair
-- alone puts both articles in one story.
CREATE VIEW duplicate_pairs AS
SELECT
    CASE WHEN o.a_first THEN a.content_hash ELSE b.content_hash END AS content_hash_a,
    CASE WHEN o.a_first THEN b.content_hash ELSE a.content_hash END AS content_hash_b,
    e.kind,
    e.score,
    e.same_story,
    e.estimated_jaccard,
    e.containment,
    e.shared_sentences,
    CASE WHEN o.a_first THEN a.outlet ELSE b.outlet END AS outlet_a,
    CASE WHEN o.a_first THEN a.title ELSE b.title END AS title_a,
    CASE WHEN o.a_first THEN b.outlet ELSE a.outlet END AS outlet_b,
    CASE WHEN o.a_first THEN b.title ELSE a.title END AS title_b,
    CASE WHEN o.a_first THEN a.article_id ELSE b.article_id END AS article_a,
    CASE WHEN o.a_first THEN b.article_id ELSE a.article_id END AS article_b,
    e.created_at
FROM duplicate_edges e
JOIN current_articles a ON a.article_id = e.article_a
JOIN current_articles b ON b.article_id = e.article_b
CROSS JOIN LATERAL (SELECT a.content_hash <= b.content_hash AS a_first) o;

GRANT SELECT ON story_articles, duplicate_pairs TO newsingest_reader;
