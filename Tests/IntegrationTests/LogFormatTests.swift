import Blocking
import Foundation
import Postgres
import Testing

/// `LOG_FORMAT=json` and `LOG_LEVEL` as the binaries apply them: every log line on stderr is one JSON object.
@Suite struct LogFormatTests {
    static func jsonLines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test func ingestctlAndTheProducerLogJSONObjects() async throws {
        try await Blocking.run {
            let server = try TestEnvironment.serverConninfo()
            try TestEnvironment.clusterRoles.get()
            let admin = try TestEnvironment.connect(server + " dbname=postgres")
            let name = "t_logjson_\(UInt32.random(in: 0...UInt32.max))"
            try admin.execute(script: "CREATE DATABASE \(name)")
            defer { try? admin.execute(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            let migrate = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["migrate"],
                environment: [
                    "DATABASE_URL": server + " dbname=\(name)", "LOG_FORMAT": "json", "LOG_LEVEL": "info",
                    "INGEST_MIGRATIONS_DIR": TestEnvironment.packageRoot.appendingPathComponent("Migrations").path,
                ]
            )
            #expect(migrate.wait(timeout: .seconds(60)) == 0, "\(migrate.output)")
            let applied = try Self.jsonLines(migrate.output).filter { $0["message"] as? String == "applied migration" }
            let files = try FileManager.default.contentsOfDirectory(
                atPath: TestEnvironment.packageRoot.appendingPathComponent("Migrations").path
            ).filter { $0.hasSuffix(".sql") }
            #expect(applied.count == files.count, "\(migrate.output)")
            #expect(
                applied.allSatisfy {
                    // Migration names start with their four-digit number (0001_baseline ... 0011_...).
                    ($0["migration"] as? String)?.prefix(4).allSatisfy(\.isNumber) == true
                        && $0["level"] as? String == "info"
                }
            )
            // No plain-text log line: the rest of the output is the command's own report on stdout.
            #expect(!migrate.output.contains(" info ingestctl"), "\(migrate.output)")

            // The producer's librdkafka errors, at LOG_LEVEL=error, are JSON too; warnings are filtered out.
            let producer = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                ["--brokers", "127.0.0.1:\(try HTTPProbe.freePort())", "--connect-timeout", "1", "-"],
                environment: ["LOG_FORMAT": "json", "LOG_LEVEL": "error"],
                stdin: Pipe()
            )
            #expect(producer.wait(timeout: .seconds(30)) == 1)
            let logged = try Self.jsonLines(producer.output)
            #expect(!logged.isEmpty, "\(producer.output)")
            #expect(logged.allSatisfy { ["error", "critical"].contains($0["level"] as? String) })
            #expect(logged.allSatisfy { $0["logger"] as? String == "ingest-producer" })
        }
    }
}
