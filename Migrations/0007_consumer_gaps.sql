-- Offsets a consumer skipped without processing, with their cause: a message-level consumer error, or messages
-- deleted by broker retention before this group read them (the stored position was below the log start).
-- `ingestctl verify` reports them per partition and fails on them unless an operator accepts them.
CREATE TABLE consumer_gaps (
    gap_id         bigserial PRIMARY KEY,
    consumer_group text NOT NULL,
    topic          text NOT NULL,
    partition      integer NOT NULL,
    first_offset   bigint,                -- inclusive; NULL when librdkafka gave no offset
    last_offset    bigint,                -- inclusive; NULL when unknown
    cause          text NOT NULL,         -- 'retention' or 'consumer-error'
    error_code     integer NOT NULL,      -- the librdkafka rd_kafka_resp_err_t
    error_message  text NOT NULL,
    worker         text NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);

-- A re-claim of the same partition finds the same retention gap again: record it once.
CREATE UNIQUE INDEX consumer_gaps_once ON consumer_gaps (consumer_group, topic, partition, cause, first_offset)
    WHERE cause = 'retention';

-- Gap records are evidence for verify: workers add them, never change or remove them.
REVOKE UPDATE, DELETE, TRUNCATE ON consumer_gaps FROM newsingest_writer;
GRANT SELECT, INSERT ON consumer_gaps TO newsingest_writer;
GRANT USAGE ON SEQUENCE consumer_gaps_gap_id_seq TO newsingest_writer;
GRANT SELECT ON consumer_gaps TO newsingest_reader;
