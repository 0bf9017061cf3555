import Foundation
import IngestCore

/// `ingest-bench parse [--seeds DIR] [--seconds S] [--json]`: single-thread throughput of the parsing stage
/// (validation, layout, sentence splitting, normalisation, language guess) on ~4 KB plain-text articles built
/// from the seed articles, and separately on HTML pages wrapping the same text.
enum ParseBench {
    struct Figures: Codable {
        var name: String
        var articles: Int
        var bytes: Int
        var seconds: Double
        var articlesPerSecond: Double
        var megabytesPerSecond: Double
        var microsecondsPerArticle: Double
        /// Per core: the same figures over this thread's CPU time, so other processes on the machine do not count.
        var cpuSeconds: Double
        var articlesPerCPUSecond: Double
        var megabytesPerCPUSecond: Double
    }

    static func run(_ arguments: ArraySlice<String>) throws {
        var seedsPath = "../shared/fixtures/seeds"
        var seconds = 3.0
        var json = false
        var only: String?
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--seeds": seedsPath = iterator.next() ?? seedsPath
            case "--seconds": seconds = Double(iterator.next() ?? "") ?? seconds
            case "--json": json = true
            case "--only": only = iterator.next()
            default:
                throw BenchError.usage("unknown argument \(argument); use --seeds DIR --seconds S --only NAME --json")
            }
        }
        let seeds = try loadSeeds(seedsPath)
        let texts = buildArticles(from: seeds, count: 256, targetBytes: 4096)
        let suites: [(String, () -> [ArticleEnvelope], Double)] = [
            ("text-4k", { texts.map { envelope($0, .text) } }, seconds),
            ("text-seeds", { seeds.map { envelope($0, .text) } }, seconds / 2),
            ("html", { texts.map { envelope(htmlPage(for: $0), .html) } }, seconds),
        ]
        var results: [Figures] = []
        for (name, makeEnvelopes, duration) in suites where only == nil || only == name {
            results.append(try measure(name, makeEnvelopes(), seconds: duration))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
            return
        }
        print("parse bench, single thread, \(texts.count) synthetic articles + \(seeds.count) seeds")
        for figures in results {
            let line = [
                figures.name.padding(toLength: 12, withPad: " ", startingAt: 0),
                String(format: "%10.0f articles/s", figures.articlesPerSecond),
                String(format: "%8.1f MB/s", figures.megabytesPerSecond),
                String(format: "%8.2f µs/article", figures.microsecondsPerArticle),
                String(
                    format: "| per CPU-second: %8.0f articles, %6.1f MB",
                    figures.articlesPerCPUSecond,
                    figures.megabytesPerCPUSecond
                ),
                String(format: "(avg %.0f bytes)", Double(figures.bytes) / Double(max(1, figures.articles))),
            ]
            print(line.joined(separator: "  "))
        }
    }

    enum BenchError: Error, CustomStringConvertible {
        case usage(String)
        case noSeeds(String)
        case parse(String)

        var description: String {
            switch self {
            case .usage(let text), .noSeeds(let text), .parse(let text): return text
            }
        }
    }

    private static func loadSeeds(_ path: String) throws -> [String] {
        let folder = URL(fileURLWithPath: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let texts = try names.filter { $0.hasSuffix(".txt") }.sorted().map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
        guard !texts.isEmpty else { throw BenchError.noSeeds("no seed articles in \(path); pass --seeds DIR") }
        return texts
    }

    /// Articles of about `targetBytes`, stitched from seed paragraphs with a fixed-seed generator, in the
    /// layouts the seeds show (blank-line or single-newline paragraphs, date prefix, dateline, trailer).
    static func buildArticles(from seeds: [String], count: Int, targetBytes: Int) -> [String] {
        let paragraphs = seeds.flatMap { seed in
            seed.split(whereSeparator: \.isNewline).map(String.init).filter { $0.utf8.count > 60 }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var articles: [String] = []
        for index in 0..<count {
            var parts: [String] = []
            var size = 0
            switch index % 4 {
            case 0: parts.append(" date 2023-07-27")
            case 1: parts.append("North Korea's Kim shows off banned missiles to Russian minister")
            default: break
            }
            var first = true
            while size < targetBytes - 200 {
                var paragraph = paragraphs[next() % paragraphs.count]
                if first && index % 4 == 1 { paragraph = "SEOUL, July 27 (Reuters) - " + paragraph }
                first = false
                parts.append(paragraph)
                size += paragraph.utf8.count + 2
            }
            if index % 3 == 0 { parts.append("(With inputs from agencies)") }
            let separator = index % 2 == 0 ? "\n\n" : "\n"
            var text = parts.joined(separator: separator)
            if text.hasPrefix(" date") {
                text = text.replacingOccurrences(of: " date 2023-07-27" + separator, with: " date 2023-07-27 ")
            }
            articles.append(text)
        }
        return articles
    }

    /// A realistic page around the article: head metadata, JSON-LD, navigation, share bar, figure, footer.
    static func htmlPage(for text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let body = lines.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <title>Kim shows off banned missiles | Example News</title>
            <meta property="og:title" content="Kim shows off banned missiles to Russian minister">
            <meta property="article:published_time" content="2023-07-27T10:00:00Z">
            <meta name="author" content="Jane Reporter">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Kim shows off banned missiles",
            "datePublished":"2023-07-27","author":{"@type":"Person","name":"Jane Reporter"}}</script>
            <style>body{font-family:serif}</style></head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
            <div class="cookie-banner">We use cookies. <button>Accept</button></div>
            <main><article><header><h1>Kim shows off banned missiles to Russian minister</h1>
            <div class="byline">By Jane Reporter</div></header>
            <div class="share-bar"><a>Share on X</a><a>Facebook</a></div>
            <figure><img src="a.jpg"><figcaption>Kim Jong Un at the exhibition. KCNA via REUTERS</figcaption></figure>
            \(body)
            <aside class="related"><h3>Related</h3><a>Other story</a></aside>
            </article></main><footer>© Example News. All rights reserved.</footer>
            <script>window.analytics = {};</script></body></html>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    private static func envelope(_ body: String, _ type: ContentType) -> ArticleEnvelope {
        ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: "bench", url: nil, body: body),
            outlet: "bench",
            fetchedAt: "2023-07-27T12:00:00Z",
            contentType: type,
            body: body
        )
    }

    private static func measure(_ name: String, _ envelopes: [ArticleEnvelope], seconds: Double) throws -> Figures {
        let options = PipelineOptions()
        let bytesPerRound = envelopes.reduce(0) { $0 + $1.body.utf8.count }
        // Warm up and check every input parses.
        var checksum = 0
        for envelope in envelopes {
            do {
                checksum &+= try ArticleParser.parse(envelope, options: options).sentences.count
            } catch {
                throw BenchError.parse("\(name): \(error)")
            }
        }
        let clock = ContinuousClock()
        var rounds = 0
        let cpuStart = threadCPUSeconds()
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < .milliseconds(Int(seconds * 1000)) {
            for envelope in envelopes {
                checksum &+= (try? ArticleParser.parse(envelope, options: options))?.sentences.count ?? 0
            }
            rounds += 1
            elapsed = clock.now - start
        }
        let cpu = threadCPUSeconds() - cpuStart
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let articles = rounds * envelopes.count
        if checksum == 42 { print("") }  // Keeps the work observable.
        return Figures(
            name: name,
            articles: articles,
            bytes: rounds * bytesPerRound,
            seconds: total,
            articlesPerSecond: Double(articles) / total,
            megabytesPerSecond: Double(rounds * bytesPerRound) / total / 1_000_000,
            microsecondsPerArticle: total / Double(articles) * 1_000_000,
            cpuSeconds: cpu,
            articlesPerCPUSecond: Double(articles) / cpu,
            megabytesPerCPUSecond: Double(rounds * bytesPerRound) / cpu / 1_000_000
        )
    }
}
