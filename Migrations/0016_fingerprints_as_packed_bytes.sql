-- 0016_fingerprints_as_packed_bytes.sql: article_minhash's five integer arrays become bytea of their values'
-- big-endian bytes (4 per signature value, 8 per key; the byte order of int4send and int8send). They are only ever
-- written whole (COPY, FingerprintWrite.swift) and read whole (story linking's verdicts, StoryLinking.swift), never
-- searched: as int4[]/int8[] each of about 260 numbers per row was parsed from text by the server on COPY and turned
-- back into text when read (array_to_string of 1,114 rows with 100,000 stored: 17 ms of the server's time; the same
-- values as bytea: 6 ms sent as hex, 2.3 ms in binary results, which linking now asks for; the rows alone: 2 ms).
-- Rows are about 100 bytes smaller (no array headers).
--
-- packed_int8s unpacks a key column in SQL: the retention trigger below, and psql, e.g.
-- `SELECT packed_int8s(band_keys) FROM article_minhash WHERE article_id = 1`.
CREATE FUNCTION packed_int8s(packed bytea) RETURNS SETOF int8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ('x' || encode(substring(packed FROM i FOR 8), 'hex'))::bit(64)::int8
    FROM generate_series(1, octet_length(packed) - 7, 8) AS i
$$;

-- Conversion of the stored rows only.
CREATE FUNCTION pg_temp.packed(int8[]) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT coalesce(string_agg(int8send(k), ''::bytea ORDER BY o), ''::bytea) FROM unnest($1) WITH ORDINALITY AS u(k, o)
$$;

CREATE FUNCTION pg_temp.packed(int4[]) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT coalesce(string_agg(int4send(k), ''::bytea ORDER BY o), ''::bytea) FROM unnest($1) WITH ORDINALITY AS u(k, o)
$$;

ALTER TABLE article_minhash
    DROP CONSTRAINT article_minhash_check,
    DROP CONSTRAINT article_minhash_quote_keys_check,
    ALTER COLUMN band_keys DROP DEFAULT,
    ALTER COLUMN quote_keys DROP DEFAULT;

-- One rewrite of the table for all five columns.
ALTER TABLE article_minhash
    ALTER COLUMN signature TYPE bytea USING pg_temp.packed(signature),
    ALTER COLUMN band_keys TYPE bytea USING pg_temp.packed(band_keys),
    ALTER COLUMN sentence_hashes TYPE bytea USING pg_temp.packed(sentence_hashes),
    ALTER COLUMN sentence_anchors TYPE bytea USING pg_temp.packed(sentence_anchors),
    ALTER COLUMN quote_keys TYPE bytea USING pg_temp.packed(quote_keys),
    ALTER COLUMN band_keys SET DEFAULT '',
    ALTER COLUMN quote_keys SET DEFAULT '',
    -- The same rules as before, in bytes: whole values, two anchors per sentence hash (or none), quote keys in threes.
    ADD CHECK (octet_length(signature) % 4 = 0),
    ADD CHECK (octet_length(band_keys) % 8 = 0),
    ADD CHECK (octet_length(sentence_hashes) % 8 = 0),
    ADD CHECK (octet_length(sentence_anchors) IN (0, 2 * octet_length(sentence_hashes))),
    ADD CHECK (octet_length(quote_keys) % 24 = 0),
    -- Hashes do not compress: a row over 2 KB (about 1 % of them) was compressed for nothing or moved out of line,
    -- which costs a TOAST fetch per read. Rows up to a page now stay whole in the heap.
    SET (toast_tuple_target = 8160);

-- Never searched: no statistics (as migration 0013 set for the arrays).
ALTER TABLE article_minhash
    ALTER COLUMN signature SET STATISTICS 0,
    ALTER COLUMN band_keys SET STATISTICS 0,
    ALTER COLUMN sentence_hashes SET STATISTICS 0,
    ALTER COLUMN sentence_anchors SET STATISTICS 0,
    ALTER COLUMN quote_keys SET STATISTICS 0;

COMMENT ON COLUMN article_minhash.signature IS
    'MinHash values, 4 big-endian bytes each (UInt32).';
COMMENT ON COLUMN article_minhash.band_keys IS
    'The indexed LSH band keys (its lsh_band rows), 8 big-endian bytes each: packed_int8s(band_keys).';
COMMENT ON COLUMN article_minhash.sentence_hashes IS
    'One hash per body sentence, 8 big-endian bytes each: packed_int8s(sentence_hashes).';
COMMENT ON COLUMN article_minhash.sentence_anchors IS
    'Two anchors per sentence hash (prefix, suffix), or none, 8 big-endian bytes each.';
COMMENT ON COLUMN article_minhash.quote_keys IS
    'Three keys per quote (prefix anchor, suffix anchor, whole quote), 8 big-endian bytes each.';

-- Retention: the index rows of deleted articles, found by the keys unpacked from their rows.
CREATE OR REPLACE FUNCTION dedup_drop_index_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM lsh_band b
    USING (SELECT g.article_id, k FROM gone g CROSS JOIN LATERAL packed_int8s(g.band_keys) AS k) x
    WHERE b.band_key = x.k AND b.article_id = x.article_id;
    DELETE FROM sentence_index s
    USING (
        SELECT g.article_id, k FROM gone g
        CROSS JOIN LATERAL packed_int8s(g.sentence_hashes || g.sentence_anchors || g.quote_keys) AS k
    ) x
    WHERE s.sentence_hash = x.k AND s.article_id = x.article_id;
    RETURN NULL;
END;
$$;
