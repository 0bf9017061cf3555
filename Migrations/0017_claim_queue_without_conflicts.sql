-- 0017_claim_queue_without_conflicts.sql: a claim is queued for linking by appending a row, never by a key that can
-- conflict, so a batch never waits on a linking step.
--
-- claim_link_pending had one row per claim (primary key claim_id). A linking step (ClaimLinking.swift) deletes the
-- rows it takes and holds them until it commits (hundreds of ms); a batch re-queuing one of those claims (an earlier
-- sighting: ClaimWrite.swift) ran INSERT … ON CONFLICT DO NOTHING, which must wait for the deleting step to end to
-- know whether the key is free (bench, 2 workers: 149 ms per 1,000 articles for 3,698 re-queued rows).
-- Now each row has its own number from a sequence: the batch's insert has nothing to conflict with, and a claim
-- re-queued while a step holds its earlier row keeps the new row, linked by a later step (no lost re-link). A claim
-- may be queued twice; a step links the distinct claims of the rows it takes, and linking is idempotent and
-- commutative (nearest_id only moves earlier). Steps take rows in queue order (seq), FOR UPDATE SKIP LOCKED.
-- queued_at went (nothing read it; seq gives the queue order), and so did every index: a step sorts the queue by seq
-- (a few batches' rows, some ms; measured 20 ms a step at 100,000 queued and 180 ms at 1,000,000, when linking has
-- fallen far behind), which costs less than an index entry written and deleted per queued claim (bench, 2 workers,
-- per 1,000 articles: about 0.9 MB less WAL and 30,000 fewer blocks than with a primary key on seq). The rare
-- lookups by claim (0013's delete of claims, quarantine) scan the queue.
-- Rows queued before keep their place, numbered in table order.
ALTER TABLE claim_link_pending DROP CONSTRAINT claim_link_pending_pkey, DROP COLUMN queued_at;
ALTER TABLE claim_link_pending ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
COMMENT ON TABLE claim_link_pending IS
    'Claims to link (new, or given an earlier sighting), in queue order (seq); a claim may be queued more than once.';
