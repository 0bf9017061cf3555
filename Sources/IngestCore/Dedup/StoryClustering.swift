/// In-memory story clustering: the reference that the PostgreSQL implementation must match.
///
/// Stories are the connected components of the "same story" graph (``SimilarityResult/sameStory``). ``UnionFind``
/// always hangs the larger root under the smaller one, so every component's root is its smallest member, whatever
/// order the members and links arrive in; the story id is that smallest member (the smallest content hash when the
/// ids are content hashes: `stories.story_key` in the database, whose surrogate `story_id` is the largest story's).
public enum StoryClustering {
    /// Story id (smallest member of the component) of every member. Links naming unknown ids add those ids.
    public static func assign<ID: Hashable & Comparable>(members: [ID], links: [(ID, ID)]) -> [ID: ID] {
        var components = UnionFind<ID>(capacity: members.count)
        for member in members { components.insert(member) }
        for (left, right) in links { components.union(left, right) }
        var story: [ID: ID] = [:]
        story.reserveCapacity(members.count)
        for id in Array(components.members) { story[id] = components.find(id) }
        return story
    }

    /// The stories as sorted member lists, sorted by story id.
    public static func clusters<ID: Hashable & Comparable>(members: [ID], links: [(ID, ID)]) -> [[ID]] {
        var groups: [ID: [ID]] = [:]
        for (member, story) in assign(members: members, links: links) { groups[story, default: []].append(member) }
        return groups.keys.sorted().map { groups[$0]!.sorted() }
    }

    /// Clusters articles by their fingerprints, comparing every candidate pair that an in-memory
    /// ``DedupIndex`` proposes. Ids are content hashes; the story id is the smallest content hash of the story.
    public static func stories(
        _ articles: [Fingerprints],
        thresholds: DedupThresholds = .standard
    ) -> [String: String] {
        var index = DedupIndex<String>()
        var byHash: [String: Fingerprints] = [:]
        for article in articles where byHash[article.contentHash] == nil {
            byHash[article.contentHash] = article
            index.insert(article.contentHash, article)
        }
        var links: [(String, String)] = []
        for (id, article) in byHash {
            for other in index.candidates(for: article) where other > id {
                if Similarity.compare(article, byHash[other]!, thresholds: thresholds).sameStory {
                    links.append((id, other))
                }
            }
        }
        return assign(members: Array(byHash.keys), links: links)
    }
}
