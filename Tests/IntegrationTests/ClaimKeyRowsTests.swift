import IngestCore
import Testing

@testable import IngestStore

/// The variant index (claim_keys, Migrations/0019) holds every linked claim under each of its keys, in the order
/// variant groups are led in, so that a key's first rows are its hubs whatever arrived first.
@Suite struct ClaimKeyRowsTests {
    static let syllables = ["dar", "vel", "mon", "tisk", "rup", "gal", "fen", "zor", "plim", "quan", "bes", "hoth"]

    /// An invented word per number, none a real word or another's stem.
    static func word(_ n: Int) -> String {
        let count = syllables.count
        return syllables[n % count] + syllables[(n / count) % count] + "ix" + syllables[(n / count / count) % count]
    }

    @Test func aKeyHoldsEveryCarrierAtItsOrder() throws {
        let common = "brontag"
        let key = try #require(ClaimMatcher.signature(common).tokens.first)
        // Quotes of the common word and four words of their own, whose keys include the common word's.
        var quotes: [String] = []
        var n = 0
        while quotes.count < 45 {
            let text = ([common] + (0..<4).map { Self.word(n * 4 + $0) }).joined(separator: " ")
            n += 1
            if ClaimCandidateKeys.indexed(ClaimMatcher.signature(text).tokens).contains(key) {
                quotes.append(text.prefix(1).uppercased() + text.dropFirst())
            }
        }
        var db = try SeedClaims("claimkeyrows")
        for start in stride(from: 0, to: quotes.count, by: 15) {
            let articles = try quotes[start..<min(start + 15, quotes.count)].enumerated().map { index, quote in
                try Pipeline().process(
                    TestEnvironment.envelope(
                        "Harbour talks resume\n\n\"\(quote),\" said Marta Velasquez.",
                        outlet: "outlet-\(start + index)"
                    )
                )
            }
            _ = try db.commit(articles)
        }
        let carriers = try TestEnvironment.scalar(
            db.connection,
            "SELECT count(*) FROM claims WHERE \(Int64(bitPattern: key)) IN (SELECT packed_int8s(tokens))"
        )
        #expect(carriers == Int64(quotes.count))
        let rows = try db.rows(
            """
            SELECT t.claim_id, t.seen, t.rank, (extract(epoch FROM c.first_seen) * 1000000)::int8 AS first_seen,
                   claim_rank(c.fingerprint) AS claim_rank
            FROM claim_keys t JOIN claims c USING (claim_id) JOIN claim_key_heads h USING (key_id)
            WHERE h.token_hash = \(Int64(bitPattern: key))
            ORDER BY t.seen, t.rank, t.claim_id
            """
        )
        #expect(rows.count == quotes.count)
        for row in rows {
            let seen: Int64 = try row.decode("seen")
            #expect(seen == (try row.decode("first_seen")))
            #expect((try row.decode("rank", as: Int64.self)) == (try row.decode("claim_rank")))
        }
        // The SQL rank is the one linking orders by, and it orders as the fingerprints do.
        let fingerprints = try db.rows("SELECT fingerprint, claim_rank(fingerprint) AS rank FROM claims ORDER BY 1")
        var previous = Int64.min
        for row in fingerprints {
            let rank: Int64 = try row.decode("rank")
            #expect(rank == ClaimOrder.rank(try row.decode("fingerprint")))
            #expect(rank >= previous)
            previous = rank
        }
    }
}
