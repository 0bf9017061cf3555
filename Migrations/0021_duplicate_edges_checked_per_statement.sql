-- 0021_duplicate_edges_checked_per_statement.sql: duplicate_edges' references to articles are checked once per
-- statement, not once per row.
--
-- Each edge row's two foreign keys locked two article rows FOR KEY SHARE. Linking writes edges from pending articles
-- to old candidates, so with 100,000 articles stored that lock dirtied a cold heap page per edge and logged it: 22
-- blocks and 2.2 KB of WAL per edge row, 132 ms and 11.8 MB of WAL per 1,000 articles (Deploy/SCALING.md, step 24).
-- The checks below read the same rows without locking them.
--
-- What the keys guaranteed stays, for the whole statement at once:
--   an edge naming an article that does not exist is refused with 23503 (was the key's check), also when the article
--   was deleted by a transaction that committed while the insert waited: the insert waits for a deleting
--   transaction's table lock (below), and each statement of the check sees what committed before it started;
--   deleting articles deletes their edges (was ON DELETE CASCADE). The delete takes a lock on duplicate_edges that
--   waits for every transaction that has written edges and keeps new ones out until it ends, so an edge written
--   meanwhile is either seen and deleted, or refused. That needs a READ COMMITTED deleting transaction (a snapshot
--   taken before the wait would miss edges committed during it): other isolation levels are refused with 0A000.
ALTER TABLE duplicate_edges
    DROP CONSTRAINT duplicate_edges_article_a_fkey,
    DROP CONSTRAINT duplicate_edges_article_b_fkey;

-- Trigger functions name their search path: pg_dump's output empties it, and restoring edges runs the insert check
-- below; an operator's session may set its own. The earlier trigger functions get the same.
ALTER FUNCTION dedup_drop_index_rows() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION claims_drop_article_mentions() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION claims_keep_mentioned() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION claims_keep_speakers() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION claims_keep_versions() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION claims_drop_key_rows() SET search_path = pg_catalog, public, pg_temp;

CREATE FUNCTION dedup_edges_name_articles() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    missing bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        -- A snapshot older than a concurrent delete would still see its article: lock the rows as the key did.
        PERFORM 1 FROM articles a JOIN added e ON a.article_id IN (e.article_a, e.article_b)
        ORDER BY a.article_id FOR KEY SHARE OF a;
    END IF;
    SELECT x.id INTO missing
    FROM (SELECT article_a AS id FROM added UNION SELECT article_b FROM added) x
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = x.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate_edges names article %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dedup_edges_name_articles AFTER INSERT ON duplicate_edges
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dedup_edges_name_articles();

CREATE FUNCTION dedup_drop_article_edges() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM gone) THEN
        RETURN NULL;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'articles are deleted in READ COMMITTED transactions only'
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Edges written by linkers during the delete would be invisible to an older snapshot.';
    END IF;
    -- Conflicts with every writer of edges (ROW EXCLUSIVE) and with itself: waits for the linkers that wrote edges
    -- to commit, and holds new edges back until this transaction ends (they are then checked against its delete).
    LOCK TABLE duplicate_edges IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM duplicate_edges e USING gone g WHERE e.article_a = g.article_id;
    DELETE FROM duplicate_edges e USING gone g WHERE e.article_b = g.article_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dedup_drop_article_edges AFTER DELETE ON articles
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION dedup_drop_article_edges();

-- TRUNCATE fires no delete trigger; `TRUNCATE articles CASCADE` emptied the edges through the keys. A DELETE, not a
-- TRUNCATE: the statement may be truncating duplicate_edges too, and a table cannot be truncated inside its own
-- truncation.
CREATE FUNCTION dedup_truncate_edges() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    DELETE FROM duplicate_edges;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dedup_truncate_edges AFTER TRUNCATE ON articles
FOR EACH STATEMENT EXECUTE FUNCTION dedup_truncate_edges();
