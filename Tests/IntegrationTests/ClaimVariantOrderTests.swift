import Foundation
import IngestCore
import IngestStore
import Testing

/// Variant groups are a function of the set of claims (Migrations/0012_claim_nearest_groups.sql), also past the
/// variant index's bounds: one speaker quoted by many outlets, with the same words or one word changed or dropped
/// (more wordings than a key's postings hold), beside claims that share one common word with the quote.
@Suite struct ClaimVariantOrderTests {
    static let common = "brontag"

    /// The quote's wordings (many twice) and the common-word claims, shuffled once; an article each.
    static func quotes() -> [String] {
        let word = ClaimKeyRowsTests.word
        let base = [common] + (0..<11).map { word($0) }
        var quotes = Array(repeating: base, count: 6)
        for position in 1..<base.count {
            quotes.append(base.enumerated().filter { $0.offset != position }.map(\.element))
            for change in 0..<6 {
                var wording = base
                wording[position] = word(200 + position * 8 + change)
                quotes.append(wording)
                if change < 2 { quotes.append(wording) }
            }
        }
        for n in 0..<40 { quotes.append([common] + (0..<4).map { word(1000 + n * 4 + $0) }) }
        var generator = SplitMix64(seed: 10)
        quotes.shuffle(using: &generator)
        return quotes.map { words in
            let text = words.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst()
        }
    }

    /// Article `index` quoting `quote`, first seen `index` minutes after the first.
    static func article(_ quote: String, _ index: Int) throws -> ProcessedArticle {
        let outlet = "outlet-\(index)"
        let body = "Harbour talks resume\n\n\"\(quote),\" said Marta Velasquez."
        let time = String(format: "2026-03-03T%02d:%02d:00.000Z", 10 + index / 60, index % 60)
        return try Pipeline().process(
            ArticleEnvelope(
                key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
                outlet: outlet,
                fetchedAt: time,
                contentType: .text,
                body: body
            )
        )
    }

    /// Stores `articles` in batches of 10 in the given order, linking after each batch.
    static func store(_ articles: [ProcessedArticle], _ label: String) throws -> SeedClaims {
        var db = try SeedClaims(label)
        for start in stride(from: 0, to: articles.count, by: 10) {
            _ = try db.commit(Array(articles[start..<min(start + 10, articles.count)]))
        }
        return db
    }

    /// Each claim's variant group, by fingerprints.
    static func groups(_ db: SeedClaims) throws -> [String: String] {
        var groups: [String: String] = [:]
        for row in try db.rows(
            """
            SELECT w.fingerprint AS claim, k.fingerprint AS canonical
            FROM claim_groups g JOIN claims w ON w.claim_id = g.claim_id JOIN claims k ON k.claim_id = g.canonical_id
            """
        ) {
            groups[try row.decode("claim")] = try row.decode("canonical")
        }
        return groups
    }

    @Test func variantGroupsDoNotDependOnArrivalOrderPastTheIndexBounds() throws {
        let quotes = Self.quotes()
        // The setup passes the bounds: some key of the quote's wordings is a key of more distinct claims than
        // linking reads of a key.
        var carriers: [UInt64: Set<[UInt64]>] = [:]
        for quote in quotes {
            let tokens = ClaimMatcher.signature(quote).tokens
            for key in ClaimCandidateKeys.indexed(tokens) { carriers[key, default: []].insert(tokens) }
        }
        let fullest = carriers.values.map(\.count).max() ?? 0
        try #require(fullest > 2 * ResultStore.claimHubsPerKey)

        let articles = try quotes.enumerated().map { try Self.article($1, $0) }
        let forward = try Self.store(articles, "variantorderfwd")
        let reversed = try Self.store(articles.reversed(), "variantorderrev")
        let forwardGroups = try Self.groups(forward)
        let reversedGroups = try Self.groups(reversed)
        #expect(forwardGroups.count > 80)
        // Most wordings are one group (each is the same claim as the earliest wording).
        let largest = Dictionary(grouping: forwardGroups.values, by: { $0 }).values.map(\.count).max() ?? 0
        #expect(largest > 60)
        let forwardSums = try forward.store.viewChecksums()
        let reversedSums = try reversed.store.viewChecksums()
        // Each claim is judged against the earliest carriers of its keys before it (Migrations/0019), whatever
        // arrived first: the same groups and views in both orders.
        let differing = forwardGroups.filter { reversedGroups[$0.key] != $0.value }
        #expect(differing.isEmpty, "\(differing.count) of \(forwardGroups.count) claims in another group")
        for view in ["claim_corroboration", "claims_by_story", "quotes_by_speaker", "quote_variants"] {
            #expect(forwardSums[view] == reversedSums[view], "\(view)")
        }
    }
}
