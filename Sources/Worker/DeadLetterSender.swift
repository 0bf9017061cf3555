import Foundation
import IngestCore
import IngestStore
import Kafka
import Logging

/// Sends messages that cannot be processed to the dead-letter topic, and returns the records to store for them.
///
/// Each failed send is classified by its librdkafka code:
/// - the record itself is refused (too large for the producer or the broker): it is sent again without its
///   payload, as headers plus a prefix, with the original size in `x-original-size`; the whole payload is then
///   kept in PostgreSQL (`ingest_errors.payload`);
/// - the idempotent producer is in a fatal state: a new producer is made and the send retried;
/// - the topic is missing or not writable: ``WorkerError/deadLetterTopicUnusable(topic:reason:)``, since no
///   retry can help and skipping the message would lose it;
/// - anything else (broker down, timeout, leader change) is retried with backoff until it succeeds or the
///   worker is asked to stop.
///
/// Only records not yet acknowledged are sent again, so a retry never publishes an acknowledged one twice.
final class DeadLetterSender {
    /// What a record carries in place of a payload the topic refused: enough to recognise the message.
    static let truncatedPrefixBytes = 16 * 1024

    private let configuration: WorkerConfiguration
    private let producerConfiguration: KafkaConfiguration
    private let logger: Logger
    private var producer: KafkaProducer
    /// Records larger than this are truncated before sending: the producer would refuse them anyway.
    let maxRecordBytes: Int

    init(configuration: WorkerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        var producerConfiguration = KafkaProducer.defaults(brokers: configuration.brokers)
        producerConfiguration["message.max.bytes"] = String(configuration.deadLetterMessageMaxBytes)
        try producerConfiguration.apply(passThrough: configuration.kafkaPassThrough)
        producerConfiguration["linger.ms"] = "5"
        self.producerConfiguration = producerConfiguration
        // A --kafka-config override of message.max.bytes moves the threshold with it.
        let messageMaxBytes = Int(producerConfiguration["message.max.bytes"] ?? "") ?? 1_000_000
        maxRecordBytes =
            messageMaxBytes - (configuration.deadLetterMessageMaxBytes - configuration.deadLetterPayloadLimit)
        producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
    }

    /// The current producer, for fault tests.
    var currentProducer: KafkaProducer { producer }

    func send(
        _ failed: [(KafkaMessage, IngestError)],
        stop: StopSignal,
        onRetry: () -> Void
    ) throws -> [ErrorResult] {
        guard !failed.isEmpty else { return [] }
        let failedAt = ISO8601DateFormatter().string(from: Date())
        var records = failed.map { message, error in record(for: message, error: error, failedAt: failedAt) }
        var truncated = zip(records, failed).map { record, failure in record.value.count < failure.0.value.count }
        var acknowledged: [KafkaDeliveryReport?] = Array(repeating: nil, count: records.count)
        var delay = Duration.milliseconds(200)
        while true {
            let pending = acknowledged.indices.filter { acknowledged[$0] == nil }
            if pending.isEmpty { break }
            let reports = producer.send(pending.map { records[$0] }, timeout: .seconds(30))
            var transient: KafkaError?
            for (index, report) in zip(pending, reports) {
                guard let error = report.error else {
                    acknowledged[index] = report
                    continue
                }
                if error.isRecordRejected && !truncated[index] {
                    logger.warning(
                        "dead-letter record refused; resending it without its payload",
                        metadata: ["error": "\(error)", "bytes": "\(failed[index].0.value.count)"]
                    )
                    records[index] = Self.withoutPayload(records[index], original: failed[index].0.value)
                    truncated[index] = true
                } else if error.isTopicUnusable || error.isRecordRejected {
                    throw WorkerError.deadLetterTopicUnusable(topic: configuration.deadLetterTopic, reason: "\(error)")
                } else {
                    transient = error
                }
            }
            if let fatal = producer.fatalError ?? transient.flatMap({ $0.isProducerFatal ? $0 : nil }) {
                logger.error("dead-letter producer failed fatally; replacing it", metadata: ["error": "\(fatal)"])
                producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
                continue
            }
            guard let transient else { continue }  // only refused records to resend: at once
            onRetry()
            logger.warning("dead-letter write failed; retrying", metadata: ["error": "\(transient)"])
            if stop.isRequested { throw WorkerError.stoppedDuringRetry }
            Thread.sleep(forTimeInterval: delay.seconds)
            delay = min(delay * 2, .seconds(5))
        }
        return failed.indices.map { index in
            let (message, error) = failed[index]
            let report = acknowledged[index]!
            return ErrorResult(
                origin: MessageOrigin(topic: message.topic, partition: message.partition, offset: message.offset),
                errorClass: error.errorClass,
                message: error.description,
                messageKey: message.key,
                payloadBytes: message.value.count,
                dlqTopic: report.topic,
                dlqPartition: report.partition,
                dlqOffset: report.offset,
                storedPayload: truncated[index] ? message.value : nil
            )
        }
    }

    private func record(for message: KafkaMessage, error: IngestError, failedAt: String) -> KafkaOutgoingMessage {
        let record = KafkaOutgoingMessage(
            topic: configuration.deadLetterTopic,
            key: message.key,
            value: message.value,
            headers: [
                KafkaHeader(key: "x-error-class", string: error.errorClass),
                KafkaHeader(key: "x-error-message", string: error.description),
                KafkaHeader(key: "x-origin-topic", string: message.topic),
                KafkaHeader(key: "x-origin-partition", string: String(message.partition)),
                KafkaHeader(key: "x-origin-offset", string: String(message.offset)),
                KafkaHeader(key: "x-worker", string: configuration.workerID),
                KafkaHeader(key: "x-pipeline-version", string: configuration.pipeline.version),
                KafkaHeader(key: "x-failed-at", string: failedAt),
            ]
        )
        return message.value.count > maxRecordBytes ? Self.withoutPayload(record, original: message.value) : record
    }

    /// The record with only a prefix of the payload, marked so readers (and `ingestctl dlq retry`) know the whole
    /// message is in PostgreSQL.
    static func withoutPayload(_ record: KafkaOutgoingMessage, original: [UInt8]) -> KafkaOutgoingMessage {
        var record = record
        record.value = Array(original.prefix(truncatedPrefixBytes))
        record.headers.append(KafkaHeader(key: "x-payload-truncated", string: "true"))
        record.headers.append(KafkaHeader(key: "x-original-size", string: String(original.count)))
        return record
    }
}
