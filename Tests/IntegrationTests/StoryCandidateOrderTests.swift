import IngestCore
import IngestStore
import Postgres
import Testing

/// Story linking judges every stored article that shares an indexed key with a pending one (within the postings
/// read of each key), as `DedupIndex` does for the evaluation. A per-article cap on candidates, ranked among the
/// articles stored so far, made the pairs judged depend on arrival order.
@Suite struct StoryCandidateOrderTests {
    @Test func theSameArticlesInReverseOrderGiveTheSameDuplicatePairs() throws {
        // One story reprinted 70 times: each copy shares keys with every other, more than any cap of 50 would judge.
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
