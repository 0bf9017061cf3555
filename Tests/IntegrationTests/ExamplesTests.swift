import Foundation
import Publishing
import Testing

/// `Examples/.manifest.json` is what the quickstart's counts rely on: it must describe exactly what is on disk.
@Suite struct ExamplesTests {
    static let examples = DeploymentTests.root.appending(path: "Examples")

    struct Manifest: Decodable {
        struct Article: Decodable {
            var path: String
            var line: Int?
            var outlet: String
            var story: String
            var variant: String
        }

        var articleCount: Int
        var storyCount: Int
        var stories: [String: Int]
        var articles: [Article]

        enum CodingKeys: String, CodingKey {
            case articleCount = "article_count"
            case storyCount = "story_count"
            case stories
            case articles
        }
    }

    /// The fields every JSON and JSON Lines article carries.
    struct FeedArticle: Decodable {
        var url: String
        var outlet: String
        var title: String
        var publishedAt: String
        var body: String

        enum CodingKeys: String, CodingKey {
            case url, outlet, title, body
            case publishedAt = "published_at"
        }
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: examples.appending(path: ".manifest.json")))
    }

    /// One entry per article on disk: a file, or a line of a `.jsonl` file.
    static func articlesOnDisk() throws -> Set<String> {
        let enumerator = try #require(FileManager.default.enumerator(atPath: examples.path))
        var found = Set<String>()
        while let path = enumerator.nextObject() as? String {
            let url = examples.appending(path: path)
            guard ["txt", "html", "json", "jsonl"].contains(url.pathExtension), !path.hasPrefix(".") else {
                continue
            }
            if url.pathExtension == "jsonl" {
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
                found.formUnion((1...lines.count).map { "\(path):\($0)" })
            } else {
                found.insert(path)
            }
        }
        return found
    }

    @Test func manifestMatchesTheFiles() throws {
        let manifest = try Self.manifest()
        let listed = manifest.articles.map { article in article.line.map { "\(article.path):\($0)" } ?? article.path }
        #expect(Set(listed).count == listed.count, "an article is listed twice")
        #expect(Set(listed) == (try Self.articlesOnDisk()))
        #expect(manifest.articleCount == listed.count)

        let perStory = Dictionary(grouping: manifest.articles, by: \.story).mapValues(\.count)
        #expect(perStory == manifest.stories)
        #expect(manifest.storyCount == perStory.count)
        #expect(manifest.stories.values.contains { $0 == 1 }, "no singleton story left for the dedup to keep apart")
    }

    @Test func folderArticlesTakeTheOutletFromTheirFolder() throws {
        for article in try Self.manifest().articles where !article.path.hasPrefix("feeds/") {
            #expect(article.path.split(separator: "/").first.map(String.init) == article.outlet, "\(article.path)")
        }
    }

    @Test func feedArticlesHaveTheDocumentedFields() throws {
        let manifest = try Self.manifest()
        let iso = ISO8601DateFormatter()
        for article in manifest.articles where article.path.hasPrefix("feeds/") {
            let url = Self.examples.appending(path: article.path)
            var data = try Data(contentsOf: url)
            if let line = article.line {
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
                data = Data(lines[line - 1].utf8)
            }
            let feed = try JSONDecoder().decode(FeedArticle.self, from: data)
            #expect(feed.outlet == article.outlet)
            #expect(iso.date(from: feed.publishedAt) != nil, "published_at \(feed.publishedAt) is not ISO 8601")
            #expect(feed.url.hasPrefix("https://"))
            #expect(!feed.title.isEmpty)
            #expect(feed.body.split(separator: " ").count > 200, "\(article.path) body is too short")
        }
    }

    @Test func htmlReprintCarriesTheMetadataAParserNeeds() throws {
        let manifest = try Self.manifest()
        let pages = manifest.articles.filter { $0.path.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for page in pages {
            let html = try String(contentsOf: Self.examples.appending(path: page.path), encoding: .utf8)
            for marker in [
                "og:title", "article:published_time", "name=\"author\"", "\"@type\": \"NewsArticle\"", "<article",
                "<figcaption>",
            ] {
                #expect(html.contains(marker), "\(page.path) lacks \(marker)")
            }
        }
    }
}

@Suite struct ExamplesPublishingTests {
    /// The producer must see exactly the articles the manifest lists (and not the manifest or the README).
    @Test func producerReadsEveryExampleOnce() throws {
        let reader = ArticleReader(outletOverride: nil)
        let root = TestEnvironment.packageRoot.appendingPathComponent("Examples")
        let (files, skipped) = try reader.expand([root.path])
        let articles = try files.flatMap { try reader.read(file: $0) }
        let manifest = try ExamplesTests.manifest()
        #expect(articles.count == manifest.articleCount)
        #expect(skipped.isEmpty)
        #expect(Set(articles.map(\.outlet)).isSuperset(of: ["wire", "bayline-times", "finance-chronicle"]))
        #expect(articles.filter { $0.contentType == .html }.count == 1)
    }
}
