-- Core tables: consumed positions, articles, every sighting of an article, and inputs that could not be processed.
-- Internal tables may change between versions; the views (created here and in later migrations) are the stable
-- interface for psql users.

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
GRANT SELECT ON article_summary, dead_letters, current_articles TO newsingest_reader;
GRANT EXECUTE ON FUNCTION current_pipeline_version() TO newsingest_reader;
-- Tables and sequences made by later migrations (run by the same role) are writable by workers too; views are
-- granted to readers one by one, so nothing internal leaks to them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO newsingest_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO newsingest_writer;
