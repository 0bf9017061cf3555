-- Poison input and least privilege.

-- Kafka keys are bytes: `message_key_bytes` keeps them exactly (NUL and invalid UTF-8 included); `message_key` keeps a
-- readable form (the key itself when it is UTF-8 without NUL, else with \xNN escapes). `payload` keeps the whole
-- message when the dead-letter record could carry only a prefix of it (too large for the dead-letter topic).
ALTER TABLE ingest_errors ADD COLUMN message_key_bytes bytea, ADD COLUMN payload bytea;

COMMENT ON COLUMN ingest_errors.payload IS
    'The whole message when its dead-letter record carries only a prefix (x-payload-truncated); NULL otherwise.';

-- pg_temp last: with `public` alone PostgreSQL searches pg_temp first, so any role allowed temporary tables could
-- shadow pipeline_versions and make every public view show a version of its choosing.
ALTER FUNCTION current_pipeline_version() SET search_path = pg_catalog, public, pg_temp;

-- Workers read the schema version (to refuse a schema they were not built for) but never change it, and never
-- delete what the accounting rests on. They delete only queue rows (dedup_pending, claim_link_pending) and their
-- own heartbeats.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM newsingest_writer;
GRANT SELECT ON schema_migrations TO newsingest_writer;
REVOKE DELETE, TRUNCATE ON articles, article_sightings, ingest_errors, consumer_offsets, pipeline_versions
    FROM newsingest_writer;

-- Queue rows whose linking fails on their own (a single-row link step that fails for a reason retrying cannot fix),
-- set aside with the error so linking goes on for everything else. To retry one after a fix, insert its id back
-- into its queue (`dedup_pending` or `claim_link_pending`) and delete it here.
CREATE TABLE link_quarantine (
    queue text NOT NULL,
    id bigint NOT NULL,
    error text NOT NULL,
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (queue, id)
);

-- `ingestctl dlq retry` sets retry_started_at before it re-publishes and retried_at after: a row with the first and
-- not the second was interrupted (maybe published, maybe not), and is skipped until the operator says --force.
ALTER TABLE ingest_errors ADD COLUMN retry_started_at timestamptz;
