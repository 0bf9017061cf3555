enum WorkerError: Error, CustomStringConvertible {
    case stoppedDuringRetry
    case positionBeyondLog(partition: String, stored: Int64, logEnd: Int64)
    case deadLetterTopicUnusable(topic: String, reason: String)
    case brokersUnreachable(brokers: String, reason: String)
    case systemFailure(String)

    var description: String {
        switch self {
        case .stoppedDuringRetry:
            return "stopped while retrying a transient failure; the uncommitted batch will be redone by the next owner"
        case .positionBeyondLog(let partition, let stored, let logEnd):
            return
                "\(partition): the stored position \(stored) is past the log end \(logEnd) (was the topic recreated?); "
                + "refusing to skip messages. Move the position with `ingestctl replay` first."
        case .deadLetterTopicUnusable(let topic, let reason):
            return "the dead-letter topic \(topic) cannot be written (\(reason)); create it or grant this worker "
                + "write access, then restart. No message was skipped."
        case .brokersUnreachable(let brokers, let reason):
            return "no Kafka broker answered at \(brokers) (\(reason)); check --brokers / KAFKA_BROKERS"
        case .systemFailure(let reason):
            return "stopping: the database failed for a reason that is not the input's fault (\(reason)). Offsets "
                + "were not moved; fix the cause and restart, and the batch is redone."
        }
    }
}
