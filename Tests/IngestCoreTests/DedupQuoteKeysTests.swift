import IngestCore
import Testing

@Suite struct DedupQuoteKeysTests {
    static let wire = """
        "The harbour will stay closed until the cranes are repaired and inspected," said port director Lena Moss. \
        "We cannot put crews at risk for a schedule."

        Union leader Tomas Greer said the stoppage would continue. "Our members have waited three years for this \
        offer, and they will not wait another week," Greer said.

        "Every day the port is shut costs exporters millions," said Ravi Anand of the shippers' council.

        Talks between the port authority and the union broke down on Monday after the employers refused to raise \
        their offer above four percent. Freight forwarders have begun diverting cargo to the smaller terminal at \
        Kelby, forty miles up the coast, where queues are already growing.
        """

    /// Another outlet's rewrite: other sentences, the same quotes, one trimmed at its end, one at its start (a
    /// partial quote inside reported speech).
    static let rewrite = """
        Harbour traffic stopped for a fourth day on Thursday, with dozens of container ships waiting at anchor. \
        Lena Moss, the port director, told reporters: "The harbour will stay closed until the cranes are repaired."

        At a rally outside the gates, union leader Tomas Greer promised members that "they will not wait another \
        week" for a better deal.

        Shippers are counting the cost. Ravi Anand of the shippers' council said: "Every day the port is shut \
        costs exporters millions." Some importers have chartered trucks to move perishable goods overland, \
        paying nearly double the usual rates, and the regional government has offered to mediate.
        """

    /// A different story on the same topic that shares no quote.
    static let unrelated = """
        "The new terminal will double the port's capacity by 2030," said planning chief Ines Walsh.

        Walsh said the dredging contract would be signed in June. "We have the money and the permits," she added.
        """

    @Test func rewritesQuotingTheSameWordsShareQuotes() throws {
        let wire = try ClaimsFixture.process(Self.wire).fingerprints
        let rewrite = try ClaimsFixture.process(Self.rewrite).fingerprints
        let unrelated = try ClaimsFixture.process(Self.unrelated).fingerprints
        #expect(wire.quoteKeys.count % 3 == 0 && wire.quoteKeys.count >= 9)
        #expect(QuoteKeys.sharedQuotes(wire.quoteKeys, rewrite.quoteKeys) == 3)
        #expect(QuoteKeys.sharedQuotes(rewrite.quoteKeys, wire.quoteKeys) == 3)
        #expect(QuoteKeys.sharedQuotes(wire.quoteKeys, unrelated.quoteKeys) == 0)

        // Three shared quotes and no shared sentence: related, and one story only because of the quotes.
        let result = Similarity.compare(wire, rewrite)
        #expect(result.sharedSentences == 0)
        #expect(result.relation == .related)
        #expect(result.sameStory)
        #expect(!Similarity.compare(wire, rewrite, sharedClaims: 0).sameStory)
        #expect(!Similarity.compare(wire, unrelated).sameStory)
        // Candidates are found through the quote keys alone.
        var index = DedupIndex<String>()
        index.insert("wire", wire)
        index.insert("unrelated", unrelated)
        #expect(index.candidates(for: rewrite) == ["wire"])
    }

    @Test func trimmedEndsShareAnAnchorAndShortQuotesHaveNoKeys() throws {
        let full = try #require(
            QuoteKeys.keys(
                ofWords: QuoteWords.of(
                    quote: "Our members have waited three years for this offer, and they will not wait"
                )
            )
        )
        let head = try #require(QuoteKeys.keys(ofWords: QuoteWords.of(quote: "Our members have waited three years")))
        let tail = try #require(QuoteKeys.keys(ofWords: QuoteWords.of(quote: "for this offer, and they will not wait")))
        #expect(full[0] == head[0] && full[1] != head[1])
        #expect(full[1] == tail[1] && full[0] != tail[0])
        // Case, punctuation and spelling do not matter; the word set does.
        #expect(QuoteKeys.keys(ofWords: QuoteWords.of(quote: "Our MEMBERS have waited three years!")) == head)
        #expect(
            QuoteKeys.keys(ofWords: QuoteWords.of(quote: "We will defend our harbour"))
                == QuoteKeys.keys(ofWords: QuoteWords.of(quote: "we will defend our harbor"))
        )
        #expect(QuoteKeys.keys(ofWords: QuoteWords.of(quote: "Our members waited four years")) != head)
        // Fewer than three canonical words: too common to identify a quote.
        #expect(QuoteKeys.keys(ofWords: QuoteWords.of(quote: "It is a disaster")) == nil)
        #expect(QuoteKeys.sharedQuotes([], full) == 0)
    }
}
