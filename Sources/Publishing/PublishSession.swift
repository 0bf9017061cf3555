import Foundation
import IngestCore
import Kafka

/// Sends articles as they are read, in acknowledged chunks, keeping only one chunk in memory, and counts what
/// happened for the progress display and the summary.
public final class PublishSession {
    let producer: KafkaProducer
    let topic: String
    let chunkSize: Int
    let timeout: Duration
    /// Each article's fetch time is when the session reads it: claims and stories are ordered by it (first_seen),
    /// so one time for a whole run would leave their order to fingerprints, unrelated to arrival. Formatted once per
    /// millisecond (the envelope's resolution).
    private let clock: () -> Date
    private let formatter = ArticleReader.fetchedAtFormatter()
    private var formatted: (millisecond: Int64, text: String) = (.min, "")

    private var pending: [(origin: String, message: KafkaOutgoingMessage)] = []
    public private(set) var articles = 0
    public private(set) var acknowledged = 0
    public private(set) var valueBytes = 0
    /// The first 50 failures, with their origin; `failedCount` counts them all.
    public private(set) var failures: [(origin: String, error: KafkaError)] = []
    public private(set) var failedCount = 0
    /// Inputs sent undecoded (not UTF-8, no charset): the first 20 with the reason, and how many in all.
    public private(set) var undecoded: [(origin: String, problem: String)] = []
    public private(set) var undecodedCount = 0
    /// Called after each chunk is acknowledged.
    var onChunk: () -> Void = {}

    /// `clock` gives each article's fetch time (tests fix it).
    public init(
        producer: KafkaProducer,
        topic: String,
        chunkSize: Int,
        timeout: Duration,
        clock: @escaping () -> Date = Date.init
    ) {
        self.producer = producer
        self.topic = topic
        self.chunkSize = max(1, chunkSize)
        self.timeout = timeout
        self.clock = clock
    }

    /// The fetch time of an article read now.
    private func fetchedAt() -> String {
        let time = clock()
        let millisecond = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        if millisecond != formatted.millisecond {
            formatted = (millisecond, formatter.string(from: Date(timeIntervalSince1970: Double(millisecond) / 1000)))
        }
        return formatted.text
    }

    public func add(_ article: RawArticle) {
        let envelope = ArticleReader.envelope(for: article, fetchedAt: fetchedAt())
        var value: [UInt8]
        if let bytes = article.undecodedBytes {
            value = envelope.encoded(rawBody: bytes)
            undecodedCount += 1
            if undecoded.count < 20 { undecoded.append((article.origin, article.decodingProblem ?? "")) }
        } else {
            value = envelope.encoded()
        }
        valueBytes += value.count
        articles += 1
        pending.append(
            (
                article.origin,
                KafkaOutgoingMessage(
                    topic: topic,
                    key: Array(envelope.key.utf8),
                    value: value,
                    headers: [
                        KafkaHeader(key: "content-type", string: "application/vnd.newsingest.article+json; v=1"),
                        KafkaHeader(key: "outlet", string: envelope.outlet),
                    ]
                )
            )
        )
        if pending.count >= chunkSize { flush() }
    }

    /// Sends what is pending and waits for its delivery reports.
    public func flush() {
        guard !pending.isEmpty else { return }
        let reports = producer.send(pending.map(\.message), timeout: timeout)
        for (item, report) in zip(pending, reports) {
            if let error = report.error {
                failedCount += 1
                if failures.count < 50 { failures.append((item.origin, error)) }
            } else {
                acknowledged += 1
            }
        }
        pending.removeAll(keepingCapacity: true)
        onChunk()
    }
}
