import ArgumentParser
import Foundation
import IngestCore

/// `ingestctl analyze`: runs the whole pure pipeline offline on files or standard input and prints what it found.
///
/// `--format json` prints JSON Lines: one compact ``AnalysisRecord`` per input (`source`, then `result` with the
/// envelope, parsed article, fingerprints and claims, or `error`), keys sorted, so `jq` can slice it.
/// `--format text` prints the human report of ``AnalysisReport``.
public struct AnalyzeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Parse, fingerprint and extract claims from articles offline (no Kafka, no PostgreSQL).",
        discussion: """
            Content type comes from the extension: .html/.htm → HTML, .json → JSON article, .jsonl → one JSON \
            article per line, anything else → plain text. A .json/.jsonl object that is already an envelope \
            (with "v" and "content_type") is used as is. '-' or no file reads standard input, typed by --type \
            (default: sniffed from the first character).
            """
    )

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case json
        case text
    }

    public enum InputType: String, ExpressibleByArgument, CaseIterable, Sendable {
        case auto
        case text
        case html
        case json
        case jsonl
    }

    @Argument(help: "Article files; '-' or none reads standard input.")
    public var files: [String] = []

    @Option(help: "Output format: json (one object per line) or text.")
    public var format: Format = .text

    @Option(help: "Content type of every input, overriding the extension (auto, text, html, json, jsonl).")
    public var type: InputType = .auto

    @Option(help: "Outlet name put in the envelope.")
    public var outlet: String = "local"

    @Option(help: "Character set of the inputs: utf8, latin1 or cp1252 (default: UTF-8, or the declared charset).")
    public var encoding: String?

    @Option(help: "Largest body accepted, in bytes.")
    public var maxBodyBytes: Int = PipelineOptions.defaultMaxBodyBytes

    public init() {}

    public func validate() throws {
        if let encoding, TextEncoding(label: encoding) == nil {
            throw ValidationError("--encoding must be utf8, latin1 or cp1252, not \(encoding)")
        }
    }

    public func run() throws {
        let pipeline = Pipeline(options: PipelineOptions(maxBodyBytes: maxBodyBytes))
        let sources = files.isEmpty ? ["-"] : files
        var failures = 0
        for source in sources {
            let data: Data
            do {
                data =
                    source == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: url(source))
            } catch {
                throw ValidationError("cannot read \(source): \(error.localizedDescription)")
            }
            for record in records(source: source, data: data, pipeline: pipeline) {
                if record.error != nil { failures += 1 }
                switch format {
                case .json: print(record.jsonLine())
                case .text: print(AnalysisReport.text(record))
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func url(_ path: String) -> URL { URL(fileURLWithPath: path) }

    private func inputType(for source: String, data: Data) -> InputType {
        if type != .auto { return type }
        let lowered = source.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return .html }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") { return .jsonl }
        if lowered.hasSuffix(".json") { return .json }
        if source == "-" {
            let first = data.first { !(" \t\r\n".utf8.contains($0)) }
            if first == UInt8(ascii: "{") { return .json }
            if first == UInt8(ascii: "<") { return .html }
        }
        return .text
    }

    private func records(source: String, data: Data, pipeline: Pipeline) -> [AnalysisRecord] {
        let kind = inputType(for: source, data: data)
        let override = encoding.flatMap(TextEncoding.init(label:))
        /// The same decoding as the producer's; a failure names the input.
        func decoded(_ bytes: [UInt8], _ name: String, _ contentType: ContentType) -> Result<String, IngestError> {
            BodyDecoder.decode(bytes, contentType: contentType, override: override).map(\.text).mapError { error in
                guard case .invalidUTF8(let detail) = error else { return error }
                return .invalidUTF8(detail: "\(name): \(detail)")
            }
        }
        if kind == .jsonl {
            var records: [AnalysisRecord] = []
            for (number, line) in Array(data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .enumerated()
            {
                let name = "\(source):\(number + 1)"
                switch decoded(Array(line), name, .json) {
                case .success(let body):
                    guard !body.allSatisfy(\.isWhitespace) else { continue }
                    records.append(analyze(name, body: body, contentType: .json, pipeline: pipeline))
                case .failure(let error):
                    records.append(AnalysisRecord(source: name, error: error))
                }
            }
            return records
        }
        let contentType: ContentType = kind == .html ? .html : kind == .json ? .json : .text
        let text: String
        switch decoded(Array(data), source, contentType) {
        case .success(let body): text = body
        case .failure(let error): return [AnalysisRecord(source: source, error: error)]
        }
        switch kind {
        case .jsonl:
            return []
        case .json: return [analyze(source, body: text, contentType: .json, pipeline: pipeline)]
        case .html: return [analyze(source, body: text, contentType: .html, pipeline: pipeline)]
        case .text, .auto: return [analyze(source, body: text, contentType: .text, pipeline: pipeline)]
        }
    }

    private func analyze(_ source: String, body: String, contentType: ContentType, pipeline: Pipeline) -> AnalysisRecord
    {
        // A dumped envelope is analysed as it would be on the topic.
        if contentType == .json, let envelope = try? ArticleEnvelope.decode(Array(body.utf8)) {
            return AnalysisRecord(source: source, envelope: envelope, pipeline: pipeline)
        }
        let url = source == "-" ? nil : URL(fileURLWithPath: source).absoluteString
        let envelope = ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: outlet, url: url, body: body),
            outlet: outlet,
            url: url,
            fetchedAt: ISO8601DateFormatter().string(from: Date()),
            contentType: contentType,
            body: body
        )
        return AnalysisRecord(source: source, envelope: envelope, pipeline: pipeline)
    }
}
