import ArgumentParser
import Foundation

/// Kafka connection flags shared by every command. The environment is read at run time and never shown in
/// `--help` (only the documented defaults are), so secrets in it cannot leak into help output. Secrets belong in a
/// properties file (`--kafka-config-file`), never in an argument, which any user can read in `/proc/PID/cmdline`.
public struct KafkaOptions: ParsableArguments, Sendable {
    @Option(Setting.brokers, help: "Kafka bootstrap servers")
    public var brokersFlag: String?

    @Option(Setting.kafkaConfigFile, help: "Kafka client properties file (client.properties, kcat -F); for TLS/SASL")
    public var kafkaConfigFile: String?

    @Option(
        name: .customLong(Setting.kafkaConfig.flag),
        help: "Extra librdkafka property key=value (repeatable); never for secrets, use --kafka-config-file."
    )
    public var kafkaConfig: [String] = []

    public init() {}

    public var brokers: String { Setting.brokers.resolve(brokersFlag) }

    /// The properties file in use, if any: the flag, then `KAFKA_CONFIG_FILE`.
    public func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = Setting.kafkaConfigFile.resolve(kafkaConfigFile, environment: environment)
        return path.isEmpty ? nil : path
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
        if let text = environment[Setting.kafkaConfig.environment], !text.isEmpty {
            do { pairs += try ClientProperties.parse(text) } catch { throw ValidationError("KAFKA_CONFIG: \(error)") }
        }
        return pairs.map { "\($0.key)=\($0.value)" } + kafkaConfig
    }
}
