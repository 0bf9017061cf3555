-- 0020_claim_key_ids.sql: claim_keys rows keyed by a number per key, and written without a conflict check.
--
-- Before: claim_keys (pipeline_version text, token_hash, seen, rank, claim_id), every row inserted with ON CONFLICT
-- DO NOTHING. It was the costliest statement of the 8,000-article bench (0.24 s per 1,000 articles with 1 worker,
-- 8 buffers a row): a text column first in a five-column key is compared through the collation's function at every
-- step of every descent, and ON CONFLICT probes the index once more per row before inserting. 300,000 rows in 82
-- sorted batches (Deploy/SCALING.md, step 22): 1.9 s as it was, 1.3 s without ON CONFLICT, 1.4 s keyed by an int8,
-- 0.8 s with both.
--
-- Now each key's row in claim_key_heads has a key_id (assigned once, never reused), and claim_keys is
-- (key_id, seen, rank, claim_id). A linking step inserts the rows of only the pending claims that have none at their
-- order (one probe per claim, not per row, ClaimLinking.swift); two steps that took two queue rows of one claim at
-- the same time are the only way to meet a row already there, and the second then fails on the primary key and is
-- run again, finding the first's rows.
ALTER TABLE claim_key_heads ADD COLUMN key_id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;

-- Every stored row's key has its lock row (linking inserts them before writing rows); made sure of, so no row is lost.
INSERT INTO claim_key_heads (pipeline_version, token_hash)
SELECT DISTINCT pipeline_version, token_hash FROM claim_keys
ON CONFLICT DO NOTHING;

ALTER TABLE claim_keys RENAME TO claim_keys_0019;
ALTER TABLE claim_keys_0019 RENAME CONSTRAINT claim_keys_pkey TO claim_keys_0019_pkey;
CREATE TABLE claim_keys (
    key_id bigint NOT NULL,
    -- The claim's first_seen in microseconds when its rows were written, and its fingerprint's rank.
    seen bigint NOT NULL,
    rank bigint NOT NULL,
    claim_id bigint NOT NULL,
    PRIMARY KEY (key_id, seen, rank, claim_id)
);
INSERT INTO claim_keys (key_id, seen, rank, claim_id)
SELECT h.key_id, t.seen, t.rank, t.claim_id
FROM claim_keys_0019 t JOIN claim_key_heads h USING (pipeline_version, token_hash)
ORDER BY 1, 2, 3, 4;
DROP TABLE claim_keys_0019;

COMMENT ON TABLE claim_keys IS
    'Every linked claim under each of its candidate keys (claim_key_heads.key_id), in (first_seen, fingerprint) '
    'order: a key''s first 32 rows are its variant hubs (Migrations/0019, 0020).';
ALTER TABLE claim_keys SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 40000);

-- Retention (as in 0019): the rows of deleted claims, found through their keys' lock rows, and those keys' versions
-- bumped.
CREATE OR REPLACE FUNCTION claims_drop_key_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH removed AS (
        DELETE FROM claim_keys t
        USING (
            SELECT h.key_id, g.claim_id
            FROM gone g
            CROSS JOIN LATERAL packed_int8s(g.tokens) AS k
            JOIN claim_key_heads h ON h.pipeline_version = g.pipeline_version AND h.token_hash = k
        ) x
        WHERE t.key_id = x.key_id AND t.claim_id = x.claim_id
        RETURNING t.key_id
    )
    UPDATE claim_key_heads h SET version = h.version + 1
    FROM (SELECT DISTINCT key_id FROM removed) r
    WHERE h.key_id = r.key_id;
    RETURN NULL;
END;
$$;
