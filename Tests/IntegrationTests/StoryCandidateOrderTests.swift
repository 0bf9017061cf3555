import IngestCore
import IngestStore
import Postgres
import Testing

/// Story linking judges every stored article sharing two indexed keys (or the token hash) with a pending one, a rule
/// on the pair alone (`DedupKeySampling.isCandidate`). A per-article cap on candidates, ranked among the articles
/// stored so far, made the pairs judged depend on arrival order: 2,154 of these 2,415 pairs, and other sets reversed.
@Suite struct StoryCandidateOrderTests {
    @Test func theSameArticlesInReverseOrderGiveTheSameDuplicatePairs() throws {
        // One story reprinted 70 times: each copy shares keys with every other, more than a cap of 50 judged.
        let articles = try DedupPostingsCapTests.reprints(70)
        let forward = try DedupPostingsCapTests.store(articles, database: "candidatesforward", forgetful: false)
        let backward = try DedupPostingsCapTests.store(
            articles.reversed(),
            database: "candidatesbackward",
            forgetful: false
        )
        let forwardEdges = try DedupCorpus.storedEdges(forward)
        #expect(forwardEdges.count == articles.count * (articles.count - 1) / 2)
        #expect(forwardEdges == (try DedupCorpus.storedEdges(backward)))
        #expect(try DedupCorpus.storedStories(forward) == DedupCorpus.storedStories(backward))
    }
}
