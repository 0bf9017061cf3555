-- Claim variant groups without chaining (replaces the grouping rule of 0001's claims protocol; T1 unchanged but
-- for its locks, see below).
--
-- Before: variant groups were the connected components of the "same claim" graph. Containment is not transitive
-- (a trimmed quote is the same claim as the full one and as another trim of it that shares nothing else), so
-- templated sentences chained into one group of 73,068 of 1,015,351 claims in the 100,000-article bench
-- database; every claim joining it locked its one canonical row (linkers serialised on it) and a canonical
-- change rewrote every member's canonical_id.
--
-- Now, with claims ordered by (first_seen, fingerprint) (both only ever move earlier or stay):
--   claims.nearest_id = the earliest claim among the claim itself and the claims it is the same claim as
--                       (ClaimMatcher.isSameClaim, among the candidates its keys find). A claim whose nearest
--                       claim is itself is a "leader".
--   variant group     = its nearest claim when that claim is a leader, else the claim alone.
-- So every member of a group is the same claim as the group's canonical claim (a star, never a chain), the
-- canonical claim is a member of its own group, a group is at most its leader's same-claim neighbours, and both
-- are functions of the set of claims, not of arrival order or worker count. The chain A ~ B ~ C (A not C,
-- A earliest) gives {A, B} and {C}; with B earliest, {A, B, C}.
--
-- T2 (ResultStore.linkPendingClaims) maintains nearest_id only, for the claims a step's verdicts touch: a
-- pending claim takes the earliest of itself, its current nearest claim and its matches; each match takes the
-- pending claim when that is earlier than its current nearest claim. The update is a minimum, so linkers commute:
-- a linker locks only the rows it changes (FOR NO KEY UPDATE, ascending id), re-reads them under the lock and
-- writes the minimum again; no group row is locked, nothing is retried for a changed group. A claim whose
-- first_seen moves earlier is re-queued (as before) and its step offers it to its matches again.
-- T1 locks only the stored claims whose earliest sighting it moves (in ascending id order), no longer their
-- canonical rows: linkers lock no row before another. T1 also indexes a new claim under a key only while the key
-- holds fewer than ResultStore.claimPostingsPerToken + 1 claims, the ones T2 reads of it (the earliest stored);
-- rows past them were never read (98 % of claim_tokens with 23,000 bench articles stored). Candidate search is
-- unchanged but for batches committing out of id order near a key's cap (the kept claims are then the earliest
-- committed rather than the smallest ids; with the cap reached, arrival order already chose them before).
--
-- The group is computed where it is read (claim_groups, and so claim_mentions_current and every public view),
-- so a change of leader never rewrites members. claims_canonical is dropped: nothing looks claims up by their
-- group any more, and updates of nearest_id stay heap-only (no index entry per change).
ALTER TABLE claims RENAME COLUMN canonical_id TO nearest_id;
DROP INDEX claims_canonical;
COMMENT ON COLUMN claims.nearest_id IS
    'The earliest claim (first_seen, fingerprint) among this claim and the claims it is the same claim as.';

-- Each claim's variant group, named by its canonical claim.
CREATE VIEW claim_groups AS
SELECT c.claim_id, CASE WHEN n.nearest_id = n.claim_id THEN n.claim_id ELSE c.claim_id END AS canonical_id
FROM claims c
JOIN claims n ON n.claim_id = c.nearest_id;

CREATE OR REPLACE VIEW claim_mentions_current AS
SELECT
    m.article_id,
    m.mention_index,
    m.claim_id,
    c.fingerprint,
    m.kind,
    substr(a.text, m.speaker_start + 1, m.speaker_end - m.speaker_start) AS speaker_as_written,
    m.speaker_resolved,
    m.speaker_id,
    m.speaker_type,
    m.role,
    m.affiliation,
    m.resolution,
    m.speaker_start,
    m.speaker_end,
    m.speaker_phrase_start,
    m.speaker_phrase_end,
    substr(a.text, m.cue_start + 1, m.cue_end - m.cue_start) AS cue,
    m.cue_start,
    m.cue_end,
    substr(a.text, m.content_start + 1, m.content_end - m.content_start) AS content,
    m.content_start,
    m.content_end,
    m.content_parts,
    m.polarity,
    m.reporting_source,
    m.confidence,
    m.check_worthiness,
    m.sentence_index,
    m.pipeline_version,
    CASE WHEN n.nearest_id = n.claim_id THEN n.claim_id ELSE c.claim_id END AS canonical_id,
    c.fingerprint AS claim_fingerprint,
    a.content_hash,
    a.article_key,
    a.outlet AS article_outlet,
    a.title,
    a.published_date,
    a.first_seen
FROM claim_mentions m
JOIN current_articles a ON a.article_id = m.article_id
JOIN claims c ON c.claim_id = m.claim_id
JOIN claims n ON n.claim_id = c.nearest_id;
