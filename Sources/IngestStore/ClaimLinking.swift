import IngestCore
import Postgres

// Claim linking (T2 of the claims protocol in Migrations/0001_baseline.sql, grouping rule of
// 0012_claim_nearest_groups.sql), after the batch committed: candidate claims sharing a candidate key
// (ClaimCandidateKeys), verdicts in Swift (ClaimMatcher.isSameClaim), nearest claims updated in bulk.
extension ResultStore {
    /// Candidates judged per pending claim, the most similar first (then smallest fingerprint).
    static let claimCandidateCap = 200
    /// Claims read per token of a pending claim, earliest stored first. A common word ("government") is indexed for
    /// a growing share of all claims; without this bound one batch of claims would read most of the index
    /// (measured: the fault suite's 10,000 articles went from 150 s to a projected 45 min). True variants share
    /// rarer words too, so they are still found through those.
    package static let claimPostingsPerToken = 32

    /// After the batch committed: compares pending claims with the claims of their version that are variant
    /// candidates (ClaimCandidateKeys) and records, for every claim a same-claim verdict touches, its nearest claim.
    /// Returns how many queue rows it took (at most `limit`; fewer means the queue is empty); a claim queued more than
    /// once (re-queued while another step held it: Migrations/0017) is linked once for all its rows.
    ///
    /// Grouping rule (Migrations/0012_claim_nearest_groups.sql): claims are ordered by (first_seen, fingerprint);
    /// a claim's `nearest_id` is the earliest of itself and the claims it is the same claim as; its variant group
    /// is its nearest claim when that claim is its own nearest (a leader), else the claim alone. Every member is
    /// the same claim as the group's canonical claim (no chains), and groups are a function of the set of claims.
    ///
    /// No global lock, and no group lock: `nearest_id` only ever moves to an earlier claim, so a step takes the
    /// minimum of the current value and its verdicts. It locks only the rows it changes, in ascending id order,
    /// reads them again under the lock and writes the minimum of what it finds: linkers commute, whatever order
    /// they commit in. Linkers meet only on the same claims.
    public func linkPendingClaims(limit: Int = 1000) throws -> Int {
        try linkPendingClaims(limit: limit, whileLocked: {})
    }

    /// `linkPendingClaims(limit:)`, calling `whileLocked` after its locks are taken and before it commits (tests
    /// run a second linker there, to show that linkers of disjoint groups do not wait on each other).
    package func linkPendingClaims(limit: Int, whileLocked: () throws -> Void) throws -> Int {
        try connection.transaction {
            try connection.execute(script: Self.linkingStepSettings)
            // The rows are taken once in queue order (ARRAY, an init plan), then deleted by their row address (a TID
            // scan, no index descent per row): as `IN (subquery)` the plan can be a join that rescans the queue per
            // row (one bench run on a fresh database: 7.8 s and 15.9M blocks). A claim queued twice is linked once.
            let rows: [Int64] = try connection.query(
                """
                DELETE FROM claim_link_pending p
                WHERE p.ctid = ANY(ARRAY(
                    SELECT ctid FROM claim_link_pending ORDER BY seq LIMIT \(limit) FOR UPDATE SKIP LOCKED
                ))
                RETURNING p.claim_id
                """
            ).rows.map { try $0.decode("claim_id") }
            guard !rows.isEmpty else { return 0 }
            let pending = Array(Set(rows)).sorted()
            // The pending claims, then one postings read for the batch's distinct tokens, filtered in Swift.
            var claims = try claimRecords(pending)
            let pairs = try claimCandidates(of: pending, records: &claims)
            // Verdicts depend on signatures only: judged once, outside any lock.
            var matches: [Int64: [Int64]] = [:]
            for id in pending { matches[id] = [] }  // a re-queued claim may now precede its nearest claim
            for (claim, other) in pairs {
                guard let a = claims[claim]?.signature, let b = claims[other]?.signature,
                    ClaimMatcher.isSameClaim(a, b)
                else { continue }
                matches[claim, default: []].append(other)
                matches[other, default: []].append(claim)
            }
            let touched = matches.keys.sorted()
            let changed = nearestChanges(matches, state: try nearestState(touched, matches))
            if !changed.isEmpty {
                // Under the lock the rows are read again: a concurrent linker may have moved them earlier still.
                let ids = changed.keys.sorted()
                try connection.query(
                    """
                    SELECT claim_id FROM claims WHERE claim_id = ANY(\(ids)::int8[])
                    ORDER BY claim_id FOR NO KEY UPDATE
                    """
                )
                let locked = nearestChanges(
                    matches.filter { changed[$0.key] != nil },
                    state: try nearestState(ids, matches)
                )
                if !locked.isEmpty {
                    let rows = locked.keys.sorted()
                    try connection.query(
                        """
                        UPDATE claims c SET nearest_id = u.nearest
                        FROM unnest(\(rows)::int8[], \(rows.map { locked[$0]! })::int8[]) AS u(claim_id, nearest)
                        WHERE c.claim_id = u.claim_id
                        """
                    )
                }
            }
            try whileLocked()
            return rows.count
        }
    }

    /// The order variant groups are led in: (first_seen in microseconds, fingerprint).
    struct ClaimOrder: Comparable {
        var seen: Int64
        var fingerprint: String

        static func < (a: ClaimOrder, b: ClaimOrder) -> Bool {
            (a.seen, a.fingerprint) < (b.seen, b.fingerprint)
        }
    }

    /// What deciding a claim's nearest claim needs: its current nearest claim, and the order of the claims involved.
    struct NearestState {
        var nearest: [Int64: Int64] = [:]
        var order: [Int64: ClaimOrder] = [:]
    }

    /// The current nearest claim of `ids`, and the order of `ids`, of their nearest claims and of their matches: the
    /// claims involved read once, then only the nearest claims not among them (most claims are their own nearest).
    /// As one statement the nearest claims were a join that read every asked claim a second time (a third of the
    /// statement's buffers in a 3,000-article bench).
    private func nearestState(_ ids: [Int64], _ matches: [Int64: [Int64]]) throws -> NearestState {
        var state = NearestState()
        var involved = Set(ids)
        for id in ids { involved.formUnion(matches[id] ?? []) }
        var nearest: [Int64: Int64] = [:]
        func read(_ claims: [Int64]) throws {
            for row in try connection.query(
                """
                SELECT claim_id, nearest_id, (extract(epoch FROM first_seen) * 1000000)::int8 AS seen, fingerprint
                FROM claims WHERE claim_id = ANY(\(claims)::int8[])
                """
            ).rows {
                let id: Int64 = try row.decode("claim_id")
                state.order[id] = ClaimOrder(seen: try row.decode("seen"), fingerprint: try row.decode("fingerprint"))
                nearest[id] = try row.decode("nearest_id")
            }
        }
        try read(Array(involved))
        for id in ids { state.nearest[id] = nearest[id] }
        let missing = Set(ids.compactMap { nearest[$0] }).filter { state.order[$0] == nil }
        if !missing.isEmpty { try read(Array(missing)) }
        return state
    }

    /// For each claim of `matches` whose nearest claim changes: the earliest of itself, its current nearest claim
    /// and its matches.
    private func nearestChanges(_ matches: [Int64: [Int64]], state: NearestState) -> [Int64: Int64] {
        var changes: [Int64: Int64] = [:]
        for (id, others) in matches {
            guard let current = state.nearest[id], var best = state.order[current] else { continue }
            var nearest = current
            for candidate in [id] + others {
                guard let order = state.order[candidate], order < best else { continue }
                best = order
                nearest = candidate
            }
            if nearest != current { changes[id] = nearest }
        }
        return changes
    }

    /// What linking needs of a claim: its version, fingerprint (the ranking tie-break) and signature.
    struct ClaimRecord {
        var version: String
        var fingerprint: String
        var signature: ClaimSignature
    }

    func claimRecords(_ ids: [Int64]) throws -> [Int64: ClaimRecord] {
        var records: [Int64: ClaimRecord] = [:]
        records.reserveCapacity(ids.count)
        // Packed signatures (Migrations/0018) in binary results: no number formatted by the server or parsed here.
        // Text columns come as their UTF-8 either way.
        for row in try connection.query(
            """
            SELECT claim_id, pipeline_version, fingerprint, tokens, numbers
            FROM claims
            WHERE claim_id = ANY(\(ids)::int8[])
            """,
            binaryResults: true
        ).rows {
            let id = try PostgresPackedIntegers.int64(row, "claim_id")
            let record = ClaimRecord(
                version: try row.decode("pipeline_version"),
                fingerprint: try row.decode("fingerprint"),
                signature: ClaimSignature(
                    tokens: try PostgresPackedIntegers.uint64s(row, "tokens"),
                    numbers: try PostgresPackedIntegers.uint64s(row, "numbers")
                )
            )
            records[id] = record
            claimRecordCache.insert(record, for: id)
        }
        return records
    }

    /// Candidate pairs (pending claim, other claim): the claims sharing one of a pending claim's candidate keys
    /// (ClaimCandidateKeys), reading for each key the first claimPostingsPerToken claims indexed under it (itself
    /// excluded), those whose containment reaches the same-claim threshold (ClaimVariantFilter), at most
    /// claimCandidateCap per pending claim, most similar first, then smallest fingerprint. One
    /// query per pipeline version reads each distinct key of the batch once (plus one posting, since a claim's own
    /// posting does not count). Adds the candidates' records to `records`.
    func claimCandidates(of pending: [Int64], records: inout [Int64: ClaimRecord]) throws -> [(Int64, Int64)] {
        var ranking = ClaimCandidateRanking(pending: pending)
        var keysOf: [[UInt64]?] = []
        var keysByVersion: [String: Set<Int64>] = [:]
        for claim in pending {
            guard let record = records[claim] else {
                keysOf.append(nil)
                continue
            }
            let keys = ClaimCandidateKeys.indexed(record.signature.tokens)
            keysOf.append(keys)
            // The version hashed once per claim, not once per key.
            keysByVersion[record.version, default: []].formUnion(keys.lazy.map { Int64(bitPattern: $0) })
        }
        // Posting lists as positions in `ranking`.
        var postings: [String: [Int64: [Int32]]] = [:]
        for (version, keys) in keysByVersion {
            let list = keys.sorted()
            var lists: [Int64: [Int32]] = [:]
            lists.reserveCapacity(list.count)
            let read = try withoutBitmapScans {
                try connection.query(
                    """
                    SELECT k.token_hash,
                           array_to_string(ARRAY(
                               SELECT t.claim_id FROM claim_tokens t
                               WHERE t.pipeline_version = \(version) AND t.token_hash = k.token_hash
                               ORDER BY t.claim_id
                               LIMIT \(Self.claimPostingsPerToken + 1)
                           ), ',') AS claims
                    FROM unnest(\(list)::int8[]) AS k(token_hash)
                    """
                )
            }
            for row in read.rows {
                lists[try row.decode("token_hash")] = try Self.integers(row, "claims").map { ranking.position(of: $0) }
            }
            postings[version] = lists
        }
        ranking.gather(
            keys: keysOf,
            postings: { index in records[pending[index]].flatMap { postings[$0.version] } },
            perKey: Self.claimPostingsPerToken
        )
        var missing: [Int64] = []
        for other in ranking.candidateIDs where records[other] == nil {
            if let cached = claimRecordCache[other] { records[other] = cached } else { missing.append(other) }
        }
        if !missing.isEmpty {
            records.merge(try claimRecords(missing)) { old, _ in old }
        }
        return ranking.rankedPairs(cap: Self.claimCandidateCap) { id in
            records[id].map { ($0.fingerprint, $0.signature.tokens) }
        }
    }
}
