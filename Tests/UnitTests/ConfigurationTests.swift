import Foundation
import IngestStore
import Kafka
import Postgres
import Testing
import Worker

@Suite struct ConfigurationTests {
    @Test func flagsOverrideDefaults() throws {
        let command = try WorkerCommand.parse([
            "--brokers", "k1:9092,k2:9092", "--topic", "raw", "--group", "g1", "--batch-size", "64", "--threads", "3",
            "--database-url", "postgres://u@db/x", "--kafka-config", "security.protocol=SASL_SSL",
            "--pipeline-version", "v-test", "--max-body-bytes", "1000",
        ])
        let configuration = try command.resolvedConfiguration()
        #expect(configuration.brokers == "k1:9092,k2:9092")
        #expect(configuration.topic == "raw")
        #expect(configuration.group == "g1")
        #expect(configuration.batchSize == 64)
        #expect(configuration.threads == 3)
        #expect(configuration.databaseURL == "postgres://u@db/x")
        #expect(configuration.kafkaPassThrough.contains("security.protocol=SASL_SSL"))
        #expect(configuration.pipeline.version == "v-test")
        #expect(configuration.pipeline.options.maxBodyBytes == 1000)
    }

    @Test func rejectsNonPositiveNumbers() throws {
        let command = try WorkerCommand.parse(["--batch-size", "0"])
        #expect(throws: (any Error).self) { try command.resolvedConfiguration() }
    }

    @Test func passThroughNeedsKeyValue() throws {
        var configuration = KafkaConfiguration(brokers: "b")
        try configuration.apply(passThrough: ["a.b=c=d"])
        #expect(configuration["a.b"] == "c=d")
        #expect(throws: KafkaError.self) { try configuration.apply(passThrough: ["novalue"]) }
        #expect(throws: KafkaError.self) { try configuration.apply(passThrough: ["=x"]) }
    }

    @Test func secretsAreRedacted() throws {
        var configuration = KafkaConfiguration(brokers: "b:9092")
        try configuration.apply(passThrough: ["sasl.password=hunter2", "ssl.key.password=s3cret", "sasl.username=bob"])
        #expect(!configuration.description.contains("hunter2"))
        #expect(!configuration.description.contains("s3cret"))
        #expect(configuration.description.contains("sasl.username=bob"))
        let settings = PostgresSettings(url: "postgresql://writer:topsecret@db.internal:5433/news")
        #expect(!settings.description.contains("topsecret"))
        #expect(settings.description.contains("host=db.internal"))
        let conninfo = PostgresSettings(url: "host=h user=u password=pw1234 dbname=d")
        #expect(!conninfo.description.contains("pw1234"))
    }

    @Test func invalidKafkaSettingIsATypedError() {
        var configuration = KafkaConfiguration(brokers: "b")
        configuration["no.such.property"] = "1"
        #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: .init(label: "t"))
        }
    }
}

@Suite struct MigrationFileTests {
    func folder(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, sql) in files {
            try sql.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func loadsNumberedFilesInOrder() throws {
        let directory = try folder([
            "0002_b.sql": "SELECT 2;", "0001_a.sql": "SELECT 1;", "README.md": "x", "notes.sql": "SELECT 0;",
            "0010_c.sql": "SELECT 10;",
        ])
        let migrations = try Migration.load(from: directory)
        #expect(migrations.map(\.version) == [1, 2, 10])
        #expect(migrations.map(\.name) == ["0001_a", "0002_b", "0010_c"])
    }

    @Test func checksumIsTheFileSHA256() throws {
        let migration = Migration(version: 1, name: "0001_a", sql: "abc")
        #expect(migration.checksum == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Migration(version: 1, name: "0001_a", sql: "abc ").checksum != migration.checksum)
    }

    @Test func duplicateNumbersAreRefused() throws {
        let directory = try folder(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 2;"])
        #expect(throws: PostgresError.self) { try Migration.load(from: directory) }
    }

    @Test func repoMigrationsLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let migrations = try Migration.load(from: root.appendingPathComponent("Migrations"))
        #expect(migrations.first?.version == 1)
        #expect(Set(migrations.map(\.version)).count == migrations.count)
    }
}
