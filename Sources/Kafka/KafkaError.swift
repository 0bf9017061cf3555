import CRdKafka

/// A librdkafka failure, carrying its `rd_kafka_resp_err_t` code and name (`_MSG_TIMED_OUT`, `NOT_LEADER_...`).
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// The raw `rd_kafka_resp_err_t`; negative codes are local to librdkafka, positive ones come from the broker.
    public var code: Int32
    public var codeName: String
    public var message: String
    public var isFatal: Bool
    public var isRetriable: Bool
    public var file: String
    public var line: Int

    init(
        code: rd_kafka_resp_err_t,
        message: String? = nil,
        isFatal: Bool = false,
        isRetriable: Bool? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code.rawValue
        self.codeName = String(cString: rd_kafka_err2name(code))
        self.message = message ?? String(cString: rd_kafka_err2str(code))
        self.isFatal = isFatal
        self.isRetriable = isRetriable ?? Self.retriableCodes.contains(code.rawValue)
        self.file = file
        self.line = line
    }

    /// A local error with no librdkafka code (bad configuration value, invalid argument).
    static func local(_ message: String, file: String = #fileID, line: Int = #line) -> KafkaError {
        KafkaError(code: RD_KAFKA_RESP_ERR__INVALID_ARG, message: message, file: file, line: line)
    }

    /// Takes ownership of an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer, file: String = #fileID, line: Int = #line) {
        self.init(
            code: rd_kafka_error_code(error),
            message: String(cString: rd_kafka_error_string(error)),
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            file: file,
            line: line
        )
        rd_kafka_error_destroy(error)
    }

    /// The broker will never accept this record as it is (too large, invalid): resending it unchanged fails again.
    public var isRecordRejected: Bool { Self.recordRejectedCodes.contains(code) }

    /// The topic is missing or this client may not write to it: nothing sent there can succeed until an operator
    /// acts.
    public var isTopicUnusable: Bool { Self.topicUnusableCodes.contains(code) }

    /// The idempotent producer hit a fatal error (`_FATAL`, e.g. an out-of-sequence reply): the handle is unusable
    /// and must be replaced by a new one.
    public var isProducerFatal: Bool { isFatal || code == RD_KAFKA_RESP_ERR__FATAL.rawValue }

    private static let recordRejectedCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue,  // local check (message.max.bytes) and the broker's
        RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE.rawValue,
        RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE.rawValue,
        RD_KAFKA_RESP_ERR_INVALID_RECORD.rawValue,
    ]

    private static let topicUnusableCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC.rawValue,
        RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION.rawValue,
        RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue,
        RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED.rawValue,
        RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED.rawValue,
        RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION.rawValue,
    ]

    private static let retriableCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__TRANSPORT.rawValue,
        RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue,
        RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue,
        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION.rawValue,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE.rawValue,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS.rawValue,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND.rawValue,
        RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE.rawValue,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR.rawValue,
    ]

    public var description: String {
        "Kafka error \(codeName) (\(code)): \(message)"
    }
}
