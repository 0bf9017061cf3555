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

// MARK: - Corpus

/// A generated document with its ground truth.
struct EvalDoc {
    var id: Int
    /// The story it belongs to: the index of its base article (the host's, for quote-sharing).
    var family: Int
    var kind: String
    var paragraphs: [String]
    var text: String
}

/// A pair with a known relation.
struct LabelledPair {
    var a: Int
    var b: Int
    var truth: DedupRelation
    var kind: String
}

struct Corpus {
    var bases: [DedupEval.Base]
    var docs: [EvalDoc]
    var labelled: [LabelledPair]
    /// Pairs whose relation is ambiguous by construction (quote-sharing documents vs the source's other variants).
    var ambiguous: Set<PairKey>

    static let editRates = [0.02, 0.05, 0.10, 0.20, 0.30]

    static func generate(bases: [DedupEval.Base], generator: inout SplitMix64) -> Corpus {
        var vocabulary = Set<String>()
        for base in bases {
            for paragraph in base.paragraphs {
                for word in paragraph.split(separator: " ") {
                    let letters = word.lowercased().filter { $0.isLetter }
                    if letters.count >= 3 { vocabulary.insert(letters) }
                }
            }
        }
        let words = vocabulary.sorted()
        var corpus = Corpus(bases: bases, docs: [], labelled: [], ambiguous: [])
        for (index, base) in bases.enumerated() {
            corpus.add(family: index, kind: "base", paragraphs: base.paragraphs)
        }
        for (index, base) in bases.enumerated() {
            let original = base.paragraphs
            let make = VariantMaker(words: words)
            corpus.add(
                family: index,
                kind: "exact-bytes",
                paragraphs: original,
                text: original.joined(separator: "\n\n")
            )
            corpus.add(
                family: index,
                kind: "exact-whitespace",
                paragraphs: original,
                text: make.whitespace(original, &generator)
            )
            for count in 1...2 {
                corpus.add(family: index, kind: "para-drop", paragraphs: make.drop(original, count: count, &generator))
            }
            corpus.add(family: index, kind: "para-reorder", paragraphs: make.reorder(original, &generator))
            for rate in editRates {
                for _ in 0..<2 {
                    corpus.add(
                        family: index,
                        kind: "edit-\(Int(rate * 100))%",
                        paragraphs: make.edit(original, rate: rate, &generator)
                    )
                }
            }
            corpus.add(family: index, kind: "caption+trailer", paragraphs: make.captions(original, &generator))
            for count in [1, 3] {
                corpus.add(
                    family: index,
                    kind: "trimmed-lead",
                    paragraphs: make.trim(original, count: count, &generator)
                )
            }
            for _ in 0..<2 {
                corpus.add(family: index, kind: "partial-reprint", paragraphs: make.partial(original, &generator))
            }
            // Quote sharing: another story quotes two sentences of this one. The host is the other story of the same
            // topic for the first story of a topic, and the first story of the next topic for the second, so no two
            // articles quote each other (that would make them share four sentences).
            if let host = quoteHost(of: index, in: bases) {
                let paragraphs = make.quoteShare(host: bases[host].paragraphs, source: original, &generator)
                let id = corpus.add(family: host, kind: "quote-share", paragraphs: paragraphs, labelAgainstBase: false)
                corpus.labelled.append(LabelledPair(a: index, b: id, truth: .related, kind: "quote-share"))
                corpus.labelled.append(LabelledPair(a: host, b: id, truth: .nearDuplicate, kind: "quote-share-host"))
                for other in corpus.docs where other.family == index && other.id != index {
                    corpus.ambiguous.insert(PairKey(other.id, id))
                }
            }
        }
        // Quote-share docs were added before some of their source's variants; mark those pairs too.
        for doc in corpus.docs where doc.kind == "quote-share" {
            let source = corpus.labelled.first { $0.b == doc.id && $0.truth == .related }!.a
            for other in corpus.docs where other.family == source && other.id != source {
                corpus.ambiguous.insert(PairKey(other.id, doc.id))
            }
        }
        return corpus
    }

    static func quoteHost(of index: Int, in bases: [DedupEval.Base]) -> Int? {
        let topics = bases.map(\.topic).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let topic = bases[index].topic
        guard let partner = bases.indices.first(where: { $0 != index && bases[$0].topic == topic }) else { return nil }
        if index < partner { return partner }
        let next = topics[(topics.firstIndex(of: topic)! + 1) % topics.count]
        return bases.indices.first { bases[$0].topic == next && $0 != index }
    }

    @discardableResult
    mutating func add(
        family: Int,
        kind: String,
        paragraphs: [String],
        text: String? = nil,
        labelAgainstBase: Bool = true
    ) -> Int {
        let id = docs.count
        docs.append(
            EvalDoc(
                id: id,
                family: family,
                kind: kind,
                paragraphs: paragraphs,
                text: text ?? paragraphs.joined(separator: "\n\n")
            )
        )
        if kind != "base" && labelAgainstBase {
            let truth: DedupRelation
            switch kind {
            case "exact-bytes", "exact-whitespace": truth = .exact
            case "partial-reprint": truth = .reprint
            default: truth = .nearDuplicate
            }
            labelled.append(LabelledPair(a: family, b: id, truth: truth, kind: kind))
        }
        return id
    }
}

struct PairKey: Hashable, Comparable {
    var low: Int
    var high: Int

    init(_ a: Int, _ b: Int) {
        low = min(a, b)
        high = max(a, b)
    }

    static func < (lhs: PairKey, rhs: PairKey) -> Bool {
        (lhs.low, lhs.high) < (rhs.low, rhs.high)
    }
}

/// The variant generators. Paragraph 0 of a base is its headline.
struct VariantMaker {
    var words: [String]

    func randomWord(_ generator: inout SplitMix64) -> String {
        words[Int(generator.next() % UInt64(words.count))]
    }

    /// New text: random vocabulary words in sentence shape, so it shares no copied passage with any article.
    func newSentence(_ generator: inout SplitMix64) -> String {
        let count = 10 + Int(generator.next() % 13)
        var sentence = (0..<count).map { _ in randomWord(&generator) }
        sentence[0] = sentence[0].prefix(1).uppercased() + sentence[0].dropFirst()
        return sentence.joined(separator: " ") + "."
    }

    func newParagraph(_ generator: inout SplitMix64) -> String {
        (0..<(2 + Int(generator.next() % 2))).map { _ in newSentence(&generator) }.joined(separator: " ")
    }

    func whitespace(_ paragraphs: [String], _ generator: inout SplitMix64) -> String {
        var out = "\n"
        for paragraph in paragraphs {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty {
                    line += generator.next() % 8 == 0 ? "  " : (generator.next() % 20 == 0 ? "\t" : " ")
                }
                line += word
            }
            out += line + (generator.next() % 3 == 0 ? "   " : "") + (generator.next() % 2 == 0 ? "\n\n" : "\n \n\n")
        }
        return out
    }

    func drop(_ paragraphs: [String], count: Int, _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        for _ in 0..<count {
            result.remove(at: 1 + Int(generator.next() % UInt64(result.count - 1)))
        }
        return result
    }

    func reorder(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        let from = 2 + Int(generator.next() % UInt64(result.count - 2))
        let moved = result.remove(at: from)
        var to = 1 + Int(generator.next() % UInt64(result.count - 1))
        if to == from { to = 1 }
        result.insert(moved, at: to)
        return result
    }

    /// Substitutions, deletions and insertions of whole words, each word edited with probability `rate`.
    func edit(_ paragraphs: [String], rate: Double, _ generator: inout SplitMix64) -> [String] {
        paragraphs.map { paragraph in
            var out: [String] = []
            for word in paragraph.split(separator: " ") {
                guard generator.nextUnit() < rate else {
                    out.append(String(word))
                    continue
                }
                switch generator.next() % 4 {
                case 0, 1: out.append(randomWord(&generator))
                case 2: break
                default:
                    out.append(randomWord(&generator))
                    out.append(String(word))
                }
            }
            return out.joined(separator: " ")
        }
    }

    static let names = [
        "Anna Kovac", "Tom Hale", "Priya Natarajan", "Lukas Berg", "Sara Lind", "Omar Haddad", "Mei Tanaka",
        "Jon Ellis", "Clara Weiss", "Diego Ramos",
    ]

    func captions(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        let photographer = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        let caption =
            "FILE PHOTO: " + newSentence(&generator).dropLast() + ", in this undated handout picture. "
            + "Meridian News/\(photographer)/File Photo"
        result.insert(caption, at: min(2, result.count))
        let reporter = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        let editor = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        result.append("(Reporting by \(reporter); Editing by \(editor))")
        return result
    }

    func trim(_ paragraphs: [String], count: Int, _ generator: inout SplitMix64) -> [String] {
        // Drop the headline and the first `count` body paragraphs; keep the rest as is.
        Array(paragraphs.dropFirst(1 + count))
    }

    /// 30–50 % of the body paragraphs, in order, inside new text of about the same length, under a new headline.
    func partial(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        let body = Array(paragraphs.dropFirst())
        let share = 0.3 + 0.2 * generator.nextUnit()
        let keep = max(3, Int((Double(body.count) * share).rounded()))
        var chosen = Set<Int>()
        while chosen.count < keep { chosen.insert(Int(generator.next() % UInt64(body.count))) }
        var result = [newSentence(&generator)]
        result.append(newParagraph(&generator))
        result.append(newParagraph(&generator))
        for (offset, index) in chosen.sorted().enumerated() {
            result.append(body[index])
            if offset % 2 == 1 { result.append(newParagraph(&generator)) }
        }
        result.append(newParagraph(&generator))
        result.append(newParagraph(&generator))
        return result
    }

    /// The host article with a new paragraph quoting two long sentences of the source.
    func quoteShare(host: [String], source: [String], _ generator: inout SplitMix64) -> [String] {
        var sentences: [String] = []
        for paragraph in source.dropFirst(2) {
            for sentence in paragraph.split(separator: ". ") where sentence.split(separator: " ").count >= 12 {
                sentences.append(
                    sentence.hasSuffix(".") || sentence.hasSuffix("\"") ? String(sentence) : sentence + "."
                )
            }
        }
        let first = Int(generator.next() % UInt64(sentences.count))
        var second = Int(generator.next() % UInt64(sentences.count))
        if second == first { second = (first + 1) % sentences.count }
        var result = host
        let quoted = "In a separate development, " + sentences[first] + " " + sentences[second]
        result.insert(quoted, at: max(2, result.count - 2))
        return result
    }
}
