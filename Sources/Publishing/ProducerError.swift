/// Why the producer could not start sending.
public enum ProducerError: Error, CustomStringConvertible {
    case noBroker(brokers: String, seconds: Double, cause: String)
    case unknownTopic(topic: String, brokers: String)

    public var description: String {
        switch self {
        case .noBroker(let brokers, let seconds, let cause):
            return "no Kafka broker answered at \(brokers) within \(String(format: "%g", seconds)) s (\(cause)). "
                + "Check --brokers / KAFKA_BROKERS, and --kafka-config-file for TLS or SASL."
        case .unknownTopic(let topic, let brokers):
            return "the topic \(topic) does not exist on the cluster at \(brokers); create it, or pass --topic"
        }
    }
}
