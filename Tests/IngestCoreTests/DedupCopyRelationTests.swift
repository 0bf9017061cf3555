import IngestCore
import Testing

/// "Reprint" and "near-duplicate" mean copied text; reports of one event that quote the same people are `related`
/// and in one story, never copies. The texts are invented for these tests.
@Suite struct DedupCopyRelationTests {
    static let harbourMaster =
        "\"Visibility was almost zero and the barge had no working lights on its stern,\" said Marta Quell, the"
        + " regional harbour master."
    static let commissioner =
        "\"We are treating this as a serious incident and every vessel in the area will be inspected before the lane"
        + " reopens,\" said transport commissioner Ivo Brandt."
    static let operatorChief =
        "\"Our first thoughts are with the passengers and their families, and we will pay for any treatment they"
        + " need,\" the ferry operator's chief executive, Lena Sorvik, said in a statement."

    /// The wire report: nine sentences, three of them quotes.
    static let wire = [
        "A passenger ferry struck a cargo barge near the mouth of the Orvell River on Tuesday morning, injuring"
            + " fourteen people and closing the shipping lane for most of the day.",
        "The ferry, carrying about two hundred commuters from Lindmark to the city centre, was travelling in thick fog"
            + " when the collision happened shortly after seven o'clock.",
        harbourMaster,
        "Coast guard boats took the injured to two hospitals on the east bank, where three remained in a serious"
            + " condition by the evening.",
        commissioner,
        "The barge belongs to Ostara Freight, which said it was cooperating fully with investigators and had"
            + " suspended the crew pending an inquiry.",
        "River traffic resumed at four in the afternoon under a temporary speed limit of six knots.",
        operatorChief,
        "Ferry services between Lindmark and the city are expected to run normally on Wednesday.",
    ]

    /// Another outlet's own report of the same collision: its own sentences, the same three quotes in another order.
    static let ownReport = [
        "Fourteen commuters were hurt when their ferry ran into a barge in fog on the Orvell River, the second"
            + " accident on the busy waterway this year.",
        "Witnesses on the Lindmark pier described hearing a loud bang before passengers were ordered to put on life"
            + " jackets.",
        commissioner,
        "Local councillors have demanded for months that barges be fitted with radar reflectors and brighter stern"
            + " lamps.",
        "Last March a fishing boat capsized after a collision with a tug only a few hundred metres from the same"
            + " spot.",
        harbourMaster,
        "Hospital officials said most of the injured had cuts and bruises, while three were kept overnight with"
            + " fractures.",
        "The inquiry is expected to look at whether the barge crew had been warned about the fog by the port's"
            + " control tower.",
        operatorChief,
        "Opposition politicians called for a debate on river safety when the city council meets next week.",
    ]

    /// Fingerprints with quote keys, as the pipeline computes them.
    static func fingerprint(_ paragraphs: [String]) -> Fingerprints {
        let article = DedupFixtures.article(paragraphs)
        return Fingerprinter.fingerprint(article, quotes: QuoteWords.of(ClaimExtractor.extract(article)))
    }

    /// Three shared quoted sentences of nine (a third: a reprint by the former "3 sentences and 20 %" rule), out of
    /// order and each on its own: the same story, not a copy.
    @Test func reportsSharingQuotesAreRelatedNotReprints() {
        let result = Similarity.compare(Self.fingerprint(Self.wire), Self.fingerprint(Self.ownReport))
        #expect(result.sharedSentences == 3)
        #expect(result.alignment.inOrder == 2)
        #expect(result.alignment.inPassages == 0)
        #expect(result.relation == .related, "J \(result.estimatedJaccard)")
        #expect(!result.relation.isCopy)
        #expect(result.sameStory)
    }

    /// Two short briefs sharing their two quotes: many of their word pairs are shared (a reprint by Jaccard alone
    /// before), but two sentences are never a copy. They still make one story.
    @Test func briefsSharingTwoQuotesAreRelatedNotReprints() {
        let first = Self.fingerprint([
            "Fourteen people were hurt when a ferry hit a barge on the Orvell River.",
            Self.harbourMaster,
            Self.commissioner,
        ])
        let second = Self.fingerprint([
            "A ferry collided with a barge in fog on Tuesday, injuring fourteen commuters.",
            Self.harbourMaster,
            Self.commissioner,
            "The lane reopened in the afternoon.",
        ])
        let result = Similarity.compare(first, second)
        #expect(result.sharedSentences == 2)
        #expect(result.estimatedJaccard >= DedupThresholds.standard.reprintJaccard)
        #expect(result.relation == .related)
        #expect(result.sameStory)
    }

    /// A trimmed reprint: the first four paragraphs under a new headline, with a sign-off. Most of the shorter
    /// article's sentences stand in the wire copy in order: a reprint.
    @Test func trimmedReprintIsAReprint() {
        let trimmed = Self.fingerprint(
            ["Fog blamed as ferry hits barge on the Orvell River"] + Self.wire.prefix(4)
                + ["(Reporting by the river desk; editing by the night team)"]
        )
        let result = Similarity.compare(Self.fingerprint(Self.wire), trimmed)
        #expect(result.relation == .reprint, "J \(result.estimatedJaccard)")
        #expect(result.alignment.inOrder == 4)
        #expect(result.sameStory)
    }

    /// A partial reprint: five consecutive wire paragraphs inside a longer piece of new text. Under half of the
    /// shorter article, but one copied passage.
    @Test func copiedPassageInsideNewTextIsAReprint() {
        let analysis = Self.ownReport.map { $0.replacingOccurrences(of: "ferry", with: "vessel") }
        let host = Self.fingerprint(Array(analysis.prefix(2)) + Self.wire[1..<6] + analysis.suffix(4))
        let result = Similarity.compare(Self.fingerprint(Self.wire), host)
        #expect(result.alignment.inPassages >= 5)
        #expect(result.relation.isCopy)
    }

    @Test func alignmentCountsOrderAndPassages() {
        let wire = Self.fingerprint(Self.wire)
        // Wire sentences 0, 1, 2 in a passage, then 7, then 4 (out of order), among new sentences.
        let other = Self.fingerprint(
            [Self.ownReport[0]] + Self.wire[0..<3] + [Self.ownReport[3], Self.wire[7], Self.ownReport[4], Self.wire[4]]
        )
        let alignment = SentenceAlignment.of(wire, in: SentenceLookup(other))
        #expect(alignment.shared == 5)
        #expect(alignment.inOrder == 4)
        #expect(alignment.inPassages == 3)
    }

    /// The stories of the wire, its trimmed reprint and the other report do not depend on the order they arrive in.
    @Test func storiesDoNotDependOnArrivalOrder() {
        let articles = [
            Self.fingerprint(Self.wire), Self.fingerprint(Self.ownReport),
            Self.fingerprint(Array(Self.wire.prefix(5))),
        ]
        let reference = StoryClustering.stories(articles)
        #expect(Set(reference.values).count == 1)
        for order in [[2, 1, 0], [1, 0, 2], [1, 2, 0]] {
            #expect(StoryClustering.stories(order.map { articles[$0] }) == reference)
        }
    }
}
