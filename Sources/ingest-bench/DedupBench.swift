import Foundation
import IngestCore
import IngestEval

/// `ingest-bench dedup`: fingerprint throughput (MinHash + band keys + sentence hashes + SHA-256) on 4 KB articles,
/// single thread, timed by the thread's CPU clock (best of five rounds), so the figure is per core even on a shared machine. Articles are built from the evaluation base articles and handed to the
/// fingerprinter already parsed, so parsing is not counted.
///
/// Options: `--seconds S` (per measurement, default 2), `--root PATH`.
enum DedupBench {
    static func run(_ arguments: ArraySlice<String>) throws {
        var seconds = 2.0
        var tokenizeOnly = false
        var root = DedupEval.locateRoot()
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": seconds = Double(rest.popFirst() ?? "") ?? seconds
            case "--root": root = URL(fileURLWithPath: rest.popFirst() ?? ".")
            case "--tokenize-only": tokenizeOnly = true
            default: throw DedupEval.EvalError.usage("unknown option \(argument)")
            }
        }
        let articles = try makeArticles(root: root, count: 256, targetBytes: 4096)
        let meanBytes = articles.map { $0.text.utf8.count }.reduce(0, +) / articles.count
        print(
            "== dedup bench: \(articles.count) articles, mean \(meanBytes) bytes, \(seconds) CPU-s per measurement, 1 thread"
        )

        if tokenizeOnly {
            let rate = measure(seconds: seconds, articles: articles) {
                TokenizedBody(paragraphs: $0.paragraphs.map(\.text)).tokens.count
            }
            print(String(format: "tokenize only: %9.0f articles/s/core", rate))
            return
        }
        let full = measure(seconds: seconds, articles: articles) { Fingerprinter.fingerprint($0).minhash.count }
        print(String(format: "fingerprint (all):      %9.0f articles/s/core  (%.1f us/article)", full, 1e6 / full))

        let tokenize = measure(seconds: seconds / 2, articles: articles) {
            TokenizedBody(paragraphs: $0.paragraphs.map(\.text)).tokens.count
        }
        print(
            String(format: "  tokenize only:        %9.0f articles/s/core  (%.1f us/article)", tokenize, 1e6 / tokenize)
        )
        let bodies = articles.map { TokenizedBody(paragraphs: $0.paragraphs.map(\.text)) }
        let minhash = measure(seconds: seconds / 2, articles: bodies) {
            MinHash.bandKeys(MinHash.signature($0)).count
        }
        print(
            String(format: "  minhash + bands:      %9.0f articles/s/core  (%.1f us/article)", minhash, 1e6 / minhash)
        )
        let sentences = measure(seconds: seconds / 2, articles: bodies) {
            SentenceFingerprints.compute($0).hashes.count
        }
        print(
            String(
                format: "  sentence hashes:      %9.0f articles/s/core  (%.1f us/article)",
                sentences,
                1e6 / sentences
            )
        )
        let textHash = measure(seconds: seconds / 2, articles: articles) {
            Int(truncatingIfNeeded: Fingerprinter.formattingFreeHash(of: $0.text))
        }
        print(
            String(format: "  text hash (exact):    %9.0f articles/s/core  (%.1f us/article)", textHash, 1e6 / textHash)
        )
        let sha = measure(seconds: seconds / 2, articles: articles) { article in
            var text = article.normalizedText
            return text.withUTF8 { SHA256.hex(of: $0) }.utf8.count
        }
        print(
            String(
                format: "  sha-256 of text:      %9.0f articles/s/core  (%.1f us/article, %.0f MB/s)",
                sha,
                1e6 / sha,
                sha * Double(meanBytes) / 1e6
            )
        )
        // Pair verdicts, as story linking makes them (each article against its next ones).
        let prints = articles.map { Fingerprinter.fingerprint($0) }
        let compare = measure(seconds: seconds / 2, articles: articles) { article in
            let index = Int(truncatingIfNeeded: article.text.utf8.count) % (prints.count - 4)
            var sameStory = 0
            for offset in 1...4 where Similarity.compare(prints[index], prints[index + offset]).sameStory {
                sameStory += 1
            }
            return sameStory
        }
        print(
            String(
                format: "  4 pair verdicts:      %9.0f articles/s/core  (%.2f us/pair)",
                compare,
                1e6 / compare / 4
            )
        )
        // The same verdicts with each article's sorted keys built once (as story linking does).
        let lookups = prints.map { SentenceLookup($0) }
        let prepared = measure(seconds: seconds / 2, articles: articles) { article in
            let index = Int(truncatingIfNeeded: article.text.utf8.count) % (prints.count - 4)
            var sameStory = 0
            for offset in 1...4
            where Similarity.compare(prints[index], lookups[index], prints[index + offset], lookups[index + offset])
                .sameStory
            {
                sameStory += 1
            }
            return sameStory
        }
        print(
            String(
                format: "  4 pair verdicts, keys sorted once: %9.0f articles/s/core  (%.2f us/pair)",
                prepared,
                1e6 / prepared / 4
            )
        )
        print(String(format: "target >= 10000 articles/s/core: %@", full >= 10_000 ? "PASS" : "FAIL"))
    }

    /// Articles of about `targetBytes`, made by concatenating base-article paragraphs in rotating order.
    static func makeArticles(root: URL, count: Int, targetBytes: Int) throws -> [ParsedArticle] {
        let paragraphs = try DedupEval.loadBases(root).flatMap { $0.paragraphs.dropFirst() }
        var generator = SplitMix64(seed: 4096)
        return (0..<count).map { _ in
            var chosen: [String] = []
            var bytes = 0
            while bytes < targetBytes {
                let paragraph = paragraphs[Int(generator.next() % UInt64(paragraphs.count))]
                chosen.append(paragraph)
                bytes += paragraph.utf8.count + 2
            }
            var segments: [Segment] = []
            var offset = 0
            for paragraph in chosen {
                let length = paragraph.unicodeScalars.count
                segments.append(Segment(span: TextSpan(start: offset, end: offset + length), text: paragraph))
                offset += length + 2
            }
            let text = chosen.joined(separator: "\n\n")
            return ParsedArticle(
                text: text,
                contentType: .text,
                paragraphs: segments,
                normalizedText: chosen.map { $0.lowercased() }.joined(separator: "\n")
            )
        }
    }

    /// Best rate over five rounds: other processes on a shared machine only ever slow a round down. `articles` in
    /// whatever form the measured stage takes (parsed, or tokenized bodies).
    static func measure<Article>(seconds: Double, articles: [Article], _ work: (Article) -> Int) -> Double {
        var sink = 0
        for article in articles.prefix(32) { sink &+= work(article) }
        var best = 0.0
        for _ in 0..<5 {
            var done = 0
            let start = threadCPUSeconds()
            var elapsed = 0.0
            repeat {
                for article in articles { sink &+= work(article) }
                done += articles.count
                elapsed = threadCPUSeconds() - start
            } while elapsed < seconds / 5
            best = max(best, Double(done) / elapsed)
        }
        if sink == 42 { print("") }
        return best
    }
}
