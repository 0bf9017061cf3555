import Foundation
import IngestCore
import IngestEval

/// `claims`: claims-extraction throughput on one core, on the seed articles (about 4 KB each) or on the `.txt`
/// files of one or more `--dir` folders (the real texts: `--dir ../shared/eval/polnear-dev/text --dir
/// ../shared/eval/ggt-dev/text`).
///
///     ingest-bench claims [--seconds S] [--rounds N] [--dir DIR]... [--json]
///
/// `--rounds N` runs exactly N rounds of 50 extractions per article instead of timing for S seconds, so that an
/// instruction count (`valgrind --tool=callgrind --toggle-collect='*ClaimExtractor*extract*'`) is repeatable.
enum ClaimsBench {
    static func run(_ arguments: ArraySlice<String>) throws {
        let args = Array(arguments)
        var seconds = 3.0
        var directory = "../shared/fixtures/seeds"
        if let index = args.firstIndex(of: "--seconds"), index + 1 < args.count, let value = Double(args[index + 1]) {
            seconds = value
        }
        var rounds = 0
        if let index = args.firstIndex(of: "--rounds"), index + 1 < args.count, let value = Int(args[index + 1]) {
            rounds = max(1, value)
        }
        var directories: [String] = []
        for (index, argument) in args.enumerated() where argument == "--dir" && index + 1 < args.count {
            directories.append(args[index + 1])
        }
        if directories.isEmpty { directories = [directory] }
        var names: [String] = []
        for folder in directories {
            names += try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }
                .sorted().map { folder + "/" + $0 }
        }
        directory = directories.joined(separator: ", ")
        guard !names.isEmpty else { throw ClaimsEval.Failure.missing(directory) }
        var articles: [ParsedArticle] = []
        var bytes = 0
        for name in names {
            let text = try ClaimsEval.read(name)
            articles.append(try ClaimsEval.process(text).parsed)
            bytes += text.utf8.count
        }
        // Warm up: lexicon tables and caches.
        var claims = 0
        for article in articles { claims += ClaimExtractor.extract(article).count }
        var done = 0
        let start = threadCPUSeconds()
        var secondsTaken = 0.0
        repeat {
            for _ in 0..<50 {
                for article in articles { claims &+= ClaimExtractor.extract(article).count }
            }
            done += 50 * articles.count
            secondsTaken = threadCPUSeconds() - start
        } while rounds > 0 ? done < rounds * 50 * articles.count : secondsTaken < seconds
        let perSecond = Double(done) / secondsTaken
        // Machine reference on the same texts: one trivial pass counting words, so figures from a loaded or
        // slow machine can be compared.
        let texts = try names.map { Array(try ClaimsEval.read($0).unicodeScalars.map(\.value)) }
        var passes = 0
        var words = 0
        let referenceStart = threadCPUSeconds()
        var referenceSeconds = 0.0
        repeat {
            for scalars in texts {
                var inWord = false
                for c in scalars {
                    let letter = (c | 0x20) >= 97 && (c | 0x20) <= 122
                    if letter && !inWord { words &+= 1 }
                    inWord = letter
                }
            }
            passes += texts.count
            referenceSeconds = threadCPUSeconds() - referenceStart
        } while referenceSeconds < 0.5
        let referenceMicroseconds = referenceSeconds / Double(passes) * 1e6
        let averageBytes = Double(bytes) / Double(articles.count)
        let megabytes = perSecond * averageBytes / 1_000_000
        let microseconds = 1e6 / perSecond
        if args.contains("--json") {
            print(
                "{\"articles_per_second\": \(Int(perSecond)), \"mb_per_second\": \(String(format: "%.1f", megabytes)), "
                    + "\"microseconds_per_article\": \(String(format: "%.1f", microseconds)), "
                    + "\"average_bytes\": \(Int(averageBytes)), \"articles\": \(articles.count), "
                    + "\"reference_microseconds\": \(String(format: "%.1f", referenceMicroseconds))}"
            )
        } else {
            print(
                "claims extraction, one core (thread CPU time), \(articles.count) articles of \(Int(averageBytes)) bytes on average"
            )
            print(
                String(
                    format: "%.0f articles/s  %.1f MB/s  %.1f µs/article  (%d extractions, checksum %d)",
                    perSecond,
                    megabytes,
                    microseconds,
                    done,
                    claims & 0xFFFF
                )
            )
            print(
                String(
                    format: "machine reference: one trivial word-count pass over an article takes %.1f µs (x%.0f)",
                    referenceMicroseconds,
                    microseconds / referenceMicroseconds
                ) + " \(words & 1)"
            )
        }
    }
}
