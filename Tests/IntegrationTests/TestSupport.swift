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
    /// Up to `count` messages of `topic`, read from the start by a consumer group of its own (30 s at most).
    static func readMessages(_ topic: String, count: Int, brokers: String) throws -> [KafkaMessage] {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumer.defaults(brokers: brokers, group: "reader-\(UUID())"),
            topics: [topic],
            handler: RecordingHandler(),
            logger: TestEnvironment.logger
        )
        var records: [KafkaMessage] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while records.count < count && ContinuousClock.now < deadline {
            records += try consumer.poll(maxMessages: 10, timeout: .milliseconds(200))
        }
        return records
    }

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
    /// `through`: the last migration applied (all by default), for tests of a migration on stored rows.
    static func freshDatabase(_ label: String, through last: Int = .max) throws -> String {
        let server = try serverConninfo()
        let name = "t_\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresConnection.connect(PostgresSettings(url: server + " dbname=postgres"), logger: logger)
        try clusterRoles.get()
        // CREATE DATABASE takes no parameters; the name is built from letters and digits only.
        try admin.execute(script: "CREATE DATABASE \(name)")
        let url = server + " dbname=\(name)"
        let connection = try connect(url)
        let migrations = try Migration.load(from: packageRoot.appendingPathComponent("Migrations"))
        _ = try Migrator(connection: connection, logger: logger).migrate(migrations.filter { $0.version <= last })
        return url
    }

    /// Roles are cluster-wide: on a fresh cluster, tests migrating their databases at the same moment would race
    /// to create them (0001's existence check, then a unique violation in pg_authid). So the migrations run once,
    /// alone, on a scratch database first.
    static let clusterRoles: Result<Void, any Error> = Result {
        let server = try serverConninfo()
        let admin = try PostgresConnection.connect(PostgresSettings(url: server + " dbname=postgres"), logger: logger)
        defer { admin.close() }
        let name = "t_firstmigration_\(UInt32.random(in: 0...UInt32.max))"
        try admin.execute(script: "CREATE DATABASE \(name)")
        defer { try? admin.execute(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let connection = try connect(server + " dbname=\(name)")
        defer { connection.close() }
        _ = try Migrator(connection: connection, logger: logger).migrate(
            try Migration.load(from: packageRoot.appendingPathComponent("Migrations"))
        )
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

    /// Whether session `pid` waits on a lock within 5 s, seen from `watcher`; false as soon as `finished` says the
    /// session's work is done without it.
    static func waitsOnALock(
        pid: Int64,
        watcher: PostgresConnection,
        finished: () -> Bool = { false }
    ) throws -> Bool {
        for _ in 0..<500 where !finished() {
            let waiting = try scalar(
                watcher,
                "SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid) AND wait_event_type = 'Lock'"
            )
            if waiting > 0 { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// A small synthetic article, distinct for each `n`: its sentences are drawn from a vocabulary with a generator
    /// seeded by `n`, so different articles share no sentences (as unrelated news does) and the same `n` always
    /// gives the same body.
    static func article(_ n: Int, outlet: String = "Test Wire") -> ArticleEnvelope {
        envelope(paragraphs(n).joined(separator: "\n\n"), outlet: outlet)
    }

    /// Another outlet's trimmed copy of `article(n)`: its last paragraph dropped, so it is a reprint of it.
    static func trimmedCopy(of n: Int, outlet: String = "Copy Desk") -> ArticleEnvelope {
        envelope(paragraphs(n).dropLast().joined(separator: "\n\n"), outlet: outlet)
    }

    static func paragraphs(_ n: Int) -> [String] {
        // Seeded through one SplitMix output: seeding with n·γ would put every article on one stream, shifted by
        // one word per n, and neighbouring articles would share most of their text.
        var seeding = SplitMix64(seed: UInt64(n))
        var random = SplitMix64(seed: seeding.next())
        func words(_ count: Int) -> String {
            (0..<count).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
        }
        let speaker = names[Int(random.next() % UInt64(names.count))]
        return [
            "Officials in district \(n) reported \(words(14)) on day \(n % 97).",
            "\"We expect \(words(9)),\" said \(speaker), citing \(n * 3) bookings and \(words(6)).",
            "Analysts said \(words(12)), while \(words(10)).",
        ]
    }

    static func envelope(_ body: String, outlet: String) -> ArticleEnvelope {
        ArticleEnvelope(
            key: ArticleEnvelope.stableKey(outlet: outlet, url: nil, body: body),
            outlet: outlet,
            fetchedAt: "2026-03-03T10:00:00.000Z",
            contentType: .text,
            body: body
        )
    }

    static let vocabulary: [String] = """
        harbour cargo freight tariff council budget ministry drought harvest rail strike wages inflation export import
        vessel crane union talks mediator court ruling appeal senator mayor election ballot turnout coalition reform
        pension hospital clinic vaccine outbreak flood storm bridge tunnel highway airport runway pilot airline fare
        bank lending rates bond yield currency shares index profit quarter forecast deficit surplus grain wheat maize
        fishery quota license mining copper lithium battery factory plant emissions carbon solar wind turbine grid
        outage water reservoir pipeline refinery crude diesel subsidy school teacher exam campus students police
        inquiry audit contract tender bid merger rival startup software network satellite launch orbit telescope
        museum festival stadium league coach transfer season record crowd protest petition referendum treaty border
        customs patrol refugee shelter housing rent mortgage developer permit zoning heritage archive library
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let names = [
        "Amina Osei", "Tomas Breck", "Ilse Varga", "Jonas Whitcombe", "Petra Sandholm", "Rafael Ortiz", "Mei Lin",
        "Kofi Mensah", "Sara Lindqvist", "Dmitri Volkov", "Leila Haddad", "Noah Fischer",
    ]

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
