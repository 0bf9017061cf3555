import Foundation
import IngestCore
import Publishing
import Testing

/// The end-to-end benchmark's generated corpus (`Scripts/bench/corpus.py`) is what its figures mean: these check
/// that it is reproducible, that every article goes through the real pipeline, that the benchmark's expected count
/// (one stored article per file) holds, and that only articles of the same story are copies. No timing.
@Suite struct BenchCorpusTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the generator into a fresh temporary folder and returns it.
    static func generate(articles: Int, seed: Int, htmlPages: Bool = false) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-corpus-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", repository.appendingPathComponent("Scripts/bench/corpus.py").path, folder.path,
                "--articles", String(articles), "--seed", String(seed),
            ] + (htmlPages ? ["--html-pages"] : [])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return folder
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            result[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        let first = try Self.generate(articles: 40, seed: 11)
        let second = try Self.generate(articles: 40, seed: 11)
        let other = try Self.generate(articles: 40, seed: 12)
        defer { for folder in [first, second, other] { try? FileManager.default.removeItem(at: folder) } }
        let a = try Self.files(in: first)
        #expect(a.count == 41)  // 40 articles and the manifest
        #expect(a == (try Self.files(in: second)))
        #expect(Set(a.keys) != Set(try Self.files(in: other).keys))
    }

    @Test func everyArticleParsesWithQuotesAndOnlyOneStorysArticlesLookAlike() throws {
        let folder = try Self.generate(articles: 120, seed: 5)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifestData = try Data(contentsOf: folder.appendingPathComponent(".bench-corpus.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let storyOf = try #require(manifest["story_of"] as? [String: Int])

        // Read as ingest-producer reads a folder, processed as a worker processes each message.
        let reader = ArticleReader(outletOverride: nil)
        let expanded = try reader.expand([folder.path])
        #expect(expanded.skipped.isEmpty)
        #expect(expanded.files.count == 120)
        var processed: [(story: Int, article: ProcessedArticle)] = []
        for file in expanded.files {
            let raw = try #require(try reader.read(file: file).first)
            #expect(raw.body.utf8.count > 1000)
            let envelope = ArticleReader.envelope(for: raw, fetchedAt: Date(timeIntervalSince1970: 0))
            let article = try Pipeline().process(envelope)
            let story = try #require(storyOf[String(file.path.dropFirst(folder.path.count + 1))])
            processed.append((story, article))
        }
        let formats = Set(processed.map { $0.article.envelope.contentType })
        #expect(formats == [.text, .json])
        // The benchmark expects one stored article per file: no two files may have the same content hash.
        #expect(Set(processed.map { $0.article.fingerprints.contentHash }).count == 120)
        // Direct quotes with named speakers in nearly every article (a trimmed copy may keep none).
        let quoted = processed.filter { entry in
            entry.article.claims.contains { $0.kind == .directQuote && $0.speaker != nil }
        }
        #expect(quoted.count >= 108)

        var copiesWithinStories = 0
        var pairsAcrossStories = 0
        var copiesAcrossStories: [String] = []
        var relatedAcrossStories = 0
        for i in processed.indices {
            for j in processed.indices where j > i {
                let relation = Similarity.compare(processed[i].article.fingerprints, processed[j].article.fingerprints)
                    .relation
                if processed[i].story == processed[j].story {
                    if relation.isCopy { copiesWithinStories += 1 }
                } else {
                    pairsAcrossStories += 1
                    if relation.isCopy {
                        copiesAcrossStories.append("\(processed[i].story)-\(processed[j].story): \(relation)")
                    } else if relation == .related {
                        relatedAcrossStories += 1
                    }
                }
            }
        }
        // Reprints, trims and edits of one story are copies; articles of different stories never are, and share
        // sentences or quotes only by rare chance (an attribution or a credit line; about 0.1% of pairs).
        #expect(copiesWithinStories >= 20)
        #expect(copiesAcrossStories.isEmpty)
        #expect(relatedAcrossStories * 200 < pairsAcrossStories)
    }

    /// `--html-pages` wraps each article in a whole news page (scripts, menus, ads, and teasers, related links and
    /// comments quoting other stories). The page must parse to the bare article's text and claims, so that the
    /// benchmark's pages cost parsing, not different stored results, and no furniture joins unrelated stories.
    @Test func htmlPagesParseToTheBareArticlesTextAndClaims() throws {
        let pages = try Self.generate(articles: 36, seed: 9, htmlPages: true)
        let bare = try Self.generate(articles: 36, seed: 9)
        defer { for folder in [pages, bare] { try? FileManager.default.removeItem(at: folder) } }
        let manifestData = try Data(contentsOf: bare.appendingPathComponent(".bench-corpus.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let storyOfPath = try #require(manifest["story_of"] as? [String: Int])
        let reader = ArticleReader(outletOverride: nil)
        func stem(_ path: String) -> String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        let storyOf = Dictionary(uniqueKeysWithValues: storyOfPath.map { (stem($0.key), $0.value) })
        func processed(_ folder: URL) throws -> [String: (bytes: Int, article: ProcessedArticle)] {
            var result: [String: (Int, ProcessedArticle)] = [:]
            for file in try reader.expand([folder.path]).files {
                let raw = try #require(try reader.read(file: file).first)
                let envelope = ArticleReader.envelope(for: raw, fetchedAt: Date(timeIntervalSince1970: 0))
                result[stem(file.path)] = (raw.body.utf8.count, try Pipeline().process(envelope))
            }
            return result
        }
        let pageArticles = try processed(pages)
        let bareArticles = try processed(bare)
        #expect(pageArticles.count == 36)
        #expect(Set(pageArticles.keys) == Set(bareArticles.keys))
        var withClaims = 0
        for (name, page) in pageArticles {
            let article = try #require(bareArticles[name]).article
            let story = try #require(storyOf[name])
            #expect(page.article.envelope.contentType == .html)
            #expect((100_000...310_000).contains(page.bytes), "\(name): \(page.bytes) bytes")
            #expect(page.article.parsed.headline == article.parsed.headline)
            // Every paragraph of the page is the article's text, and every paragraph of the bare article but its
            // byline line is in the page (the page's first paragraph may have lost its dateline to `dateline`).
            let text = article.parsed.text
            let pageParagraphs = page.article.parsed.paragraphs.map(\.text)
            #expect(pageParagraphs.allSatisfy(text.contains), "\(name): furniture in the text")
            let missing = article.parsed.paragraphs.filter { bareParagraph in
                !pageParagraphs.contains { bareParagraph.text.contains($0) }
            }
            #expect(missing.count <= 1, "\(name): text lost")
            #expect(page.article.claims.count >= article.claims.count - 1, "\(name): claims lost")
            if !article.claims.isEmpty { withClaims += 1 }
            // No sentence of another story (the furniture's teasers, related links and comments quote them) in
            // the page's paragraphs or claims.
            var foreign: Set<String> = []
            for (otherName, other) in bareArticles where storyOf[otherName] != story {
                // Sentences without a leading dateline (`CITY, June 3 (Wire) - `), and headlines.
                var lines: [String] = other.article.parsed.sentences.map { sentence in
                    sentence.text.components(separatedBy: " - ").last ?? sentence.text
                }
                lines.append(other.article.parsed.headline ?? "")
                for line in lines where line.count > 40 && !text.contains(line) { foreign.insert(line) }
            }
            let pageTexts = pageParagraphs + page.article.claims.map(\.content.text)
            let leaked = foreign.filter { sentence in pageTexts.contains { $0.contains(sentence) } }
            #expect(leaked.isEmpty, "\(name): \(leaked.first ?? "")")
        }
        #expect(withClaims >= 30)
    }
}
