import CRdKafka

/// librdkafka properties (`bootstrap.servers`, `security.protocol`, ...). Secrets are never printed.
public struct KafkaConfiguration: Sendable, CustomStringConvertible {
    public var properties: [String: String]

    public init(brokers: String, properties: [String: String] = [:]) {
        self.properties = properties
        self.properties["bootstrap.servers"] = brokers
    }

    public subscript(key: String) -> String? {
        get { properties[key] }
        set { properties[key] = newValue }
    }

    /// Adds `key=value` pairs from the command line (`--kafka-config`), for TLS and SASL in production.
    public mutating func apply(passThrough pairs: [String]) throws(KafkaError) {
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw .local("--kafka-config expects key=value, got a value without '='")
            }
            properties[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
    }

    static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "sasl.jaas", "key.pem", "token", "credentials"].contains {
            lowered.contains($0)
        }
    }

    public var description: String {
        properties.keys.sorted().map { key in
            "\(key)=\(Self.isSecret(key) ? "[redacted]" : properties[key]!)"
        }.joined(separator: " ")
    }

    /// A new `rd_kafka_conf_t`, owned by the caller until it is handed to `rd_kafka_new`.
    func makeNativeConfiguration() throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else { throw .local("rd_kafka_conf_new failed") }
        var errorText = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorText, errorText.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let reason = cString(errorText)
                // librdkafka echoes values in some messages; keep secrets out of the error.
                throw .local(Self.isSecret(key) ? "invalid value for \(key)" : "invalid Kafka setting: \(reason)")
            }
        }
        return conf
    }
}
