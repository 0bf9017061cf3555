-- 0018_claim_signatures_as_packed_bytes.sql: a claim's signature (claims.tokens, claims.numbers) becomes bytea of its
-- values' big-endian bytes, 8 per value (int8send's order), as 0016 did for article_minhash. Both are only ever
-- written whole (staged by COPY, ClaimRows.swift) and read whole (claim linking's verdicts, ClaimLinking.swift), never
-- searched. As int8[] every token of every new claim (about 14) was parsed from decimal text on COPY and formatted
-- back into text when a linker read it (array_in and pg_strtoint64: 1.2 % of the machine's samples in the 8,000-article
-- bench); packed, the server decodes hex on COPY and linking reads the bytes in binary results. A row is about 40
-- bytes smaller (no array headers): claims was 454 MB with 100,000 articles stored, 450 bytes a row.
--
-- packed_int8s (0016) unpacks them in SQL: the retention trigger below, and psql, e.g.
-- `SELECT packed_int8s(tokens) FROM claims WHERE claim_id = 1`.

-- Conversion of the stored rows only (replaced: 0016 defined the same in the session that migrates from before it).
CREATE OR REPLACE FUNCTION pg_temp.packed(int8[]) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT coalesce(string_agg(int8send(k), ''::bytea ORDER BY o), ''::bytea) FROM unnest($1) WITH ORDINALITY AS u(k, o)
$$;

-- One rewrite of the table for both columns.
ALTER TABLE claims
    ALTER COLUMN tokens TYPE bytea USING pg_temp.packed(tokens),
    ALTER COLUMN numbers TYPE bytea USING pg_temp.packed(numbers),
    ADD CHECK (octet_length(tokens) % 8 = 0),
    ADD CHECK (octet_length(numbers) % 8 = 0);

-- Never searched: no statistics (as 0013 set for the arrays; a type change resets it).
ALTER TABLE claims ALTER COLUMN tokens SET STATISTICS 0, ALTER COLUMN numbers SET STATISTICS 0;

COMMENT ON COLUMN claims.tokens IS
    'ClaimSignature tokens: sorted unique canonical token hashes (UInt64, unsigned order), 8 big-endian bytes each: '
    'packed_int8s(tokens).';
COMMENT ON COLUMN claims.numbers IS
    'The subset of tokens that are numbers, 8 big-endian bytes each: packed_int8s(numbers).';

-- Retention: the index rows of deleted claims, found by the keys unpacked from their rows (a superset of the keys).
CREATE OR REPLACE FUNCTION claims_drop_token_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM claim_tokens t
    USING (SELECT g.pipeline_version, g.claim_id, k FROM gone g CROSS JOIN LATERAL packed_int8s(g.tokens) AS k) x
    WHERE t.pipeline_version = x.pipeline_version AND t.token_hash = x.k AND t.claim_id = x.claim_id;
    RETURN NULL;
END;
$$;
