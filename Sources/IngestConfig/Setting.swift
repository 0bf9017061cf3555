import ArgumentParser
import Foundation

/// One setting: its flag, the environment variable behind it, and its default, each written once, in the `static let`
/// that documents it. The flags' help, the resolvers and the README's settings table (a unit test compares them)
/// all read it from there.
public struct Setting: Sendable {
    /// The long flag, without its dashes.
    public let flag: String
    public let environment: String
    /// Used when neither the flag nor the environment gives a value; empty when the default is worked out at run
    /// time (all cores, the build's version) or when unset means off.
    public let defaultValue: String
    /// The default as `--help` and the README show it.
    public let shownDefault: String

    public init(flag: String, environment: String, defaultValue: String = "", shownDefault: String? = nil) {
        self.flag = flag
        self.environment = environment
        self.defaultValue = defaultValue
        self.shownDefault = shownDefault ?? (defaultValue.isEmpty ? "none" : defaultValue)
    }

    /// The flag wins, then the environment variable, then the default, then `runTimeDefault` (for a default worked
    /// out at run time; empty when there is none).
    public func resolve(
        _ flagValue: String?,
        default runTimeDefault: @autoclosure () -> String = "",
        environment values: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let flagValue, !flagValue.isEmpty { return flagValue }
        if let value = values[environment], !value.isEmpty { return value }
        return defaultValue.isEmpty ? runTimeDefault() : defaultValue
    }

    /// A positive whole number; the error names the environment variable.
    public func resolvePositive(_ flagValue: Int?, default runTimeDefault: @autoclosure () -> Int? = nil) throws -> Int
    {
        let text = resolve(flagValue.map(String.init), default: runTimeDefault().map(String.init) ?? "")
        guard let value = Int(text), value > 0 else {
            throw ValidationError("\(environment) must be a positive integer")
        }
        return value
    }

    /// `--help` text: what it is, then where else it comes from and its default. The default is the documented
    /// one, never the environment's value, so secrets in the environment cannot leak into help output.
    public func help(_ summary: String) -> String {
        "\(summary) (env \(environment), default \(shownDefault))."
    }
}

extension Setting {
    /// Kafka bootstrap servers.
    public static let brokers = Setting(flag: "brokers", environment: "KAFKA_BROKERS", defaultValue: "localhost:9092")
    /// Where results are stored.
    public static let databaseURL = Setting(
        flag: "database-url",
        environment: "DATABASE_URL",
        defaultValue: "postgres:///newsingest"
    )
    /// The topic producers write raw articles to and workers read.
    public static let topic = Setting(flag: "topic", environment: "KAFKA_TOPIC", defaultValue: "articles.raw")
    /// The consumer group the workers form; `ingestctl status`, `verify` and `replay` name it too.
    public static let group = Setting(flag: "group", environment: "KAFKA_GROUP", defaultValue: "newsingest-workers")
    /// A librdkafka properties file (TLS, SASL secrets).
    public static let kafkaConfigFile = Setting(flag: "kafka-config-file", environment: "KAFKA_CONFIG_FILE")
    /// Non-secret librdkafka properties, `key=value`.
    public static let kafkaConfig = Setting(flag: "kafka-config", environment: "KAFKA_CONFIG")
}

extension Option {
    /// An optional flag for `setting`: its long name, and help that names its environment variable and default.
    public init<T: ExpressibleByArgument>(_ setting: Setting, help summary: String) where Value == T? {
        self.init(name: .customLong(setting.flag), help: ArgumentHelp(setting.help(summary)))
    }
}
