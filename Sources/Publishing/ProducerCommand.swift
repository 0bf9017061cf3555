import ArgumentParser
import Foundation
import IngestConfig
import IngestCore
import Kafka
import Logging

/// `ingest-producer [PATH ...]`: publishes articles to `articles.raw`.
public struct ProducerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ingest-producer",
        abstract: "Publish articles (.txt, .html, .json, .jsonl files, folders, or stdin) to Kafka.",
        discussion: """
            Each article becomes a versioned JSON envelope keyed by a stable article key, so the same article \
            always lands on the same partition. Exits non-zero, naming the articles, if any was not acknowledged.
            """
    )

    @Argument(help: "Files or folders (searched recursively). None, or '-', reads standard input.")
    var paths: [String] = []

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var topicOptions: TopicOptions

    @Option(help: "Outlet name for every article (default: the file's folder name, or the JSON 'outlet').")
    var outlet: String?

    @Option(help: "Format of standard input: text, html, json or jsonl.")
    var stdinFormat: String = "text"

    @Option(
        help: """
            Character set of the inputs: auto (UTF-8, or the charset an HTML <meta charset> or a JSON "charset" \
            field declares), utf8, latin1 (ISO-8859-1) or cp1252 (Windows-1252).
            """
    )
    var encoding: EncodingChoice = .auto

    public enum EncodingChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
        case auto
        case utf8
        case latin1
        case cp1252

        var textEncoding: TextEncoding? {
            switch self {
            case .auto: return nil
            case .utf8: return .utf8
            case .latin1: return .latin1
            case .cp1252: return .cp1252
            }
        }
    }

    @Option(help: "Articles sent per acknowledged chunk (the most held in memory at once).")
    var chunkSize: Int = 1000

    @Option(help: "Seconds to wait for delivery reports.")
    var timeout: Int = 120

    @Option(help: "Seconds to wait for a broker to answer before giving up.")
    var connectTimeout: Double = 5

    @Option(help: "Progress on stderr: auto (a bar on a terminal, plain lines otherwise), bar, lines or off.")
    var progress: ProgressChoice = .auto

    @Option(help: "Seconds between plain progress lines.")
    var progressInterval: Double = 5

    public enum ProgressChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
        case auto
        case bar
        case lines
        case off
    }

    public init() {}

    public func run() throws {
        // The level comes from LOG_LEVEL (default warning: the summary line is the producer's report).
        let logger = Logger(label: "ingest-producer")
        let reader = ArticleReader(outletOverride: outlet, encoding: encoding.textEncoding)
        let started = ContinuousClock.now
        let readsStdin = paths.isEmpty || paths.contains("-")
        let expanded = try reader.expand(paths.filter { $0 != "-" })
        let totalBytes: Int? = readsStdin ? nil : expanded.files.reduce(0) { $0 + $1.size }

        var configuration = KafkaProducer.defaults(brokers: kafka.brokers)
        try configuration.apply(passThrough: kafka.passThrough)
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        try checkBrokers(producer)

        let mode: ProgressReporter.Mode
        switch progress {
        case .auto: mode = isatty(STDERR_FILENO) != 0 ? .bar : .lines
        case .bar: mode = .bar
        case .lines: mode = .lines
        case .off: mode = .off
        }
        let reporter = ProgressReporter(mode: mode, interval: .milliseconds(Int64(progressInterval * 1000))) {
            FileHandle.standardError.write(Data($0.utf8))
        }
        let session = PublishSession(
            producer: producer,
            topic: topicOptions.topic,
            chunkSize: chunkSize,
            timeout: .seconds(timeout)
        )
        var bytesDone = 0
        var stream: LineStream?
        func snapshot() -> ProgressReporter.Snapshot {
            ProgressReporter.Snapshot(
                articles: session.acknowledged + session.failedCount,
                failed: session.failedCount,
                bytesRead: bytesDone + (stream?.bytesRead ?? 0),
                totalBytes: totalBytes,
                elapsed: ContinuousClock.now - started
            )
        }
        session.onChunk = { reporter.update(snapshot()) }

        if readsStdin {
            if ["jsonl", "ndjson"].contains(stdinFormat) {
                try publishLines(LineStream(handle: .standardInput), origin: "stdin", outlet: outlet ?? "stdin")
            } else {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                reader.articles(in: Array(data), format: stdinFormat, origin: "stdin", defaultOutlet: outlet ?? "stdin")
                    .forEach(session.add)
                bytesDone += data.count
            }
        }
        for file in expanded.files {
            if ["jsonl", "ndjson"].contains(file.format) {
                // Counted line by line as the stream is read.
                try publishLines(LineStream(path: file.path), origin: file.path, outlet: reader.defaultOutlet(of: file))
            } else {
                try reader.read(file: file).forEach(session.add)
                bytesDone += file.size
            }
            reporter.update(snapshot())
        }
        session.flush()
        reporter.finish(snapshot())

        /// A JSON Lines feed, sent line by line as it is read.
        func publishLines(_ lines: LineStream, origin: String, outlet: String) throws {
            stream = lines
            defer {
                bytesDone += lines.bytesRead
                stream = nil
            }
            var number = 0
            while let line = try lines.next() {
                number += 1
                if let article = reader.jsonLine(Array(line), origin: "\(origin):\(number)", defaultOutlet: outlet) {
                    session.add(article)
                }
            }
        }

        let seconds = max((ContinuousClock.now - started).secondsValue, 1e-6)
        print(
            "published \(session.acknowledged)/\(session.articles) articles, \(session.valueBytes) bytes to "
                + "\(topicOptions.topic) in "
                + String(format: "%.2fs (%.0f articles/s)", seconds, Double(session.acknowledged) / seconds)
                + (expanded.skipped.isEmpty ? "" : "; skipped \(expanded.skipped.count) unsupported files")
        )
        if session.undecodedCount > 0 {
            var warning =
                "warning: \(session.undecodedCount) inputs are not UTF-8 and declare no charset; sent as "
                + "they are, so workers dead-letter them (class invalid-utf8). Pass --encoding latin1 or cp1252 if "
                + "you know their encoding:\n"
            for (origin, problem) in session.undecoded { warning += "  \(origin): \(problem)\n" }
            if session.undecodedCount > session.undecoded.count {
                warning += "  ... and \(session.undecodedCount - session.undecoded.count) more\n"
            }
            FileHandle.standardError.write(Data(warning.utf8))
        }
        if session.failedCount > 0 {
            for (origin, error) in session.failures {
                FileHandle.standardError.write(Data("not acknowledged: \(origin): \(error)\n".utf8))
            }
            if session.failedCount > session.failures.count {
                let more = session.failedCount - session.failures.count
                FileHandle.standardError.write(Data("... and \(more) more\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    /// Asks the cluster for the topic's partitions before reading anything, so an unreachable broker or a missing
    /// topic is reported within seconds, naming the brokers, rather than after the delivery timeout.
    private func checkBrokers(_ producer: KafkaProducer) throws {
        let seconds = max(connectTimeout, 0.1)
        do {
            _ = try producer.metadata.partitions(
                of: topicOptions.topic,
                timeout: .milliseconds(Int64(seconds * 1000))
            )
        } catch {
            if error.codeName.contains("UNKNOWN_TOPIC") {
                throw ProducerError.unknownTopic(topic: topicOptions.topic, brokers: kafka.brokers)
            }
            throw ProducerError.noBroker(brokers: kafka.brokers, seconds: seconds, cause: "\(error)")
        }
    }
}
