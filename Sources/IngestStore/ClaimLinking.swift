import IngestCore
import Postgres

// Claim linking (T2 of the claims protocol in Migrations/0001_baseline.sql), after the batch committed: candidate
// claims sharing canonical tokens, verdicts in Swift (ClaimMatcher.isSameClaim), variant groups merged in bulk.
extension ResultStore {
    /// Candidates judged per pending claim, the ones sharing most tokens first (then smallest fingerprint).
    static let claimCandidateCap = 200
    /// Claims read per token of a pending claim, earliest stored first. A common word ("government") is carried by
    /// a growing share of all claims; without this bound one batch of claims would read most of the index
    /// (measured: the fault suite's 10,000 articles went from 150 s to a projected 45 min). True variants share
    /// rarer words too, so they are still found through those.
    static let claimPostingsPerToken = 32

    /// After the batch committed: compares pending claims with every claim of their version sharing enough
    /// canonical tokens and merges the variant groups of those that are the same claim worded differently.
    /// Returns how many pending claims were processed (at most `limit`; fewer means the queue is empty).
    ///
    /// No global lock: it locks the canonical rows of the variant groups it changes, in ascending id order, and
    /// throws `PostgresError` 40001 (transient; nothing was changed) when one of them was merged or re-chosen
    /// since it read them. Linkers of disjoint groups run at the same time.
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
            let pairs = try connection.query(
                """
                WITH shared AS (
                    SELECT n.claim_id AS claim, o.claim_id AS other, count(*) AS shared
                    FROM claims n
                    CROSS JOIN LATERAL unnest(n.tokens) AS k(token_hash)
                    CROSS JOIN LATERAL (
                        SELECT t.claim_id FROM claim_tokens t
                        WHERE t.pipeline_version = n.pipeline_version AND t.token_hash = k.token_hash
                          AND t.claim_id <> n.claim_id
                        ORDER BY t.claim_id
                        LIMIT \(Self.claimPostingsPerToken)
                    ) o
                    WHERE n.claim_id = ANY(\(pending)::int8[])
                    GROUP BY n.claim_id, o.claim_id
                    HAVING count(*) >= \(ClaimMatcher.minimumSharedTokens)
                ),
                ranked AS (
                    SELECT s.claim, s.other,
                           row_number() OVER (PARTITION BY s.claim ORDER BY s.shared DESC, c.fingerprint) AS rank
                    FROM shared s JOIN claims c ON c.claim_id = s.other
                )
                SELECT claim, other FROM ranked WHERE rank <= \(Self.claimCandidateCap)
                """
            ).rows.map { (try $0.decode("claim", as: Int64.self), try $0.decode("other", as: Int64.self)) }
            var involved = Set(pending)
            for (claim, other) in pairs {
                involved.insert(claim)
                involved.insert(other)
            }
            var groupOf: [Int64: Int64] = [:]
            var signature: [Int64: ClaimSignature] = [:]
            for row in try connection.query(
                """
                SELECT claim_id, canonical_id, array_to_string(tokens, ',') AS tokens,
                       array_to_string(numbers, ',') AS numbers
                FROM claims
                WHERE claim_id = ANY(\(Array(involved))::int8[])
                """
            ).rows {
                let id: Int64 = try row.decode("claim_id")
                groupOf[id] = try row.decode("canonical_id")
                signature[id] = ClaimSignature(
                    tokens: try Self.integers(row["tokens"]).map { UInt64(bitPattern: $0) },
                    numbers: try Self.integers(row["numbers"]).map { UInt64(bitPattern: $0) }
                )
            }
            // Union-find over variant groups: every group a pending claim touches is recomputed, merged or not.
            var parent: [Int64: Int64] = [:]
            func find(_ group: Int64) -> Int64 {
                var root = group
                while let next = parent[root], next != root { root = next }
                parent[group] = root
                return root
            }
            for id in pending { if let group = groupOf[id] { parent[group] = group } }
            for (claim, other) in pairs {
                guard let a = groupOf[claim], let b = groupOf[other], let sa = signature[claim],
                    let sb = signature[other], ClaimMatcher.isSameClaim(sa, sb)
                else { continue }
                parent[a] = parent[a] ?? a
                parent[b] = parent[b] ?? b
                let (ra, rb) = (find(a), find(b))
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
            let groups = parent.keys.sorted()
            guard !groups.isEmpty else { return pending.count }
            let components = groups.map { find($0) }
            // Lock the groups' canonical rows in one order (no lock cycles between linkers), then check each is
            // still its group's canonical claim: a group merged or re-chosen since it was read fails the check.
            let locked = try connection.query(
                """
                SELECT claim_id FROM claims
                WHERE claim_id = ANY(\(groups)::int8[]) AND canonical_id = claim_id
                ORDER BY claim_id
                FOR NO KEY UPDATE
                """
            ).rows.count
            guard locked == groups.count else {
                throw PostgresError(.server, sqlState: "40001", message: "variant groups changed while linking; retry")
            }
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
            try whileLocked()
            return pending.count
        }
    }
}
