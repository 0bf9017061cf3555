import IngestCore
import Testing

@Suite struct DedupStoryClusteringTests {
    static let members = Array(0..<40)
    /// Three chains and a triangle, plus singletons.
    static let links: [(Int, Int)] = [
        (5, 3), (3, 9), (9, 30), (12, 11), (11, 25), (25, 14), (20, 21), (21, 22), (22, 20), (39, 38),
    ]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func orderIndependent(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let reference = StoryClustering.assign(members: Self.members, links: Self.links)
        let members = Self.members.shuffled(using: &generator)
        let links = Self.links.shuffled(using: &generator).map { generator.next() % 2 == 0 ? ($0.1, $0.0) : $0 }
        #expect(StoryClustering.assign(members: members, links: links) == reference)
    }

    @Test func storyIDIsTheSmallestMember() {
        let story = StoryClustering.assign(members: Self.members, links: Self.links)
        #expect(story[30] == 3)
        #expect(story[25] == 11)
        #expect(story[22] == 20)
        #expect(story[38] == 38)
        #expect(story[0] == 0)
        let clusters = StoryClustering.clusters(members: Self.members, links: Self.links)
        #expect(clusters.first { $0.contains(9) } == [3, 5, 9, 30])
        #expect(clusters.count == 40 - 9)
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func fingerprintStoriesDoNotDependOnArrivalOrder(seed: UInt64) throws {
        let files = try DedupFixtures.seedFiles()
        try #require(files.count == 5)
        var prints = try files.map(DedupFixtures.fingerprint(file:))
        prints.append(try DedupFixtures.fingerprint(file: DedupFixtures.base("bank-rates")))
        prints.append(try DedupFixtures.fingerprint(file: DedupFixtures.base("bank-supervision")))
        let reference = StoryClustering.stories(prints)
        var generator = SplitMix64(seed: seed)
        #expect(StoryClustering.stories(prints.shuffled(using: &generator)) == reference)
        // The seeds share one story, named after their smallest content hash; the bank stories stay apart.
        let seedHashes = prints.prefix(5).map(\.contentHash)
        #expect(Set(seedHashes.map { reference[$0]! }) == [seedHashes.min()!])
        #expect(Set(reference.values).count == 3)
    }
}
