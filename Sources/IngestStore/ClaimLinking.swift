import IngestCore
import Postgres

// Claim linking (T2 of the claims protocol in Migrations/0001_baseline.sql, grouping rule of
// 0012_claim_nearest_groups.sql, candidates of 0019_claim_variant_hubs.sql), after the batch committed: each pending
// claim judged (ClaimMatcher.isSameClaim) against the hubs of its candidate keys (ClaimCandidateKeys) that come before
// it, and the claims after it judged against it where it becomes a hub.
extension ResultStore {
    /// A key's hubs: its earliest carriers by ClaimOrder, the claims after them are judged against.
    package static let claimHubsPerKey = 32

    /// After the batch committed: links pending claims and records, for every claim whose nearest claim changes, its
    /// nearest claim. Returns how many queue rows it took (at most `limit`; fewer means the queue is empty); a claim
    /// queued more than once (re-queued while another step held it: Migrations/0017) is linked once for all its rows.
    ///
    /// Grouping rule (Migrations/0012, 0019): claims are ordered by ClaimOrder; a claim's `nearest_id` is the
    /// earliest of itself and the claims it is the same claim as among the `claimHubsPerKey` earliest carriers of each
    /// of its keys that come before it. That is a function of the claims before it, so groups are a function of the
    /// set of claims, whatever the arrival order or the number of workers.
    ///
    /// A pending claim's nearest claim is decided from scratch. Where it enters a key's hubs (or moves within them),
    /// every later carrier of the key is judged against it and takes it if it is earlier than its nearest claim (a
    /// minimum: such updates commute), and a claim whose nearest claim was pushed out of the hubs is queued again.
    /// No global lock: a step locks exclusive only the keys whose hubs it changes (claim_key_heads, Migrations/0019);
    /// the others it reads optimistically and checks at the end without waiting, queueing again a claim whose key
    /// changed meanwhile. Steps wait only on steps changing the same keys' hubs.
    public func linkPendingClaims(limit: Int = 1000) throws -> Int {
        try linkPendingClaims(limit: limit, whileLocked: {})
    }

    /// `linkPendingClaims(limit:)`, calling `whileLocked` after its locks are taken and before it commits (tests
    /// run a second linker there, to show that linkers of disjoint groups do not wait on each other).
    package func linkPendingClaims(limit: Int, whileLocked: () throws -> Void) throws -> Int {
        // Two steps holding two queue rows of one claim both write its key rows; the second fails on the primary key
        // once the first commits, and run again it finds them. A third such failure in a row is reported as the
        // serialization failure it is (40001: transient, the rows stay queued), never as a fault of the claim.
        var attempt = 1
        while true {
            do {
                return try connection.transaction { try claimLinkingStep(limit: limit, whileLocked: whileLocked) }
            } catch let conflict as KeyRowsWrittenMeanwhile {
                guard attempt < 3 else {
                    throw PostgresError(
                        .server,
                        sqlState: "40001",
                        message: "claim key rows written by concurrent linking steps \(attempt) times running",
                        detail: conflict.error.message
                    )
                }
                logger.debug(
                    "claim key rows written by another step; linking again",
                    metadata: ["error": "\(conflict)"]
                )
                attempt += 1
            }
        }
    }

    /// Another step wrote key rows of a claim of this step (a claim queued twice, taken by two steps at once).
    struct KeyRowsWrittenMeanwhile: Error, CustomStringConvertible {
        var error: PostgresError
        var description: String { "\(error)" }
    }

    private func claimLinkingStep(limit: Int, whileLocked: () throws -> Void) throws -> Int {
        try connection.execute(script: Self.linkingStepSettings)
        // The rows are taken once in queue order (ARRAY, an init plan), then deleted by their row address (a TID
        // scan, no index descent per row): as `IN (subquery)` the plan can be a join that rescans the queue per
        // row (one bench run on a fresh database: 7.8 s and 15.9M blocks). A claim queued twice is linked once.
        var movedFrom: [Int64: Set<Int64>] = [:]
        let rows = try connection.query(
            """
            DELETE FROM claim_link_pending p
            WHERE p.ctid = ANY(ARRAY(
                SELECT ctid FROM claim_link_pending ORDER BY seq LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ))
            RETURNING p.claim_id, p.moved_from
            """
        ).rows
        guard !rows.isEmpty else { return 0 }
        for row in rows {
            let id: Int64 = try row.decode("claim_id")
            let from: Int64? = try row.decode("moved_from")
            movedFrom[id, default: []].formUnion(from.map { [$0] } ?? [])
        }
        let pending = try readClaimRecords(movedFrom.keys.sorted(), firstSeen: true)
        var records = pending.records
        let placed = Self.pendingPlaces(records, seen: pending.seen, movedFrom: movedFrom)
        let keys = Set(placed.values.flatMap(\.keys))
        let places = placed.values.map { (order: $0.order, keys: $0.keys) }

        // Optimistic for the keys whose hubs the step only reads: their versions, then their hubs, read without a
        // lock and checked at the end. The keys whose hubs it changes are locked exclusive (their versions bumped)
        // for the whole step, and their hubs read again under the lock where the version locked is not the one read
        // first. A key can only stop needing a change meanwhile (hubs only fill up or move earlier), so the locked
        // set covers every change the step makes.
        let heads = try keyHeads(keys)
        var read = try readHubs(keys, heads: heads)
        let exclusive = Set(ClaimKeyHubs(read: read, pending: places, count: Self.claimHubsPerKey).changed)
        if !exclusive.isEmpty {
            // Versions only grow and every change of a key's hubs commits with a bump, so a key locked at the version
            // read before its hubs had no change commit since: the hubs read are its hubs, and stay so under the lock.
            let lockedVersions = try lockExclusive(exclusive, heads: heads)
            let moved = exclusive.filter { key in heads[key].map { lockedVersions[$0.id] != $0.version } ?? true }
            if !moved.isEmpty {
                let locked = try readHubs(moved, heads: heads)
                for key in moved { read[key] = locked[key] ?? [] }
            }
        }
        let hubs = ClaimKeyHubs(read: read, pending: places, count: Self.claimHubsPerKey)

        // Each pending claim against the hubs before it: its nearest claim from scratch.
        let later = try laterCarriers(hubs, heads: heads, excluding: Set(placed.keys))
        var missingRecords: [Int64] = []
        let hubIDs = hubs.hubIDs.union(later.values.lazy.flatMap { $0.lazy.map { $0.id } })
        for id in hubIDs where records[id] == nil {
            if let cached = claimRecordCache[id] { records[id] = cached } else { missingRecords.append(id) }
        }
        if !missingRecords.isEmpty { records.merge(try claimRecords(missingRecords.sorted())) { old, _ in old } }
        let judge = ClaimJudge(records)
        var nearest: [Int64: Int64] = [:]
        for (id, place) in placed {
            guard let claim = judge.slot(id) else {
                nearest[id] = id
                continue
            }
            nearest[id] = hubs.nearest(of: place.order, keys: place.keys) { judge.same(claim, $0.id) }.id
        }

        // The later carriers of changed keys against the claims entering their hubs, and the pushed-out hubs'
        // followers found among them.
        var matches: [Int64: [Int64]] = [:]
        var followedBy: [(claim: Int64, hub: Int64)] = []
        for key in hubs.changed {
            let entering = hubs.entering[key] ?? []
            let pushed = hubs.pushedOut[key] ?? []
            for carrier in later[key] ?? [] {
                guard let slot = judge.slot(carrier.id) else { continue }
                for claim in entering where claim < carrier && judge.same(slot, claim.id) {
                    matches[carrier.id, default: []].append(claim.id)
                }
                for hub in pushed where hub < carrier && judge.same(slot, hub.id) {
                    followedBy.append((carrier.id, hub.id))
                }
            }
        }
        let involved = Array(Set(matches.keys).union(followedBy.map(\.claim)).union(placed.keys)).sorted()
        let state = try nearestState(involved, matches)
        let followers = Set(followedBy.filter { state.nearest[$0.claim] == $0.hub }.map(\.claim))

        // The keys read optimistically, locked shared now (never waiting: one an exclusive step holds counts as
        // changed) and checked: a pending claim with a key changed since its version was read is queued again
        // instead of taking its value.
        let stale = try staleKeys(keys.subtracting(exclusive), heads: heads)
        var requeue = followers
        if !stale.isEmpty {
            for (id, place) in placed where place.keys.contains(where: stale.contains) {
                nearest[id] = nil
                requeue.insert(id)
            }
        }
        try writeKeyRows(placed, heads: heads)
        // Pending claims take their value; later carriers the minimum, read again under the row locks.
        var changes = nearestChanges(matches, state: state)
        for (id, value) in nearest where state.nearest[id] != value { changes[id] = value }
        if !changes.isEmpty {
            try connection.query(
                """
                SELECT claim_id FROM claims WHERE claim_id = ANY(\(changes.keys.sorted())::int8[])
                ORDER BY claim_id FOR NO KEY UPDATE
                """
            )
            let minimums = matches.filter { changes[$0.key] != nil }
            if !minimums.isEmpty {
                let locked = nearestChanges(minimums, state: try nearestState(minimums.keys.sorted(), minimums))
                for id in minimums.keys { changes[id] = locked[id] }
            }
            let rows = changes.keys.sorted()
            try connection.query(
                """
                UPDATE claims c SET nearest_id = u.nearest
                FROM unnest(\(rows)::int8[], \(rows.map { changes[$0]! })::int8[]) AS u(claim_id, nearest)
                WHERE c.claim_id = u.claim_id
                """
            )
        }
        if !requeue.isEmpty {
            try connection.query(
                "INSERT INTO claim_link_pending (claim_id) SELECT unnest(\(requeue.sorted())::int8[])"
            )
        }
        try whileLocked()
        return rows.count
    }

    /// A pending claim's place: its current order, its keys, and the first_seens it moved from since it was last
    /// linked (where its key rows may be).
    struct ClaimPlace {
        var order: ClaimOrder
        var keys: [ClaimKeyHubs.Key]
        var movedFrom: Set<Int64>
    }

    /// The places of the pending claims that are stored (a claim deleted meanwhile has no record).
    private static func pendingPlaces(
        _ records: [Int64: ClaimRecord],
        seen: [Int64: Int64],
        movedFrom: [Int64: Set<Int64>]
    ) -> [Int64: ClaimPlace] {
        var places: [Int64: ClaimPlace] = [:]
        for (id, record) in records {
            guard let seen = seen[id] else { continue }
            places[id] = ClaimPlace(
                order: ClaimOrder(seen: seen, fingerprint: record.fingerprint, id: id),
                keys: ClaimCandidateKeys.indexed(record.signature.tokens).map {
                    ClaimKeyHubs.Key(version: record.version, hash: Int64(bitPattern: $0))
                },
                movedFrom: movedFrom[id] ?? []
            )
        }
        return places
    }

    /// A key's lock row: the number its claim_keys rows go by, and the version of its hubs when read.
    struct KeyHead {
        var id: Int64
        var version: Int64
    }

    /// Each key's lock row, as it is now. Batches insert them before they store the claims (NewClaimKeys.swift):
    /// none is missing but for claims stored before Migrations/0019, whose rows are inserted here.
    private func keyHeads(_ keys: Set<ClaimKeyHubs.Key>) throws -> [ClaimKeyHubs.Key: KeyHead] {
        var heads = try storedKeyHeads(keys)
        let missing = keys.filter { heads[$0] == nil }
        guard !missing.isEmpty else { return heads }
        for (version, keys) in Dictionary(grouping: missing, by: \.version) {
            try insertClaimKeyHeads(keys.map(\.hash).sorted(), pipelineVersion: version)
        }
        heads.merge(try storedKeyHeads(missing)) { old, _ in old }
        guard heads.count == keys.count else {
            throw PostgresError(.unexpectedResult, message: "\(keys.count - heads.count) claim keys have no lock row")
        }
        return heads
    }

    private func storedKeyHeads(_ keys: Set<ClaimKeyHubs.Key>) throws -> [ClaimKeyHubs.Key: KeyHead] {
        var heads: [ClaimKeyHubs.Key: KeyHead] = [:]
        for (version, keys) in Dictionary(grouping: keys, by: \.version) {
            // One index probe per key (`OFFSET 0` keeps the subquery from being pulled up into a join): as
            // `token_hash = ANY(…)` the plan read every key of the version once the table outgrew its statistics.
            for row in try connection.query(
                """
                SELECT h.token_hash, h.key_id, h.version
                FROM unnest(\(keys.map(\.hash))::int8[]) AS k(token_hash)
                CROSS JOIN LATERAL (
                    SELECT token_hash, key_id, version FROM claim_key_heads h
                    WHERE h.pipeline_version = \(version) AND h.token_hash = k.token_hash
                    OFFSET 0
                ) h
                """
            ).rows {
                heads[ClaimKeyHubs.Key(version: version, hash: try row.decode("token_hash"))] = KeyHead(
                    id: try row.decode("key_id"),
                    version: try row.decode("version")
                )
            }
        }
        return heads
    }

    /// Locks `keys` exclusive for the rest of the step, in key number order, and bumps their versions: a step that
    /// read their hubs before cannot keep what it decided from them. Returns each key's version as locked (before
    /// the bump), by key number. Two statements: the lock, one index probe per key, returns the address and version
    /// of each row version it locked (after a wait, the other step's newer one); the bump, a statement later, sees
    /// that version and updates it by address. In one statement the bump joined the locked rows either by address,
    /// which missed a newer version under the statement's snapshot (a step that had waited changed hubs without a
    /// bump), or by key, which the planner made a nested loop over every key of the version (4.7M rows filtered for
    /// 1,858 locked in `ingest-bench store`: 0.4 s a step).
    private func lockExclusive(
        _ keys: Set<ClaimKeyHubs.Key>,
        heads: [ClaimKeyHubs.Key: KeyHead]
    ) throws -> [Int64: Int64] {
        let ids = keys.compactMap { heads[$0]?.id }.sorted()
        guard !ids.isEmpty else { return [:] }
        let locked = try connection.query(
            """
            SELECT t.ctid::text AS address, t.key_id, t.version
            FROM unnest(\(ids)::int8[]) AS k(key_id)
            CROSS JOIN LATERAL (
                SELECT ctid, key_id, version FROM claim_key_heads h WHERE h.key_id = k.key_id FOR NO KEY UPDATE
            ) t
            """
        ).rows
        var versions: [Int64: Int64] = [:]
        var addresses: [String] = []
        for row in locked {
            addresses.append(try row.decode("address"))
            versions[try row.decode("key_id")] = try row.decode("version")
        }
        try connection.query(
            "UPDATE claim_key_heads SET version = version + 1 WHERE ctid = ANY(\(addresses)::tid[])"
        )
        return versions
    }

    /// Of `keys`, read optimistically: those whose version changed since `heads` were read, or that a step holds
    /// exclusive now. The others are locked shared until the step commits (no step changes their hubs meanwhile).
    private func staleKeys(
        _ keys: Set<ClaimKeyHubs.Key>,
        heads: [ClaimKeyHubs.Key: KeyHead]
    ) throws
        -> Set<ClaimKeyHubs.Key>
    {
        var stale = keys
        let byID = Self.keysByID(keys, heads: heads)
        guard !byID.isEmpty else { return stale }
        for row in try connection.query(
            """
            SELECT t.key_id, t.version
            FROM unnest(\(byID.keys.sorted())::int8[]) AS k(key_id)
            CROSS JOIN LATERAL (
                SELECT key_id, version FROM claim_key_heads h WHERE h.key_id = k.key_id FOR SHARE SKIP LOCKED
            ) t
            """
        ).rows {
            guard let key = byID[try row.decode("key_id")] else { continue }
            if heads[key]?.version == (try row.decode("version") as Int64) { stale.remove(key) }
        }
        return stale
    }

    /// The first `claimHubsPerKey` rows of each key, in one query.
    private func readHubs(
        _ keys: Set<ClaimKeyHubs.Key>,
        heads: [ClaimKeyHubs.Key: KeyHead]
    ) throws
        -> [ClaimKeyHubs.Key: [ClaimOrder]]
    {
        let byID = Self.keysByID(keys, heads: heads)
        let read = try withoutBitmapScans {
            try connection.query(
                """
                SELECT k.key_id, t.claim_id, t.seen, t.rank
                FROM unnest(\(byID.keys.sorted())::int8[]) AS k(key_id)
                CROSS JOIN LATERAL (
                    SELECT c.claim_id, c.seen, c.rank FROM claim_keys c
                    WHERE c.key_id = k.key_id
                    ORDER BY c.seen, c.rank, c.claim_id
                    LIMIT \(Self.claimHubsPerKey)
                ) t
                """,
                binaryResults: true
            )
        }
        return try Self.keyRows(read, byID: byID)
    }

    private static func keysByID(
        _ keys: some Sequence<ClaimKeyHubs.Key>,
        heads: [ClaimKeyHubs.Key: KeyHead]
    ) -> [Int64: ClaimKeyHubs.Key] {
        var byID: [Int64: ClaimKeyHubs.Key] = [:]
        for key in keys { if let head = heads[key] { byID[head.id] = key } }
        return byID
    }

    /// For each changed key, every carrier after the earliest claim entering its hubs, other than `pending`.
    private func laterCarriers(
        _ hubs: ClaimKeyHubs,
        heads: [ClaimKeyHubs.Key: KeyHead],
        excluding pending: Set<Int64>
    ) throws
        -> [ClaimKeyHubs.Key: [ClaimOrder]]
    {
        guard !hubs.changed.isEmpty else { return [:] }
        let byID = Self.keysByID(hubs.changed, heads: heads)
        let ids = byID.keys.sorted()
        let from = ids.map { hubs.entering[byID[$0]!]![0] }
        // A plan per key, the index descended to the claim: `OFFSET 0` keeps the subquery from being pulled up into
        // a join, which on a young table read every row once and filtered it per key (auto_explain, 3,000-article
        // bench: 17.3M rows filtered, 1.9 s, for 32,982), and without bitmap scans the same happened through one
        // bitmap.
        let read = try withoutBitmapScans {
            try connection.query(
                """
                SELECT k.key_id, t.claim_id, t.seen, t.rank
                FROM unnest(\(ids)::int8[], \(from.map(\.seen))::int8[], \(from.map(\.rank))::int8[],
                            \(from.map(\.id))::int8[]) AS k(key_id, seen, rank, claim_id)
                CROSS JOIN LATERAL (
                    SELECT c.claim_id, c.seen, c.rank FROM claim_keys c
                    WHERE c.key_id = k.key_id AND (c.seen, c.rank, c.claim_id) > (k.seen, k.rank, k.claim_id)
                    OFFSET 0
                ) t
                """,
                binaryResults: true
            )
        }
        return try Self.keyRows(read, byID: byID) { !pending.contains($0.id) }
    }

    /// The `claim_keys` rows (key_id, claim_id, seen, rank) of a binary result under the keys `byID` names, each
    /// key's in the order read, those `keep` accepts. A step reads up to claimHubsPerKey rows for each of thousands
    /// of keys, so cells are decoded by position and rows grouped by runs of one key: by column name, with an array
    /// per cell and a dictionary update per row, this was a tenth of `ingest-bench store`'s CPU.
    private static func keyRows(
        _ result: PostgresResult,
        byID: [Int64: ClaimKeyHubs.Key],
        keep: (ClaimOrder) -> Bool = { _ in true }
    ) throws -> [ClaimKeyHubs.Key: [ClaimOrder]] {
        guard let first = result.rows.first else { return [:] }
        func column(_ name: String) throws -> Int {
            guard let position = first.position(of: name) else {
                throw PostgresError(.decoding, message: "no column named \(name)")
            }
            return position
        }
        let (keyColumn, idColumn, seenColumn, rankColumn) = (
            try column("key_id"), try column("claim_id"), try column("seen"), try column("rank")
        )
        var grouped: [ClaimKeyHubs.Key: [ClaimOrder]] = [:]
        var runKey: Int64?
        var run: [ClaimOrder] = []
        func flush() {
            if let runKey, !run.isEmpty, let key = byID[runKey] { grouped[key, default: []].append(contentsOf: run) }
            run.removeAll(keepingCapacity: true)
        }
        for row in result.rows {
            let keyID = try PostgresPackedIntegers.int64(row, at: keyColumn)
            if keyID != runKey {
                flush()
                runKey = keyID
            }
            let order = ClaimOrder(
                seen: try PostgresPackedIntegers.int64(row, at: seenColumn),
                rank: try PostgresPackedIntegers.int64(row, at: rankColumn),
                id: try PostgresPackedIntegers.int64(row, at: idColumn)
            )
            if keep(order) { run.append(order) }
        }
        flush()
        return grouped
    }

    /// The pending claims' key rows at their current order, in key order: rows at a first_seen they moved from
    /// deleted, and rows inserted for the claims that have none there yet (a claim queued again at the same order has
    /// them; one probe per claim, as all of a claim's rows are written at once).
    private func writeKeyRows(_ placed: [Int64: ClaimPlace], heads: [ClaimKeyHubs.Key: KeyHead]) throws {
        typealias Row = (key: Int64, seen: Int64, rank: Int64, id: Int64)
        var stale: [Row] = []
        var probes: [Row] = []
        for (id, place) in placed {
            for key in place.keys {
                for seen in place.movedFrom where seen != place.order.seen {
                    stale.append((heads[key]!.id, seen, place.order.rank, id))
                }
            }
            if let key = place.keys.first { probes.append((heads[key]!.id, place.order.seen, place.order.rank, id)) }
        }
        // Both by one index probe per row (`OFFSET 0`): as joins, the planner may scan the table once per row.
        if !stale.isEmpty {
            try connection.query(
                """
                DELETE FROM claim_keys WHERE ctid = ANY(ARRAY(
                    SELECT t.ctid
                    FROM unnest(\(stale.map(\.key))::int8[], \(stale.map(\.seen))::int8[], \(stale.map(\.rank))::int8[],
                                \(stale.map(\.id))::int8[]) AS d(k, s, r, i)
                    CROSS JOIN LATERAL (
                        SELECT ctid FROM claim_keys t
                        WHERE (t.key_id, t.seen, t.rank, t.claim_id) = (d.k, d.s, d.r, d.i)
                        OFFSET 0
                    ) t
                ))
                """
            )
        }
        guard !probes.isEmpty else { return }
        var written: Set<Int64> = []
        for row in try connection.query(
            """
            SELECT d.i AS claim_id
            FROM unnest(\(probes.map(\.key))::int8[], \(probes.map(\.seen))::int8[], \(probes.map(\.rank))::int8[],
                        \(probes.map(\.id))::int8[]) AS d(k, s, r, i)
            WHERE EXISTS (
                SELECT 1 FROM claim_keys t WHERE (t.key_id, t.seen, t.rank, t.claim_id) = (d.k, d.s, d.r, d.i)
                OFFSET 0
            )
            """
        ).rows {
            written.insert(try row.decode("claim_id"))
        }
        var rows: [Row] = []
        for (id, place) in placed where !written.contains(id) {
            for key in place.keys { rows.append((heads[key]!.id, place.order.seen, place.order.rank, id)) }
        }
        guard !rows.isEmpty else { return }
        rows.sort { ($0.key, $0.seen, $0.rank, $0.id) < ($1.key, $1.seen, $1.rank, $1.id) }
        // COPY rather than INSERT … unnest: no four arrays formatted here and parsed by the server.
        var copy = PostgresCopyRows(reservingBytes: rows.count * 64)
        for row in rows {
            copy.append(row.key)
            copy.append(row.seen)
            copy.append(row.rank)
            copy.append(row.id)
            copy.endRow()
        }
        do {
            try connection.copy("COPY claim_keys (key_id, seen, rank, claim_id) FROM STDIN", rows: copy)
        } catch {
            guard error.sqlState == "23505" else { throw error }
            throw KeyRowsWrittenMeanwhile(error: error)
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
                state.order[id] = ClaimOrder(
                    seen: try row.decode("seen"),
                    fingerprint: try row.decode("fingerprint"),
                    id: id
                )
                nearest[id] = try row.decode("nearest_id")
            }
        }
        try read(Array(involved))
        for id in ids { state.nearest[id] = nearest[id] }
        let missing = Set(ids.compactMap { nearest[$0] }).filter { state.order[$0] == nil }
        if !missing.isEmpty { try read(Array(missing)) }
        return state
    }

    /// For each claim of `matches` whose nearest claim changes: the earliest of its current nearest claim and its
    /// matches.
    private func nearestChanges(_ matches: [Int64: [Int64]], state: NearestState) -> [Int64: Int64] {
        var changes: [Int64: Int64] = [:]
        for (id, others) in matches {
            guard let current = state.nearest[id], var best = state.order[current] else { continue }
            var nearest = current
            for candidate in others {
                guard let order = state.order[candidate], order < best else { continue }
                best = order
                nearest = candidate
            }
            if nearest != current { changes[id] = nearest }
        }
        return changes
    }

    /// What linking needs of a claim: its version, fingerprint (its order's rank) and signature.
    struct ClaimRecord {
        var version: String
        var fingerprint: String
        var signature: ClaimSignature
    }

    func claimRecords(_ ids: [Int64]) throws -> [Int64: ClaimRecord] {
        try readClaimRecords(ids, firstSeen: false).records
    }

    /// The records of `ids`, and with `firstSeen` each claim's first_seen in microseconds (it changes, so it is never
    /// cached): the pending claims' records and places in one read.
    private func readClaimRecords(
        _ ids: [Int64],
        firstSeen: Bool
    ) throws
        -> (records: [Int64: ClaimRecord], seen: [Int64: Int64])
    {
        var records: [Int64: ClaimRecord] = [:]
        var seen: [Int64: Int64] = [:]
        records.reserveCapacity(ids.count)
        // Packed signatures (Migrations/0018) in binary results: no number formatted by the server or parsed here.
        // Text columns come as their UTF-8 either way.
        let query: PostgresQuery =
            firstSeen
            ? """
            SELECT claim_id, pipeline_version, fingerprint, tokens, numbers,
                   (extract(epoch FROM first_seen) * 1000000)::int8 AS seen
            FROM claims WHERE claim_id = ANY(\(ids)::int8[])
            """
            : """
            SELECT claim_id, pipeline_version, fingerprint, tokens, numbers
            FROM claims WHERE claim_id = ANY(\(ids)::int8[])
            """
        for row in try connection.query(query, binaryResults: true).rows {
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
            if firstSeen { seen[id] = try PostgresPackedIntegers.int64(row, "seen") }
        }
        return (records, seen)
    }
}
