import CRdKafka
import Foundation
import Logging
import Synchronization

/// An idempotent producer. Every `send` waits for every delivery report and returns each one, so callers know
/// exactly which messages the broker acknowledged.
///
/// `@unchecked Sendable`: a librdkafka producer handle is thread-safe, and the only Swift state (the reports
/// waiting to be collected) is behind a `Mutex`.
public final class KafkaProducer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let tracker: DeliveryTracker
    private let logger: Logger

    /// Defaults suit an ingest pipeline: idempotence (no duplicates or reordering on retry), batching with a short
    /// linger, and compression. Any of them can be overridden through `configuration`.
    public static func defaults(brokers: String) -> KafkaConfiguration {
        KafkaConfiguration(
            brokers: brokers,
            properties: [
                "enable.idempotence": "true",
                "acks": "all",
                "linger.ms": "20",
                "batch.num.messages": "10000",
                "compression.codec": "lz4",
                "message.timeout.ms": "120000",
                "partitioner": "murmur2_random",
            ]
        )
    }

    public init(configuration: KafkaConfiguration, logger: Logger) throws(KafkaError) {
        let conf = try configuration.makeNativeConfiguration()
        let tracker = DeliveryTracker(logger: logger)
        ClientContext.installLogCallback(on: conf)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let message, let opaque else { return }
            Unmanaged<DeliveryTracker>.fromOpaque(opaque).takeUnretainedValue().record(message)
        }
        // Unretained: `tracker` is a stored property of this producer and outlives the handle (see deinit).
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(tracker).toOpaque())
        var errorText = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)  // still ours when rd_kafka_new fails
            throw .local("cannot create producer: \(cString(errorText))")
        }
        self.handle = handle
        self.tracker = tracker
        self.logger = logger
    }

    deinit {
        rd_kafka_flush(handle, 10_000)
        rd_kafka_destroy(handle)
    }

    /// Produces every message and blocks until each has a delivery report or `timeout` passes. Reports come back
    /// in the order of `messages`. Call it off the cooperative pool (it blocks).
    public func send(_ messages: [KafkaOutgoingMessage], timeout: Duration = .seconds(150)) -> [KafkaDeliveryReport] {
        let deadline = ContinuousClock.now + timeout
        var ids: [UInt] = []
        ids.reserveCapacity(messages.count)
        var immediate: [UInt: KafkaDeliveryReport] = [:]
        for message in messages {
            let id = tracker.nextID()
            ids.append(id)
            while true {
                let result = produce(message, id: id)
                if result == RD_KAFKA_RESP_ERR__QUEUE_FULL, ContinuousClock.now < deadline {
                    rd_kafka_poll(handle, 50)  // serve delivery reports to make room
                    continue
                }
                if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                    immediate[id] = KafkaDeliveryReport(
                        topic: message.topic,
                        partition: message.partition ?? -1,
                        offset: -1,
                        error: KafkaError(code: result)
                    )
                }
                break
            }
        }
        var pending = Set(ids).subtracting(immediate.keys)
        while !pending.isEmpty {
            rd_kafka_poll(handle, 50)
            pending.subtract(tracker.completed(among: pending))
            if ContinuousClock.now >= deadline { break }
        }
        // Reports that come after the deadline are dropped when they arrive instead of being kept forever.
        tracker.abandon(pending.subtracting(tracker.completed(among: pending)))
        return zip(ids, messages).map { id, message in
            if let report = immediate[id] { return report }
            return tracker.take(id)
                ?? KafkaDeliveryReport(
                    topic: message.topic,
                    partition: message.partition ?? -1,
                    offset: -1,
                    error: KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT, message: "no delivery report before timeout")
                )
        }
    }

    /// Sends one message and returns its report, throwing when it was not acknowledged.
    @discardableResult
    public func sendOne(
        _ message: KafkaOutgoingMessage,
        timeout: Duration = .seconds(150)
    ) throws(KafkaError)
        -> KafkaDeliveryReport
    {
        let report = send([message], timeout: timeout)[0]
        if let error = report.error { throw error }
        return report
    }

    /// Waits for everything in flight; returns false if some messages were still undelivered at the deadline.
    /// Delivery reports held for senders, for tests.
    var retainedReports: Int { tracker.retained }

    public func flush(timeout: Duration) -> Bool {
        rd_kafka_flush(handle, Int32(timeout.components.seconds * 1000)) == RD_KAFKA_RESP_ERR_NO_ERROR
    }

    /// The fatal error this producer has hit, if any: once set, every send fails and the producer must be replaced.
    public var fatalError: KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(handle, &text, text.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(code: code, message: cString(text), isFatal: true)
    }

    /// Puts the producer in the fatal state an idempotence failure would (librdkafka's `rd_kafka_test_fatal_error`),
    /// so fault tests can check that callers replace it.
    public func raiseFatalError(reason: String) {
        _ = rd_kafka_test_fatal_error(handle, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, reason)
    }

    /// Partitions and watermarks of a topic, through this producer's connection.
    public var metadata: KafkaMetadata { KafkaMetadata(handle: handle, owner: self) }

    private func produce(_ message: KafkaOutgoingMessage, id: UInt) -> rd_kafka_resp_err_t {
        var headers: OpaquePointer? = nil
        if !message.headers.isEmpty {
            headers = rd_kafka_headers_new(message.headers.count)
            for header in message.headers {
                _ = header.value.withUnsafeBytes { bytes in
                    rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                }
            }
        }
        let partition = message.partition ?? RD_KAFKA_PARTITION_UA
        let result = message.value.withUnsafeBytes { value in
            withOptionalBytes(message.key) { key in
                newsingest_produce(
                    handle,
                    message.topic,
                    partition,
                    key.baseAddress,
                    key.count,
                    value.baseAddress,
                    value.count,
                    headers,
                    UnsafeMutableRawPointer(bitPattern: id)
                )
            }
        }
        if result != RD_KAFKA_RESP_ERR_NO_ERROR, let headers { rd_kafka_headers_destroy(headers) }
        return result
    }
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    guard let bytes else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    return bytes.withUnsafeBytes(body)
}
