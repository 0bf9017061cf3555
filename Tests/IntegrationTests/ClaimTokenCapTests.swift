import IngestCore
import IngestStore
import Testing

/// The variant index holds, per key, only the claims linking reads of it (ResultStore.claimPostingsPerToken + 1,
/// the earliest stored): before, every claim's every key was stored, and with 23,000 articles 98 % of the rows
/// were past what any linker reads.
@Suite struct ClaimTokenCapTests {
    static let syllables = ["dar", "vel", "mon", "tisk", "rup", "gal", "fen", "zor", "plim", "quan", "bes", "hoth"]

    /// An invented word per number, none a real word or another's stem.
    static func word(_ n: Int) -> String {
        let count = syllables.count
        return syllables[n % count] + syllables[(n / count) % count] + "ix" + syllables[(n / count / count) % count]
    }

    @Test func aKeyHoldsTheClaimsLinkingReadsOfItOnly() throws {
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
        var db = try SeedClaims("claimtokencap")
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
        let indexed = try TestEnvironment.scalar(
            db.connection,
            "SELECT count(*) FROM claim_tokens WHERE token_hash = \(Int64(bitPattern: key))"
        )
        #expect(indexed == Int64(ResultStore.claimPostingsPerToken + 1))
        // The earliest stored are the ones kept.
        #expect(
            try TestEnvironment.scalar(
                db.connection,
                """
                SELECT count(*) FROM claims c
                WHERE \(Int64(bitPattern: key)) IN (SELECT packed_int8s(c.tokens))
                  AND c.claim_id < (SELECT max(claim_id) FROM claim_tokens WHERE token_hash = \(Int64(bitPattern: key)))
                  AND NOT EXISTS (
                      SELECT 1 FROM claim_tokens t
                      WHERE t.token_hash = \(Int64(bitPattern: key)) AND t.claim_id = c.claim_id
                  )
                """
            ) == 0
        )
    }
}
