-- 0019_claim_variant_hubs.sql: claim variant groups that do not depend on arrival order, whatever a key's size.
--
-- Before: a pending claim was judged against the first 33 claims stored under each of its candidate keys, and a key
-- held rows for its first 33 claims only, so which pairs were judged depended on arrival order (one quote in 118
-- wordings: 30 claims in another group stored in reverse; Deploy/SCALING.md, "Claim variant hubs").
--
-- Now (ClaimLinking.swift), with claims ordered by (first_seen, fingerprint):
--   a key's hubs       = its claimHubsPerKey (32) earliest carriers, claims whose candidate keys include it;
--   a claim's nearest  = the earliest of itself and the claims it is the same claim as among the hubs of its keys
--                        that come before it. Those are the first min(32, n) carriers of the key before the claim,
--                        so a claim's nearest claim is a function of the claims before it, whatever arrived when.
-- Groups are derived from nearest_id as 0012 defined them (unchanged views).
--
-- claim_keys holds a row per candidate key of every linked claim, in that order: a linker reads a key's hubs as
-- the first 32 rows, and when a claim becomes one of a key's hubs (a new key, or an arrival earlier than a hub) it
-- judges every later carrier of the key (they may take it as their nearest claim) and re-queues the claims whose
-- nearest claim was the hub it pushed out. Rows are written by linkers only, under per-key locks
-- (claim_key_heads, below): shared to read a key's hubs, exclusive to change them. A claim's order in its rows is its
-- first_seen when it was linked; a claim given an earlier sighting is re-queued (as before, now with the first_seen
-- it moved from) and its linker moves its rows.
--
-- The order's fingerprint part is its first 16 hex digits as a number (`rank`, order-preserving as a signed int8),
-- then the claim id: a tie of 64 bits within one first_seen (about 1 in 2^64 per pair) is broken by arrival.
DROP TRIGGER claims_drop_token_rows ON claims;
DROP FUNCTION claims_drop_token_rows();
DROP TABLE claim_tokens;

CREATE TABLE claim_keys (
    pipeline_version text NOT NULL,
    token_hash bigint NOT NULL,
    -- The claim's first_seen in microseconds when its rows were written, and its fingerprint's rank.
    seen bigint NOT NULL,
    rank bigint NOT NULL,
    claim_id bigint NOT NULL,
    PRIMARY KEY (pipeline_version, token_hash, seen, rank, claim_id)
);
COMMENT ON TABLE claim_keys IS
    'Every linked claim under each of its candidate keys, in (first_seen, fingerprint) order: a key''s first 32 rows '
    'are its variant hubs (Migrations/0019).';
ALTER TABLE claim_keys SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 40000);

-- A claim queued because its first_seen moved earlier carries the first_seen it moved from (microseconds), where its
-- claim_keys rows may be: its linker deletes them there and writes them at the new order (ClaimWrite.swift records
-- it under the claim's row lock, so every value its rows were written at is recorded). A linker never updates a
-- claim for this, so a batch moving a claim never waits on a linking step that only reads it.
ALTER TABLE claim_link_pending ADD COLUMN moved_from bigint;

-- A fingerprint's rank: its first 16 hex digits as an unsigned number, shifted into int8 order.
CREATE FUNCTION claim_rank(fingerprint text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (('x' || substr($1, 1, 16))::bit(64)::bigint) # (-9223372036854775807 - 1)
$$;

-- One row per candidate key, the lock and version of its hubs (ClaimLinking.swift). A step that changes a key's hubs
-- locks its row FOR NO KEY UPDATE for the whole step and bumps its version; a step that only reads them reads the
-- version, then the hubs, without a lock, and at the end locks the row FOR SHARE (SKIP LOCKED: never waiting) and
-- checks the version: a claim whose key changed meanwhile is queued again rather than given a stale nearest claim.
-- Row locks rather than advisory locks: a step of 5,000 claims has thousands of distinct keys, which would fill the
-- server's lock table (64 per connection by default); a row lock is kept in the row itself.
CREATE TABLE claim_key_heads (
    pipeline_version text NOT NULL,
    token_hash bigint NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (pipeline_version, token_hash)
);
COMMENT ON TABLE claim_key_heads IS
    'A row per claim candidate key: the lock and version of its variant hubs (Migrations/0019).';

-- Retention: the rows of deleted claims, found by the keys unpacked from their rows (a superset of the keys), and
-- their keys' versions bumped, so that a linking step that read those hubs before queues its claims again.
CREATE FUNCTION claims_drop_key_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH removed AS (
        DELETE FROM claim_keys t
        USING (SELECT g.pipeline_version, g.claim_id, k FROM gone g CROSS JOIN LATERAL packed_int8s(g.tokens) AS k) x
        WHERE t.pipeline_version = x.pipeline_version AND t.token_hash = x.k AND t.claim_id = x.claim_id
        RETURNING t.pipeline_version, t.token_hash
    )
    UPDATE claim_key_heads h SET version = h.version + 1
    FROM (SELECT DISTINCT pipeline_version, token_hash FROM removed) r
    WHERE h.pipeline_version = r.pipeline_version AND h.token_hash = r.token_hash;
    RETURN NULL;
END;
$$;

CREATE TRIGGER claims_drop_key_rows AFTER DELETE ON claims
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION claims_drop_key_rows();

-- Stored claims are linked again under the new rule, earliest first (each then joins the hubs of keys it is early
-- in, and later ones find it there): their nearest claims are recomputed from scratch.
INSERT INTO claim_link_pending (claim_id) SELECT claim_id FROM claims ORDER BY first_seen, fingerprint;
