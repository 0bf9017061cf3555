-- 0001_baseline.sql: the whole schema of NewsIngest (PostgreSQL 15), in three parts: core (positions, articles,
-- sightings, errors), dedup (fingerprints, candidate keys, edges, stories) and claims (speakers, claims, mentions,
-- variants). Internal tables may change between versions; the public views are the stable interface for psql
-- users. Deploy/SCALING.md says which tables grow with what and how they map onto Citus or partitions.
--
-- ============================================================ core

-- Two group roles. Grant them to login roles: workers log in with a member of newsingest_writer, analysts with a
-- member of newsingest_reader, which may read the public views and nothing else.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsingest_writer') THEN
        CREATE ROLE newsingest_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsingest_reader') THEN
        CREATE ROLE newsingest_reader NOLOGIN;
    END IF;
END
$$;

-- The next offset to consume per partition, written in the same transaction as the results, so a crash can
-- never separate them. `epoch` is bumped by every assignment: a worker whose epoch is stale has lost the
-- partition and its writes are refused (fencing, since librdkafka exposes no group generation).
CREATE TABLE consumer_offsets (
    consumer_group text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    next_offset bigint,
    epoch bigint NOT NULL DEFAULT 0,
    owner text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- Every pipeline version that has written results. Public views show the current one only; a new version can
-- reprocess the topic alongside (its own consumer group) and be made current in one UPDATE, so readers never see
-- a half-built result set.
CREATE TABLE pipeline_versions (
    version text PRIMARY KEY,
    first_seen timestamptz NOT NULL DEFAULT now(),
    is_current boolean NOT NULL DEFAULT false,
    activated_at timestamptz
);
CREATE UNIQUE INDEX pipeline_versions_one_current ON pipeline_versions (is_current) WHERE is_current;

-- SECURITY DEFINER so the read-only role can use the views without reading pipeline_versions itself.
CREATE FUNCTION current_pipeline_version() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS
$$ SELECT version FROM pipeline_versions WHERE is_current $$;

-- Live workers, refreshed every few seconds by each worker's poll loop and removed on clean exit. `ingestctl
-- replay` refuses to move positions while a group has a recent heartbeat (Kafka's own member list is checked
-- too where the broker supports it).
CREATE TABLE worker_heartbeats (
    consumer_group text NOT NULL,
    worker text NOT NULL,
    topic text NOT NULL,
    pipeline_version text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, worker)
);

-- One row per distinct normalised body and pipeline version: a resent or replayed article is stored once.
CREATE TABLE articles (
    article_id bigserial PRIMARY KEY,
    content_hash text NOT NULL,
    article_key text NOT NULL,
    outlet text NOT NULL,
    url text,
    title text,
    published_date text,
    content_type text NOT NULL,
    language text NOT NULL,
    -- The text all stored offsets point into (characters, 0-based): substr(text, start + 1, end - start).
    text text NOT NULL,
    -- The parse's structure (title, dateline, byline, agencies, highlights, removed debris, language), without the
    -- text (the column above) and without paragraphs and sentences, which `ingestctl analyze` recomputes: about
    -- 0.4 KB instead of 18 KB per article (ingest-bench store).
    parsed jsonb NOT NULL,
    first_seen timestamptz NOT NULL,
    pipeline_version text NOT NULL REFERENCES pipeline_versions (version),
    UNIQUE (pipeline_version, content_hash)
);
CREATE INDEX articles_outlet_idx ON articles (outlet);
CREATE INDEX articles_first_seen_idx ON articles (first_seen);

-- Every Kafka message that carried an article: which message, which outlet, when.
CREATE TABLE article_sightings (
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES articles (article_id),
    consumer_group text NOT NULL,
    article_key text NOT NULL,
    outlet text NOT NULL,
    url text,
    fetched_at timestamptz,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    worker text NOT NULL,
    pipeline_version text NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition, "offset")
);
CREATE INDEX article_sightings_article_idx ON article_sightings (article_id);

-- Messages that went to the dead-letter topic, with the reason. Together with article_sightings this accounts
-- for every consumed offset (`ingestctl verify`).
CREATE TABLE ingest_errors (
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    consumer_group text NOT NULL,
    error_class text NOT NULL,
    message text NOT NULL,
    message_key text,
    payload_bytes integer NOT NULL,
    dlq_topic text,
    dlq_partition integer,
    dlq_offset bigint,
    worker text NOT NULL,
    pipeline_version text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    retried_at timestamptz,
    PRIMARY KEY (consumer_group, topic, partition, "offset")
);

-- Articles of the current pipeline version: the base of every public view.
CREATE VIEW current_articles AS
SELECT a.* FROM articles a WHERE a.pipeline_version = current_pipeline_version();

-- Public view: one row per stored article.
CREATE VIEW article_summary AS
SELECT
    a.article_id,
    a.outlet,
    a.title,
    a.url,
    a.published_date,
    a.language,
    a.content_type,
    length(a.text) AS characters,
    a.first_seen,
    (SELECT count(*) FROM article_sightings s WHERE s.article_id = a.article_id) AS sightings,
    a.content_hash,
    a.pipeline_version
FROM current_articles a;

-- Public view: inputs that went to the dead-letter topic, and why.
CREATE VIEW dead_letters AS
SELECT topic, partition, "offset", consumer_group, error_class, message, message_key, payload_bytes, dlq_topic,
       dlq_partition, dlq_offset, worker, pipeline_version, created_at, retried_at
FROM ingest_errors;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO newsingest_writer;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO newsingest_writer;
-- The batch transaction stages rows by COPY into temporary tables (ON COMMIT DELETE ROWS), so workers need TEMP
-- even where it was revoked from PUBLIC.
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO newsingest_writer', current_database());
END
$$;
GRANT SELECT ON article_summary, dead_letters, current_articles TO newsingest_reader;
GRANT EXECUTE ON FUNCTION current_pipeline_version() TO newsingest_reader;
-- Tables and sequences made by later migrations (run by the same role) are writable by workers too; views are
-- granted to readers one by one, so nothing internal leaks to them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO newsingest_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO newsingest_writer;

-- ============================================================ dedup
-- Reference implementation: IngestCore/Dedup (Fingerprinter, Similarity.compare, StoryClustering). The database
-- finds candidates and keeps the graph; the verdict on a pair is always computed in Swift by Similarity.compare,
-- a pure, symmetric function of the two articles' fingerprints. The SQL lives in IngestStore/FingerprintWrite.swift
-- (T1) and IngestStore/StoryLinking.swift (T2).
--
-- Concurrency protocol (any number of workers at once):
--
--   T1, inside the batch transaction, for the articles the batch stores first: one COPY each into
--   article_minhash, lsh_band, sentence_index, stories + story_members (a singleton story, story_id = article_id)
--   and dedup_pending. Every row belongs to an article id the same transaction created, so none can conflict; a
--   replay stores no new article and so writes none of them. The batch commits.
--
--   T2 (ResultStore.linkPendingStories), after T1 committed ("publish, then search"), by any worker: take up to N
--   dedup_pending rows FOR UPDATE SKIP LOCKED (so a crashed worker's rows are picked up, and two workers never
--   take the same row); find candidates of the same pipeline version sharing a band key, a sentence hash or
--   anchor, a quote key, or the token hash (one postings read per key table for the batch's distinct keys,
--   counted in Swift); judge each pair with Similarity.compare;
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

-- LSH: one row per (indexed band key, article): the band keys with key mod 2 = 0 (DedupKeySampling, ~21 of 42;
-- article_minhash.band_keys holds the same ones). The primary key is the band_key index candidate search uses.
-- lsh_band and sentence_index have no foreign key: ~70 rows per article would cost ~70 referential checks per
-- article in every batch. Their rows go with the article's article_minhash row (dedup_drop_index_rows below).
CREATE TABLE lsh_band (
    band_key bigint NOT NULL,
    article_id bigint NOT NULL,
    PRIMARY KEY (band_key, article_id)
);


-- Partial-reprint search: prefix/suffix anchors (kinds 1 and 2) and quote keys (kind 3). They are differently
-- seeded hashes, so one key space holds them. Sentence hashes (kind 0) are indexed only for fingerprints without
-- anchors: a sentence's anchors are hashes of its first and last words, so two articles sharing a sentence always
-- share its anchors too, and indexing the sentence hash as well would find no other candidate (a third fewer rows).
-- Only anchors (or sentence hashes) with key mod 2 = 0 are indexed (DedupKeySampling): the same key makes the same
-- choice in every article, and a copied passage shares many anchors, so half the rows find the same copies.
CREATE TABLE sentence_index (
    sentence_hash bigint NOT NULL,
    article_id bigint NOT NULL,
    kind smallint NOT NULL CHECK (kind IN (0, 1, 2, 3)),
    PRIMARY KEY (sentence_hash, article_id)
);


-- Deleting articles (retention) deletes their article_minhash rows by cascade; this removes their index rows, once
-- per statement.
-- The keys come from the arrays in article_minhash, so both tables need no index on article_id (one index less to
-- maintain for ~70 rows per stored article).
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

-- ============================================================ claims
-- Claims and quotes. Reference implementation: IngestCore/Claims (ClaimExtractor,
-- ClaimMatcher). Internal tables may change; the four views at the end are the stable interface.
--
-- Protocol (any number of workers at once):
--
--   T1, inside the batch transaction, for articles first stored by that batch (ResultStore.writeClaims):
--   upsert speakers by (pipeline_version, name) and claims by (pipeline_version, fingerprint), insert the new
--   claims' candidate keys (ClaimCandidateKeys: a few of their canonical tokens) into claim_tokens and queue them in claim_link_pending, insert one claim_mentions row
--   per claim occurrence. A claim's descriptive columns (content, kind, speaker, polarity) come from its earliest
--   sighting, ordered by (article first_seen, article content_hash, content_start): a later batch bringing an
--   earlier sighting overwrites them (and re-queues the claim), so they never depend on arrival order.
--
--   T2, after commit (ResultStore.linkPendingClaims): take pending claims (FOR UPDATE SKIP LOCKED), find existing
--   claims of the same version sharing one of their candidate keys (claim_tokens, reading at most
--   ResultStore.claimPostingsPerToken claims per key, earliest first, so a common word costs a bounded amount),
--   judge each pair in Swift with ClaimMatcher.isSameClaim, and merge the variant groups of
--   matching pairs. There is no global lock: a linker locks the canonical rows of the variant groups it touches
--   (claims.claim_id = canonical_id), in ascending id order, and raises 40001 (the caller retries with fresh data)
--   when one of them stopped being its group's canonical since it was read. Linkers meet only when they touch the
--   same groups. A pending claim's search runs
--   after its T1 committed, so of two claims sharing a key the later-committed one always sees the other, unless
--   every key they share is held by more than claimPostingsPerToken earlier claims.
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

-- Inverted index of each claim's candidate keys (ClaimCandidateKeys: its n - t(n) + 1 lowest-ranked canonical tokens
-- of n, t(n) the fewest shared tokens a same-claim verdict needs): candidates for variant linking.
CREATE TABLE claim_tokens (
    pipeline_version text NOT NULL,
    token_hash bigint NOT NULL,
    claim_id bigint NOT NULL,
    PRIMARY KEY (pipeline_version, token_hash, claim_id)
);

-- claim_tokens has no foreign key and no claim_id index (a referential check and a second index entry per row).
-- Its rows are found again from claims.tokens (a superset of the keys), as the dedup index rows are.
CREATE FUNCTION claims_drop_token_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM claim_tokens t
    USING (SELECT g.pipeline_version, g.claim_id, k FROM gone g CROSS JOIN LATERAL unnest(g.tokens) AS k) x
    WHERE t.pipeline_version = x.pipeline_version AND t.token_hash = x.k AND t.claim_id = x.claim_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_drop_token_rows AFTER DELETE ON claims
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_drop_token_rows();

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
