import Foundation
import IngestCore

/// `ingest-bench pipeline`: the per-article cost of each stage on real articles (the `.txt` files of the evaluation
/// sets by default), one core, thread CPU time, best of `--rounds` measurements of `--seconds` each.
///
///     ingest-bench pipeline [--dir DIR]... [--seconds S] [--rounds N] [--only ROW]
///
/// Each article is wrapped in an envelope and encoded as the producer would, so `decode` is the real envelope path.
/// Rows: `json-foundation` and `json-fast` (the envelope's JSON alone, through each parser), `decode` (envelope
/// bytes → ``ArticleEnvelope``), `parse`, `claims`, `fingerprint`, `sha256` (its content
/// hash alone), and `process` (all of them through ``Pipeline/process(messageValue:)``, as the worker calls it).
enum PipelineBench {
    struct Row {
        var name: String
        var note: String
        var work: () -> Int
    }

    static func run(_ arguments: ArraySlice<String>) throws {
        var directories: [String] = []
        var seconds = 1.0
        var rounds = 3
        var only: String?
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--dir": directories.append(rest.popFirst() ?? "")
            case "--seconds": seconds = Double(rest.popFirst() ?? "") ?? seconds
            case "--rounds": rounds = max(1, Int(rest.popFirst() ?? "") ?? rounds)
            case "--only": only = rest.popFirst()
            default:
                throw ParseBench.BenchError.usage("unknown argument \(argument); use --dir --seconds --rounds --only")
            }
        }
        if directories.isEmpty {
            directories = ["../shared/eval/polnear-dev/text", "../shared/eval/ggt-dev/text"]
        }
        let inputs = try loadEnvelopes(directories)
        let messages = inputs.map { $0.encoded() }
        let pipeline = Pipeline()
        var parsed: [ParsedArticle] = []
        var claims: [[Claim]] = []
        for envelope in inputs {
            let article = try ArticleParser.parse(envelope, options: pipeline.options)
            parsed.append(article)
            claims.append(ClaimExtractor.extract(article))
        }
        let bytes = inputs.reduce(0) { $0 + $1.body.utf8.count }
        print(
            "pipeline bench: \(inputs.count) real articles (\(bytes / max(1, inputs.count)) bytes on average) from "
                + directories.joined(separator: ", ") + "; one core, thread CPU time, best of \(rounds) × \(seconds) s"
        )
        let decoder = JSONDecoder()
        var rows = [
            Row(name: "json-foundation", note: "JSONDecoder into JSONValue (the envelope reader until 2026-11)") {
                var count = 0
                for message in messages {
                    count &+= (try? decoder.decode(JSONValue.self, from: Data(message)))?["body"] == nil ? 0 : 1
                }
                return count
            },
            Row(name: "json-fast", note: "JSONValue.parse: FastJSON, JSONDecoder-compatible mode") {
                var count = 0
                for message in messages { count &+= (try? JSONValue.parse(message))?["body"] == nil ? 0 : 1 }
                return count
            },
            Row(name: "decode", note: "envelope bytes → ArticleEnvelope") {
                var count = 0
                for message in messages { count &+= (try? ArticleEnvelope.decode(message))?.body.utf8.count ?? 0 }
                return count
            },
            Row(name: "parse", note: "ArticleParser.parse, with the one tokenization (ArticleText)") {
                var count = 0
                for envelope in inputs {
                    count &+= (try? ArticleParser.parse(envelope, options: pipeline.options))?.sentences.count ?? 0
                }
                return count
            },
            Row(name: "claims", note: "ClaimExtractor.extract on the parsed article") {
                var count = 0
                for article in parsed { count &+= ClaimExtractor.extract(article).count }
                return count
            },
        ]
        rows.append(fingerprintRow(parsed: parsed, claims: claims))
        let normalized = parsed.map { Array($0.normalizedText.utf8) }
        rows.append(
            Row(name: "sha256", note: "SHA256.hex of the normalised text (Fingerprints.contentHash)") {
                var count = 0
                for bytes in normalized { count &+= SHA256.hex(of: bytes).utf8.count }
                return count
            }
        )
        rows.append(
            Row(name: "process", note: "Pipeline.process(messageValue:), every stage") {
                var count = 0
                for message in messages { count &+= (try? pipeline.process(messageValue: message))?.claims.count ?? 0 }
                return count
            }
        )
        for row in rows where only == nil || only == row.name {
            let best = measure(row.work, articles: inputs.count, seconds: seconds, rounds: rounds)
            let name = row.name.padding(toLength: 16, withPad: " ", startingAt: 0)
            print(String(format: "%@ %9.1f µs/article  %8.0f articles/s  %@", name, best, 1e6 / best, row.note))
        }
    }

    /// The fingerprint stage as the pipeline runs it: after claims, reading their quotes.
    static func fingerprintRow(parsed: [ParsedArticle], claims: [[Claim]]) -> Row {
        Row(name: "fingerprint", note: "Fingerprinter.fingerprint + quote keys") {
            var count = 0
            for (article, articleClaims) in zip(parsed, claims) {
                let fingerprints = Fingerprinter.fingerprint(article, quotes: QuoteWords.of(articleClaims))
                count &+= fingerprints.bandKeys.count &+ fingerprints.quoteKeys.count
            }
            return count
        }
    }

    /// Best (lowest) CPU microseconds per article over `rounds` measurements.
    static func measure(_ work: () -> Int, articles: Int, seconds: Double, rounds: Int) -> Double {
        var checksum = work()  // Warm-up: tables and caches.
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = threadCPUSeconds()
            var passes = 0
            var taken = 0.0
            repeat {
                checksum &+= work()
                passes += 1
                taken = threadCPUSeconds() - start
            } while taken < seconds
            best = min(best, taken / Double(passes * articles) * 1e6)
        }
        if checksum == 42 { print("") }  // Keeps the work observable.
        return best
    }

    static func loadEnvelopes(_ directories: [String]) throws -> [ArticleEnvelope] {
        var envelopes: [ArticleEnvelope] = []
        for folder in directories {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }
            for name in names.sorted() {
                let body = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                let outlet = URL(fileURLWithPath: folder).deletingLastPathComponent().lastPathComponent
                envelopes.append(
                    ArticleEnvelope(
                        key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
                        outlet: outlet,
                        fetchedAt: "2026-11-30T12:00:00Z",
                        contentType: .text,
                        body: body
                    )
                )
            }
        }
        guard !envelopes.isEmpty else {
            throw ParseBench.BenchError.noSeeds("no .txt articles in " + directories.joined(separator: ", "))
        }
        return envelopes
    }
}
