import Foundation
import IngestCore
import IngestStore
import Kafka
import Logging
import Postgres
import Testing

/// Servers the integration tests use. `Scripts/test.sh` starts PostgreSQL and exports
/// `NEWSINGEST_TEST_PG` (a libpq conninfo without dbname); each test gets a database of its own.
enum TestEnvironment {
    static let logger: Logger = {
        var logger = Logger(label: "tests")
        logger.logLevel = .warning
        return logger
    }()

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func serverConninfo() throws -> String {
        guard let conninfo = ProcessInfo.processInfo.environment["NEWSINGEST_TEST_PG"], !conninfo.isEmpty else {
            throw SetupError("NEWSINGEST_TEST_PG is not set: run the tests through Scripts/test.sh")
        }
        return conninfo
    }

    /// Creates an empty database with every migration applied and returns its conninfo.
    static func freshDatabase(_ label: String) throws -> String {
        let server = try serverConninfo()
        let name = "t_\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresConnection.connect(PostgresSettings(url: server + " dbname=postgres"), logger: logger)
        // CREATE DATABASE takes no parameters; the name is built from letters and digits only.
        try admin.execute(script: "CREATE DATABASE \(name)")
        let url = server + " dbname=\(name)"
        let connection = try connect(url)
        let migrations = try Migration.load(from: packageRoot.appendingPathComponent("Migrations"))
        _ = try Migrator(connection: connection, logger: logger).migrate(migrations)
        return url
    }

    static func connect(_ url: String) throws -> PostgresConnection {
        try PostgresConnection.connect(PostgresSettings(url: url, applicationName: "tests"), logger: logger)
    }

    static func executable(_ name: String) throws -> URL {
        let candidates = [
            packageRoot.appendingPathComponent(".build/debug/\(name)"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw SetupError("\(name) is not built: run `swift build` first (Scripts/test.sh does)")
        }
        return found
    }

    static func scalar(_ connection: PostgresConnection, _ query: PostgresQuery) throws -> Int64 {
        let row = try #require(try connection.query(query).rows.first)
        return try Int64.decode(row.values.first ?? nil, column: "scalar")
    }

    /// A small synthetic article; `n` makes the body (and so the content hash) unique.
    static func article(_ n: Int, outlet: String = "Test Wire") -> ArticleEnvelope {
        let body = """
            Harbour authorities reported \(n) container moves on day \(n % 97).

            "We expect traffic to keep rising," said port director Amina Osei, citing \(n * 3) bookings.
            """
        return ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
            outlet: outlet,
            fetchedAt: "2026-03-03T10:00:00.000Z",
            contentType: .text,
            body: body
        )
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func waitUntil(
        timeout: Duration,
        interval: Duration = .milliseconds(200),
        _ condition: () throws -> Bool
    ) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            Thread.sleep(
                forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds)
            )
        }
        return try condition()
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A child process whose output goes to a log file, killed when the test is done with it.
final class ChildProcess {
    let process = Process()
    let logURL: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: Pipe? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(executable.lastPathComponent)-\(UUID()).log"
        )
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        if let stdin { process.standardInput = stdin }
        try process.run()
    }

    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    /// Waits for exit up to `timeout`; returns the status, or nil if it is still running.
    func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        kill(SIGKILL)
        try? FileManager.default.removeItem(at: logURL)
    }
}
