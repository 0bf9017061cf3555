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

    @Option(help: "Articles sent per acknowledged chunk.")
    var chunkSize: Int = 2000

    @Option(help: "Seconds to wait for delivery reports.")
    var timeout: Int = 120

    public init() {}

    public func run() throws {
        var logger = Logger(label: "ingest-producer")
        logger.logLevel = .warning
        let reader = ArticleReader(outletOverride: outlet)
        let started = ContinuousClock.now
        let fetchedAt = Date()

        var articles: [RawArticle] = []
        var skipped: [String] = []
        let fileArguments = paths.filter { $0 != "-" }
        if paths.isEmpty || paths.contains("-") {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            articles += reader.articles(
                in: String(decoding: data, as: UTF8.self),
                format: stdinFormat,
                origin: "stdin",
                defaultOutlet: outlet ?? "stdin"
            )
        }
        let expanded = try reader.expand(fileArguments)
        skipped = expanded.skipped
        for file in expanded.files { articles += try reader.read(file: file) }

        var configuration = KafkaProducer.defaults(brokers: kafka.brokers)
        try configuration.apply(passThrough: kafka.passThrough)
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        // Name an unreachable cluster within seconds, instead of after every article's delivery timeout.
        do {
            _ = try producer.metadata.topicNames(timeout: .seconds(15))
        } catch {
            throw ValidationError("no Kafka broker answered at \(kafka.brokers) within 15 s (\(error))")
        }
        let progress = Progress(total: articles.count, interactive: isatty(STDERR_FILENO) != 0)

        var failures: [(String, KafkaError)] = []
        var bytes = 0
        for chunkStart in stride(from: 0, to: articles.count, by: max(1, chunkSize)) {
            let chunk = articles[chunkStart..<min(chunkStart + max(1, chunkSize), articles.count)]
            let messages = chunk.map { article -> KafkaOutgoingMessage in
                let envelope = ArticleReader.envelope(for: article, fetchedAt: fetchedAt)
                let value = envelope.encoded()
                bytes += value.count
                return KafkaOutgoingMessage(
                    topic: topicOptions.topic,
                    key: Array(envelope.key.utf8),
                    value: value,
                    headers: [
                        KafkaHeader(key: "content-type", string: "application/vnd.newsingest.article+json; v=1"),
                        KafkaHeader(key: "outlet", string: envelope.outlet),
                    ]
                )
            }
            let reports = producer.send(messages, timeout: .seconds(timeout))
            for (article, report) in zip(chunk, reports) {
                if let error = report.error { failures.append((article.origin, error)) }
            }
            progress.update(done: chunkStart + chunk.count, bytes: bytes, elapsed: ContinuousClock.now - started)
        }
        progress.finish()

        let elapsed = ContinuousClock.now - started
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 1e-6)
        let acknowledged = articles.count - failures.count
        print(
            "published \(acknowledged)/\(articles.count) articles, \(bytes) bytes to \(topicOptions.topic) in "
                + String(format: "%.2fs (%.0f articles/s)", seconds, Double(acknowledged) / seconds)
                + (skipped.isEmpty ? "" : "; skipped \(skipped.count) unsupported files")
        )
        if !failures.isEmpty {
            for (origin, error) in failures.prefix(50) {
                FileHandle.standardError.write(Data("not acknowledged: \(origin): \(error)\n".utf8))
            }
            if failures.count > 50 {
                FileHandle.standardError.write(Data("... and \(failures.count - 50) more\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}

/// A single updating line on a terminal; nothing until the summary otherwise.
final class Progress {
    let total: Int
    let interactive: Bool

    init(total: Int, interactive: Bool) {
        self.total = total
        self.interactive = interactive
    }

    func update(done: Int, bytes: Int, elapsed: Duration) {
        guard interactive else { return }
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 1e-6)
        let line = String(
            format: "\r%d/%d articles  %.1f MB  %.0f articles/s ",
            done,
            total,
            Double(bytes) / 1_048_576,
            Double(done) / seconds
        )
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
