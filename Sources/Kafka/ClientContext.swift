import CRdKafka
import Logging

/// Swift state reachable from librdkafka callbacks through the client's opaque pointer. Every client's opaque is
/// one of these (or a subclass), so the log callback can always find a logger.
///
/// `@unchecked Sendable`: immutable here; subclasses keep their mutable state behind a `Mutex`.
class ClientContext: @unchecked Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Routes librdkafka's own log lines (syslog levels) into swift-log.
    static func installLogCallback(on conf: OpaquePointer) {
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, message in
            guard let handle, let opaque = rd_kafka_opaque(handle) else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            let swiftLevel: Logger.Level =
                switch level {
                case ...3: .error
                case 4: .warning
                case 5, 6: .info
                default: .debug
                }
            context.logger.log(
                level: swiftLevel,
                "\(message.map { String(cString: $0) } ?? "")",
                metadata: ["librdkafka": "\(facility.map { String(cString: $0) } ?? "")"]
            )
        }
    }

    /// Creates a consumer handle whose opaque is `context`, redirected to its consumer queue. Takes `conf`; on
    /// failure everything created here is freed. The caller keeps `context` alive until `rd_kafka_destroy`.
    static func makeConsumer(
        conf: OpaquePointer,
        context: ClientContext,
        role: String
    ) throws(KafkaError) -> (handle: OpaquePointer, queue: OpaquePointer) {
        installLogCallback(on: conf)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        var errorText = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            throw .local("cannot create \(role): \(cString(errorText))")
        }
        rd_kafka_poll_set_consumer(handle)
        guard let queue = rd_kafka_queue_get_consumer(handle) else {
            rd_kafka_destroy(handle)
            throw .local("\(role) has no queue")
        }
        return (handle, queue)
    }
}
