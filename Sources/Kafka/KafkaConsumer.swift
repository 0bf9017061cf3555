import CRdKafka
import KafkaModel
import Logging

/// A consumer-group member with manual offsets and batch polling.
///
/// Not thread-safe by design: librdkafka 2.0.2 requires `rd_kafka_consume_batch_queue` to be called from a
/// single thread, so the instance belongs to one dedicated polling thread (never the cooperative pool).
public final class KafkaConsumer {
    private let handle: OpaquePointer
    private let queue: OpaquePointer
    private let context: RebalanceContext
    private let logger: Logger
    private var closed = false
    private var errors: [(partition: TopicPartition, offset: Int64, error: KafkaError)] = []

    /// Manual offsets (results and positions are committed to PostgreSQL, then mirrored to Kafka for lag tools),
    /// a quick session timeout so a killed worker's partitions move within seconds.
    public static func defaults(brokers: String, group: String) -> KafkaConfiguration {
        KafkaConfiguration(
            brokers: brokers,
            properties: [
                "group.id": group,
                "enable.auto.commit": "false",
                "enable.auto.offset.store": "false",
                "auto.offset.reset": "earliest",
                "session.timeout.ms": "6000",
                "heartbeat.interval.ms": "1500",
                "max.poll.interval.ms": "300000",
                "fetch.wait.max.ms": "100",
                "enable.partition.eof": "false",
            ]
        )
    }

    public init(
        configuration: KafkaConfiguration,
        topics: [String],
        handler: KafkaRebalanceHandler,
        logger: Logger
    ) throws(KafkaError) {
        let conf = try configuration.makeNativeConfiguration()
        let context = RebalanceContext(handler: handler, logger: logger)
        rd_kafka_conf_set_rebalance_cb(conf) { handle, error, partitions, opaque in
            guard let handle, let partitions, let opaque else { return }
            Unmanaged<RebalanceContext>.fromOpaque(opaque).takeUnretainedValue()
                .rebalance(handle: handle, error: error, partitions: partitions)
        }
        // Unretained inside: `context` is a stored property of this consumer, released only after rd_kafka_destroy.
        let (handle, queue) = try ClientContext.makeConsumer(conf: conf, context: context, role: "consumer")
        self.handle = handle
        self.queue = queue
        self.context = context
        self.logger = logger

        let subscription = TopicPartitionList(
            Dictionary(
                uniqueKeysWithValues: topics.map {
                    (TopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA), nil)
                }
            )
        )
        let error = subscription.withPointer { rd_kafka_subscribe(handle, $0) }
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(code: error, message: "cannot subscribe: \(String(cString: rd_kafka_err2str(error)))")
        }
    }

    deinit {
        if !closed { rd_kafka_consumer_close(handle) }
        rd_kafka_queue_destroy(queue)
        rd_kafka_destroy(handle)
    }

    /// Waits up to `timeout` for up to `maxMessages` messages. Rebalance callbacks run inside this call.
    /// Throws when the rebalance handler failed, since the partitions it was given cannot be consumed correctly.
    public func poll(maxMessages: Int, timeout: Duration) throws -> [KafkaMessage] {
        var buffer = [UnsafeMutablePointer<rd_kafka_message_t>?](repeating: nil, count: maxMessages)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            rd_kafka_consume_batch_queue(queue, KafkaMetadata.milliseconds(timeout), pointer.baseAddress, maxMessages)
        }
        if let failure = context.takeFailure() {
            for index in 0..<max(count, 0) { rd_kafka_message_destroy(buffer[index]) }
            throw failure
        }
        guard count > 0 else { return [] }
        var messages: [KafkaMessage] = []
        messages.reserveCapacity(count)
        for index in 0..<count {
            guard let message = buffer[index] else { continue }
            defer { rd_kafka_message_destroy(message) }
            let error = message.pointee.err
            if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                messages.append(KafkaMessage(copying: message))
            } else if error != RD_KAFKA_RESP_ERR__PARTITION_EOF && message.pointee.rkt == nil {
                // A client-level event (a broker down, a transport error) skips no offset: log it only.
                logger.warning("consumer error", metadata: ["error": "\(KafkaError(code: error))"])
            } else if error != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                // Kept for the caller to record: a skipped message or offset reset is a gap, not a log line.
                let text = message.pointee.payload.map {
                    String(decoding: UnsafeRawBufferPointer(start: $0, count: message.pointee.len), as: UTF8.self)
                }
                let topic = String(cString: rd_kafka_topic_name(message.pointee.rkt))
                errors.append(
                    (
                        TopicPartition(topic: topic, partition: message.pointee.partition),
                        message.pointee.offset,
                        KafkaError(code: error, message: text.flatMap { $0.isEmpty ? nil : $0 })
                    )
                )
            }
        }
        return messages
    }

    /// Consumer error events (a message-level error, an offset reset) that polls returned since the last call,
    /// with the partition and offset librdkafka gave (the offset may be negative when unknown).
    public func takeErrors() -> [(partition: TopicPartition, offset: Int64, error: KafkaError)] {
        defer { errors = [] }
        return errors
    }

    /// Commits next offsets to Kafka's group coordinator, for lag tools. The authoritative positions live in
    /// PostgreSQL, so an asynchronous commit that is lost only makes the reported lag briefly stale.
    public func commit(_ offsets: [TopicPartition: Int64], synchronous: Bool = false) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(offsets.mapValues { Optional($0) })
        let error = list.withPointer { rd_kafka_commit(handle, $0, synchronous ? 0 : 1) }
        if error != RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw KafkaError(code: error)
        }
    }

    /// Moves the fetch position of assigned partitions (after a fencing conflict, to the stored position).
    public func seek(_ offsets: [TopicPartition: Int64], timeout: Duration = .seconds(10)) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(offsets.mapValues { Optional($0) })
        if let error = list.withPointer({ rd_kafka_seek_partitions(handle, $0, KafkaMetadata.milliseconds(timeout)) }) {
            throw KafkaError(consuming: error)
        }
    }

    /// The offset that means "the first message still in the log".
    public static let beginning = Int64(RD_KAFKA_OFFSET_BEGINNING)

    /// The partitions Kafka currently assigns to this consumer.
    public func assignment() throws(KafkaError) -> Set<TopicPartition> {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let error = rd_kafka_assignment(handle, &list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(code: error) }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return Set(TopicPartitionList.entries(of: list).map(\.0))
    }

    /// Leaves the group: revokes the assignment (calling the handler) and stops fetching.
    public func close() {
        guard !closed else { return }
        closed = true
        let error = rd_kafka_consumer_close(handle)
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close", metadata: ["error": "\(KafkaError(code: error))"])
        }
    }

    public var metadata: KafkaMetadata { KafkaMetadata(handle: handle, owner: self) }
}

extension KafkaMetadata {
    static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
