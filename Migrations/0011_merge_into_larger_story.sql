-- 0011_merge_into_larger_story.sql: a story merge moves the members of the smaller stories into the largest one of
-- the component (most articles; ties: the smallest story id), no longer into the smallest id. Moving every member of
-- the story with the larger id rewrote whole stories whenever a new article bridged an old story and a bigger,
-- younger one: with 100,000 bench articles stored, one merge moved 14,261 story_members rows. Moving the smaller
-- side bounds the rows a member is ever moved to log2 of its story's size. story_id stays a surrogate (the views'
-- stable name of a story is story_key, the smallest content hash of its members, unchanged); it is now the id of
-- whichever story had the most members when they met.
ALTER TABLE stories DROP CONSTRAINT stories_check;
ALTER TABLE stories ADD CONSTRAINT stories_check CHECK (merged_into IS NULL OR merged_into <> story_id);
ALTER TABLE story_merges DROP CONSTRAINT story_merges_check;
ALTER TABLE story_merges ADD CONSTRAINT story_merges_check CHECK (into_story <> merged_story);

-- T2: merges stories. p_from[i] is merged into p_into[i] (a story of the same component that stays: every member of
-- a component names the same target, which is not itself merged), p_by[i] is the article whose link caused it.
-- Locks every story involved in one statement in ascending story_id order, then raises 40001 if one of them was
-- merged since the caller read the memberships: retry the transaction with fresh data. Returns the number of stories
-- merged away.
CREATE OR REPLACE FUNCTION dedup_merge_stories(p_from bigint[], p_into bigint[], p_by bigint[]) RETURNS integer
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
    IF EXISTS (SELECT 1 FROM unnest(p_from, p_into) AS v(f, t) WHERE t = f OR t = ANY (p_from))
        OR (SELECT count(DISTINCT f) FROM unnest(p_from) AS f) <> cardinality(p_from)
    THEN
        RAISE EXCEPTION 'dedup_merge_stories: a story must merge once, into another one that stays'
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
