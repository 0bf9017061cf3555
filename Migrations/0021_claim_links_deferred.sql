-- 0021_claim_links_deferred.sql: a linking step defers a claim whose key another step holds, once.
--
-- Before: a step that changes a key's hubs waited for any other step holding that key (its exclusive lock, or a
-- reader's shared one at its end), for the rest of that step: with 2 workers, 0.23–0.26 s per 1,000 articles of
-- waiting on claim_key_heads in the 8,000-article bench (pg_stat_statements), one linker idle while the other worked.
--
-- Now (ClaimLinking.swift) a step locks the keys it changes with SKIP LOCKED, and queues again, marked `deferred`,
-- the claims that carry a key it could not lock; the rest of its claims it links as before. A claim taken from the
-- queue marked deferred has its keys' locks waited for, as before, so no claim is put off twice in a row however
-- busy its keys are.
ALTER TABLE claim_link_pending ADD COLUMN deferred boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN claim_link_pending.deferred IS
    'Queued again because another linking step held one of its keys: the next step waits for its keys (0021).';
