import ArgumentParser
import Foundation

/// Resolves a setting: the flag wins, then the environment variable, then the default.
public func resolveSetting(_ flag: String?, environment key: String, default fallback: String) -> String {
    if let flag, !flag.isEmpty { return flag }
    if let value = ProcessInfo.processInfo.environment[key], !value.isEmpty { return value }
    return fallback
}

/// Kafka connection flags shared by every command. Defaults are resolved at run time, never shown in `--help`,
/// so secrets in the environment cannot leak into help output.
public struct KafkaOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("brokers"), help: "Kafka bootstrap servers (env KAFKA_BROKERS, default localhost:9092).")
    public var brokersFlag: String?

    @Option(name: .customLong("kafka-config"), help: "Extra librdkafka property key=value (repeatable), e.g. TLS/SASL.")
    public var kafkaConfig: [String] = []

    public init() {}

    public var brokers: String { resolveSetting(brokersFlag, environment: "KAFKA_BROKERS", default: "localhost:9092") }

    /// Pass-through properties: `--kafka-config` flags, then `KAFKA_CONFIG` (comma-separated key=value).
    public var passThrough: [String] {
        let fromEnvironment = (ProcessInfo.processInfo.environment["KAFKA_CONFIG"] ?? "")
            .split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return fromEnvironment + kafkaConfig
    }
}

public struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("database-url"),
        help: "libpq URI or conninfo (env DATABASE_URL, default postgres:///newsingest)."
    )
    public var databaseURLFlag: String?

    public init() {}

    public var databaseURL: String {
        resolveSetting(databaseURLFlag, environment: "DATABASE_URL", default: "postgres:///newsingest")
    }
}

public struct TopicOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("topic"), help: "Topic of raw articles (env KAFKA_TOPIC, default articles.raw).")
    public var topicFlag: String?

    public init() {}

    public var topic: String { resolveSetting(topicFlag, environment: "KAFKA_TOPIC", default: "articles.raw") }
}
