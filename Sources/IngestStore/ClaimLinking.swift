import IngestCore
import Postgres

// Claim linking (T2 of the claims protocol in Migrations/0001_baseline.sql), after the batch committed: candidate
// claims sharing a candidate key (ClaimCandidateKeys), verdicts in Swift (ClaimMatcher.isSameClaim), variant groups merged in bulk.
extension ResultStore {
    /// Candidates judged per pending claim, the most similar first (then smallest fingerprint).
    static let claimCandidateCap = 200
    /// Claims read per token of a pending claim, earliest stored first. A common word ("government") is indexed for
    /// a growing share of all claims; without this bound one batch of claims would read most of the index
    /// (measured: the fault suite's 10,000 articles went from 150 s to a projected 45 min). True variants share
    /// rarer words too, so they are still found through those.
    static let claimPostingsPerToken = 32
    /// Tries to lock the variant groups of one step before it gives up with 40001 (left to the caller's retry).
    static let claimLockRounds = 5

    /// After the batch committed: compares pending claims with the claims of their version that are variant
    /// candidates (ClaimCandidateKeys) and merges the variant groups of those that are the same claim worded differently.
    /// Returns how many pending claims were processed (at most `limit`; fewer means the queue is empty).
    ///
    /// No global lock: it locks the canonical rows of the variant groups it changes, in ascending id order. When one
    /// of them was merged or re-chosen since it read them, it reads them again and relocks, and after
    /// `claimLockRounds` such rounds throws `PostgresError` 40001 (transient; nothing was changed). Linkers of
    /// disjoint groups run at the same time.
    public func linkPendingClaims(limit: Int = 1000) throws -> Int {
        try linkPendingClaims(limit: limit, whileLocked: {})
    }

    /// `linkPendingClaims(limit:)`, calling `whileLocked` after its locks are taken and before it commits (tests
    /// run a second linker there, to show that linkers of disjoint groups do not wait on each other).
    package func linkPendingClaims(limit: Int, whileLocked: () throws -> Void) throws -> Int {
        try connection.transaction {
            try connection.query("SET LOCAL jit = off")  // index probes: compiling costs more than it saves
            let pending: [Int64] = try connection.query(
                """
                DELETE FROM claim_link_pending p
                WHERE p.claim_id IN (
                    SELECT claim_id FROM claim_link_pending ORDER BY claim_id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                )
                RETURNING p.claim_id
                """
            ).rows.map { try $0.decode("claim_id") }
            guard !pending.isEmpty else { return 0 }
            // The pending claims, then one postings read for the batch's distinct tokens, filtered in Swift.
            var claims = try claimRecords(pending)
            let pairs = try claimCandidates(of: pending, records: &claims)
            // Verdicts depend on signatures only, groups may change under a concurrent linker: judged once.
            let same = pairs.filter { claim, other in
                guard let a = claims[claim]?.signature, let b = claims[other]?.signature else { return false }
                return ClaimMatcher.isSameClaim(a, b)
            }
            // Groups: the pending claims' as read above, the matching candidates' read now (cached records do not
            // hold them).
            var groupOf: [Int64: Int64] = [:]
            for id in pending { groupOf[id] = claims[id]?.group }
            try readGroups(of: same.map(\.1).filter { groupOf[$0] == nil }, into: &groupOf)
            // Locks are taken after a savepoint: when a group changed since it was read (a concurrent linker merged
            // it, and this one waited for its commit), they are released, the groups read again and the locks
            // taken again at once, instead of throwing the whole step away and sleeping before a retry.
            try connection.query("SAVEPOINT claim_locks")
            var round = 1
            while true {
                // Union-find over variant groups: every group a pending claim touches is recomputed, merged or not.
                var variants = UnionFind<Int64>()
                for id in pending { if let group = groupOf[id] { variants.insert(group) } }
                for (claim, other) in same {
                    guard let a = groupOf[claim], let b = groupOf[other] else { continue }
                    variants.union(a, b)
                }
                let groups = variants.members.sorted()
                guard !groups.isEmpty else { return pending.count }
                if try lockVariantGroups(groups) {
                    try mergeVariantGroups(groups, into: groups.map { variants.find($0) })
                    try whileLocked()
                    return pending.count
                }
                guard round < Self.claimLockRounds else {
                    throw PostgresError(
                        .server,
                        sqlState: "40001",
                        message: "variant groups changed while linking; retry"
                    )
                }
                round += 1
                try connection.query("ROLLBACK TO SAVEPOINT claim_locks")
                try readGroups(of: Array(groupOf.keys), into: &groupOf)
            }
        }
    }

    /// The current variant group (canonical_id) of each of `ids`.
    private func readGroups(of ids: [Int64], into groupOf: inout [Int64: Int64]) throws {
        guard !ids.isEmpty else { return }
        for row in try connection.query(
            "SELECT claim_id, canonical_id FROM claims WHERE claim_id = ANY(\(ids)::int8[])"
        )
        .rows {
            groupOf[try row.decode("claim_id")] = try row.decode("canonical_id")
        }
    }

    /// Locks the canonical rows of `groups` (sorted) in ascending id order and checks that each is still its
    /// group's canonical claim (not merged or re-chosen since it was read). Members are updated without their own
    /// lock: a batch locks a claim's canonical row before the claim (ClaimWrite.swift), so it never holds a member
    /// of a group whose canonical row a linker holds.
    private func lockVariantGroups(_ groups: [Int64]) throws -> Bool {
        let locked = try connection.query(
            """
            SELECT claim_id FROM claims
            WHERE claim_id = ANY(\(groups)::int8[]) AND canonical_id = claim_id
            ORDER BY claim_id
            FOR NO KEY UPDATE
            """
        ).rows.count
        return locked == groups.count
    }

    /// Gives each component (`components[i]` is the component of `groups[i]`) its earliest member as canonical
    /// claim. Its rows must be locked.
    private func mergeVariantGroups(_ groups: [Int64], into components: [Int64]) throws {
        // Each component's canonical claim is its earliest member (first_seen, then smallest fingerprint).
        try connection.query(
            """
            UPDATE claims c SET canonical_id = w.canonical
            FROM (
                SELECT g.old,
                       first_value(m.claim_id) OVER (
                           PARTITION BY g.component ORDER BY m.first_seen, m.fingerprint
                       ) AS canonical
                FROM unnest(\(groups)::int8[], \(components)::int8[]) AS g(old, component)
                CROSS JOIN LATERAL (
                    SELECT claim_id, first_seen, fingerprint FROM claims
                    WHERE canonical_id = g.old ORDER BY first_seen, fingerprint LIMIT 1
                ) m
            ) w
            WHERE c.canonical_id = w.old AND c.canonical_id <> w.canonical
            """
        )
    }

    /// What linking needs of a claim: its version, fingerprint (the ranking tie-break), group and signature.
    struct ClaimRecord {
        var version: String
        var fingerprint: String
        var group: Int64
        var signature: ClaimSignature
    }

    func claimRecords(_ ids: [Int64]) throws -> [Int64: ClaimRecord] {
        var records: [Int64: ClaimRecord] = [:]
        records.reserveCapacity(ids.count)
        for row in try connection.query(
            """
            SELECT claim_id, pipeline_version, fingerprint, canonical_id, array_to_string(tokens, ',') AS tokens,
                   array_to_string(numbers, ',') AS numbers
            FROM claims
            WHERE claim_id = ANY(\(ids)::int8[])
            """
        ).rows {
            let id: Int64 = try row.decode("claim_id")
            let record = ClaimRecord(
                version: try row.decode("pipeline_version"),
                fingerprint: try row.decode("fingerprint"),
                group: try row.decode("canonical_id"),
                signature: ClaimSignature(
                    tokens: try Self.integers(row["tokens"]).map { UInt64(bitPattern: $0) },
                    numbers: try Self.integers(row["numbers"]).map { UInt64(bitPattern: $0) }
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
            for key in keys { keysByVersion[record.version, default: []].insert(Int64(bitPattern: key)) }
        }
        // Posting lists as positions in `ranking`.
        var postings: [String: [Int64: [Int32]]] = [:]
        for (version, keys) in keysByVersion {
            let list = keys.sorted()
            var lists: [Int64: [Int32]] = [:]
            lists.reserveCapacity(list.count)
            for row in try connection.query(
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
            ).rows {
                lists[try row.decode("token_hash")] = try Self.integers(row["claims"]).map { ranking.position(of: $0) }
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
