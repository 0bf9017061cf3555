import Foundation
import IngestCore

/// `ingest-eval dedup`: dedup quality on a generated, labelled corpus and on the five seed articles.
///
/// The corpus is built from the hand-written base articles in `Evaluation/dedup/base` (six topics, two distinct
/// stories each, so that same-topic pairs are hard negatives) with a fixed-seed generator: exact resends, formatting
/// changes, paragraph drops and reorders, word edits at five rates, captions and trailers, trimmed leads, partial
/// reprints in new text, and quote-sharing between the two stories of a topic. Every variant is labelled by
/// construction; candidates come from an in-memory index over the same keys the database indexes (band keys,
/// sentence hashes and anchors), and every candidate pair is judged by ``Similarity/compare``.
///
/// Options: `--root PATH` (package root), `--seed N`, `--sweep` (threshold and banding sweep), `--pairs` (list misses).
package enum DedupEval {
    struct Options {
        var root: URL
        var seed: UInt64 = 0x0DED_0501
        var sweep = false
        var listMisses = false
    }

    package static func run(_ arguments: ArraySlice<String>) throws {
        var options = Options(root: locateRoot())
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--root": options.root = URL(fileURLWithPath: rest.popFirst() ?? ".")
            case "--seed": options.seed = UInt64(rest.popFirst() ?? "") ?? options.seed
            case "--sweep": options.sweep = true
            case "--pairs": options.listMisses = true
            default: throw EvalError.usage("unknown option \(argument)")
            }
        }
        let bases = try loadBases(options.root)
        var generator = SplitMix64(seed: options.seed)
        let corpus = Corpus.generate(bases: bases, generator: &generator)
        let parameters = MinHashParameters.standard
        let thresholds = DedupThresholds.standard
        print("== dedup-eval: \(bases.count) base articles, \(corpus.docs.count) documents, seed \(options.seed)")
        print(
            "parameters: \(parameters.shingleSize)-word shingles, k=\(parameters.permutations),"
                + " \(parameters.bands) bands x \(parameters.rows) rows"
        )
        printSCurve(parameters)
        let evaluation = Evaluation(corpus: corpus, parameters: parameters, thresholds: thresholds)
        var targets: [(String, Bool)] = []
        targets += evaluation.report(listMisses: options.listMisses)
        targets += try evaluateSeeds(root: options.root, thresholds: thresholds)
        let evalRoot = options.root.appendingPathComponent("../shared/eval").standardized
        if FileManager.default.fileExists(atPath: evalRoot.appendingPathComponent("mrpc-train.tsv").path) {
            let real = try RealPairs.load(evalRoot: evalRoot, seed: options.seed)
            targets += real.report(thresholds: thresholds, listMisses: options.listMisses)
        } else {
            print("\n== real pairs: not found at \(evalRoot.path)")
            targets.append(("real pairs readable", false))
        }
        if options.sweep { sweep(corpus: corpus) }
        print("\n== targets")
        for (name, passed) in targets { print("\(passed ? "PASS" : "FAIL")  \(name)") }
        print(targets.allSatisfy(\.1) ? "ALL TARGETS PASS" : "SOME TARGETS FAIL")
    }

    package enum EvalError: Error, CustomStringConvertible {
        case usage(String)
        case missing(String)

        package var description: String {
            switch self {
            case .usage(let text): return text
            case .missing(let text): return text
            }
        }
    }

    /// The package root: the nearest ancestor of the working directory with `Evaluation/dedup`, else the source tree.
    package static func locateRoot() -> URL {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Evaluation/dedup").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    package struct Base {
        package var name: String
        package var topic: String
        package var paragraphs: [String]
    }

    package static func loadBases(_ root: URL) throws -> [Base] {
        let folder = root.appendingPathComponent("Evaluation/dedup/base")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        guard !names.isEmpty else { throw EvalError.missing("no base articles in \(folder.path)") }
        return try names.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let paragraphs = text.components(separatedBy: "\n\n").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }
            let stem = String(name.dropLast(4))
            return Base(name: stem, topic: String(stem.split(separator: "-").first ?? ""), paragraphs: paragraphs)
        }
    }

    static func fingerprint(_ text: String, key: String, parameters: MinHashParameters) throws -> Fingerprints {
        let envelope = ArticleEnvelope(
            key: key,
            outlet: "eval",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: .text,
            body: text
        )
        let parsed = try ArticleParser.parse(envelope, options: PipelineOptions())
        // Quote keys as the pipeline adds them, so shared quotes weigh in on stories as they do in the worker.
        let quotes = QuoteWords.of(ClaimExtractor.extract(parsed))
        let fingerprints = Fingerprinter.fingerprint(parsed, quotes: quotes, parameters: parameters)
        return fingerprints
    }

    static func printSCurve(_ parameters: MinHashParameters) {
        let points = [0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]
        let cells = points.map { String(format: "J=%.2f:%.3f", $0, parameters.candidateProbability(jaccard: $0)) }
        print(
            "LSH S-curve P(candidate) = 1-(1-J^\(parameters.rows))^\(parameters.bands): " + cells.joined(separator: " ")
        )
        print(
            String(
                format: "S-curve at J=0.5: %.4f  (threshold (1/b)^(1/r) = %.3f)",
                parameters.candidateProbability(jaccard: 0.5),
                parameters.threshold
            )
        )
        // Only band keys with key mod m = 0 are indexed (DedupKeySampling): a band two articles share is then found
        // with probability 1/m, so the gate alone behaves like b/m bands (anchors are the other candidate path).
        let kept = 1 / Double(DedupKeySampling.bandModulus)
        let sampled = points.map { jaccard -> String in
            let perBand = pow(jaccard, Double(parameters.rows)) * kept
            return String(format: "J=%.2f:%.3f", jaccard, 1 - pow(1 - perBand, Double(parameters.bands)))
        }
        print("indexed band keys (1 in \(DedupKeySampling.bandModulus)): " + sampled.joined(separator: " "))
    }

    static func format(_ value: Double) -> String {
        value.isNaN ? "  n/a" : String(format: "%5.3f", value)
    }
}
