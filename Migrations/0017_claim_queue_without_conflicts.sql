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
-- queued_at went: nothing read it, and seq gives the queue order. No index on claim_id: only the rare deletes of
-- claims (0013's trigger) and quarantine look rows up by claim, in a queue of a few batches.
-- Rows queued before keep their place, numbered in table order.
ALTER TABLE claim_link_pending DROP CONSTRAINT claim_link_pending_pkey, DROP COLUMN queued_at;
ALTER TABLE claim_link_pending ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
COMMENT ON TABLE claim_link_pending IS
    'Claims to link (new, or given an earlier sighting), in queue order (seq); a claim may be queued more than once.';
