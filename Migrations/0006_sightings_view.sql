-- Public view `sightings`: one row per Kafka message that carried an article, so a user can find their input by
-- topic/partition/offset (what the producer's delivery reports give), by message key or by URL, and see which
-- stored article it became, which story that article is in, and how it relates to the story's earliest article.
--
--   topic, partition, offset, message_key   the Kafka message (message_key is the producer's stable article key)
--   outlet, url, fetched_at                  as the message carried them
--   consumed_at, consumer_group              when and by which group it was stored
--   article_id, content_hash, title          the stored article (a resend or a copy with the same text shares it)
--   story_key, story_articles                the story (dedup's stable id) and its size
--   relation, score                          'earliest', 'exact', 'near-duplicate', 'reprint', 'related' or
--                                            'indirect' (as in story_articles)
--   linked                                   false while the article still waits to be compared with earlier
--                                            ones: until then it is its own story, and both may still change
--   earliest_*                               the story's earliest article: what a copy is a copy of
--
-- Only sightings of the current pipeline version's articles are shown, like every public view.
CREATE VIEW sightings AS
SELECT
    s.topic,
    s.partition,
    s."offset",
    s.article_key AS message_key,
    s.outlet,
    s.url,
    s.fetched_at,
    s.consumed_at,
    s.consumer_group,
    a.article_id,
    a.content_hash,
    a.title,
    st.story_key,
    st.story_articles,
    st.relation,
    st.score,
    NOT EXISTS (SELECT 1 FROM dedup_pending p WHERE p.article_id = a.article_id) AS linked,
    e.article_id AS earliest_article_id,
    e.content_hash AS earliest_content_hash,
    e.outlet AS earliest_outlet,
    e.title AS earliest_title,
    e.url AS earliest_url,
    e.first_seen AS earliest_first_seen
FROM article_sightings s
JOIN current_articles a ON a.article_id = s.article_id
LEFT JOIN story_articles st ON st.article_id = a.article_id
LEFT JOIN current_articles e ON e.article_id = st.earliest_article;

GRANT SELECT ON sightings TO newsingest_reader;
