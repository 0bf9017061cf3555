import ArgumentParser
import Foundation

/// Resolves a setting: the flag wins, then the environment variable, then the default.
public func resolveSetting(_ flag: String?, environment key: String, default fallback: String) -> String {
    if let flag, !flag.isEmpty { return flag }
    if let value = ProcessInfo.processInfo.environment[key], !value.isEmpty { return value }
    return fallback
}

/// Kafka connection flags shared by every command. Defaults are resolved at run time, never shown in `--help`,
/// so secrets in the environment cannot leak into help output. Secrets belong in a properties file
/// (`--kafka-config-file`), never in an argument, which any user can read in `/proc/PID/cmdline`.
public struct KafkaOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("brokers"), help: "Kafka bootstrap servers (env KAFKA_BROKERS, default localhost:9092).")
    public var brokersFlag: String?

    @Option(
        name: .customLong("kafka-config-file"),
        help: "Kafka client properties file, client.properties / kcat -F format (env KAFKA_CONFIG_FILE); for TLS/SASL."
    )
    public var kafkaConfigFile: String?

    @Option(
        name: .customLong("kafka-config"),
        help: "Extra librdkafka property key=value (repeatable); never for secrets, use --kafka-config-file."
    )
    public var kafkaConfig: [String] = []

    public init() {}

    public var brokers: String { resolveSetting(brokersFlag, environment: "KAFKA_BROKERS", default: "localhost:9092") }

    /// The properties file in use, if any: the flag, then `KAFKA_CONFIG_FILE`.
    public func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let kafkaConfigFile, !kafkaConfigFile.isEmpty { return kafkaConfigFile }
        if let path = environment["KAFKA_CONFIG_FILE"], !path.isEmpty { return path }
        return nil
    }

    public mutating func validate() throws { _ = try passThrough }

    /// Pass-through properties as `key=value`, later ones winning.
    public var passThrough: [String] {
        get throws { try passThrough(environment: ProcessInfo.processInfo.environment) }
    }

    /// The properties file, then `KAFKA_CONFIG` (the same properties format, one per line, so a comma inside a
    /// value is kept), then `--kafka-config` flags.
    public func passThrough(environment: [String: String]) throws -> [String] {
        var pairs: [(key: String, value: String)] = []
        if let path = configFile(environment: environment) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read the Kafka properties file \(path): \(error.localizedDescription)")
            }
            do { pairs += try ClientProperties.parse(text) } catch {
                throw ValidationError("Kafka properties file \(path): \(error)")
            }
        }
        if let text = environment["KAFKA_CONFIG"], !text.isEmpty {
            do { pairs += try ClientProperties.parse(text) } catch { throw ValidationError("KAFKA_CONFIG: \(error)") }
        }
        return pairs.map { "\($0.key)=\($0.value)" } + kafkaConfig
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
