-- 0010_unread_columns.sql: columns of the articles side that no view, query or command reads, written for every
-- row. What they said is still known from the rows they point to:
--   article_sightings.pipeline_version   the sighting's article (articles.pipeline_version) has it;
--   sentence_index.kind                  which kind of key a row holds (anchor, sentence hash, quote key) is known
--                                        from the article's arrays in article_minhash; probes read keys of every
--                                        kind alike (8 of the 48 bytes of each of ~38 rows per article);
--   duplicate_edges.pipeline_version     both articles of an edge are of one version (they are only compared then);
--   article_minhash.pipeline_version, parameters, computed_at
--                                        the article's own row has its version, and the version fixes the
--                                        fingerprint parameters; linking reads the version from articles.
-- Rows written before this migration keep their old bytes until rewritten (VACUUM FULL); new rows do without.
ALTER TABLE article_sightings DROP COLUMN pipeline_version;
ALTER TABLE sentence_index DROP COLUMN kind;
ALTER TABLE duplicate_edges DROP COLUMN pipeline_version;
ALTER TABLE article_minhash DROP COLUMN pipeline_version, DROP COLUMN parameters, DROP COLUMN computed_at;
