import Foundation
import Testing

@testable import IngestConfig

@Suite struct KafkaPropertiesTests {
    @Test func readsTheClientPropertiesFormat() throws {
        let text = """
            # Confluent Cloud, as its console writes it
            ! another comment style
            bootstrap.servers=pkc-1.example.cloud:9092,pkc-2.example.cloud:9092
              security.protocol = SASL_SSL
            sasl.mechanisms:PLAIN
            sasl.username  ABCDEF
            sasl.password=p=a,s;s#word\\u00e9\\tend
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                username="u" password="p,w";
            ssl.cipher.suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384\r
            key\\=with\\:separators=v
            empty.value=

            """
        let pairs = try ClientProperties.parse(text)
        let properties = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        #expect(properties["bootstrap.servers"] == "pkc-1.example.cloud:9092,pkc-2.example.cloud:9092")
        #expect(properties["security.protocol"] == "SASL_SSL")
        #expect(properties["sasl.mechanisms"] == "PLAIN")
        #expect(properties["sasl.username"] == "ABCDEF")
        #expect(properties["sasl.password"] == "p=a,s;s#wordé\tend")
        #expect(
            properties["sasl.jaas.config"]
                == #"org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p,w";"#
        )
        #expect(properties["ssl.cipher.suites"] == "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384")
        #expect(properties["key=with:separators"] == "v")
        #expect(properties["empty.value"] == "")
        #expect(pairs.count == 9)
    }

    @Test func malformedEscapeNamesTheLine() {
        #expect(throws: ClientProperties.ParseError(line: 2, reason: "malformed \\u escape")) {
            try ClientProperties.parse("a=1\nb=\\u12\n")
        }
    }

    @Test func fileThenEnvironmentThenFlagsAndCommasSurvive() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-\(UUID()).properties")
        try "sasl.password=from,file\nsasl.username=file-user\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let options = try KafkaOptions.parse(["--kafka-config-file", file.path, "--kafka-config", "client.id=flag"])
        let environment = ["KAFKA_CONFIG": "ssl.cipher.suites=A,B\nsasl.username=env-user\nclient.id=env"]
        let pairs = try options.passThrough(environment: environment)
        #expect(
            pairs == [
                "sasl.password=from,file", "sasl.username=file-user", "ssl.cipher.suites=A,B",
                "sasl.username=env-user", "client.id=env", "client.id=flag",
            ]
        )
        // The environment names the file when the flag does not.
        let fromEnvironment = try KafkaOptions.parse([])
        #expect(try fromEnvironment.passThrough(environment: ["KAFKA_CONFIG_FILE": file.path]).count == 2)
    }

    @Test func missingFileFailsAtParseTimeNamingIt() {
        #expect {
            _ = try KafkaOptions.parse(["--kafka-config-file", "/nonexistent/client.properties"])
        } throws: { error in
            KafkaOptions.message(for: error).contains("/nonexistent/client.properties")
        }
    }
}
