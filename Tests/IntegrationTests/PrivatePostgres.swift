import Foundation
import IngestStore
import Postgres

/// A PostgreSQL server of the test's own (initdb into a temporary folder, its own port), so a test can restart
/// it without disturbing the others. Runs the server as the `postgres` user when the tests run as root.
final class PrivatePostgres {
    let directory: URL
    private(set) var port = 0
    let binaries: URL

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw SetupError("PostgreSQL server binaries not found under /usr/lib/postgresql")
        }
        binaries = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        directory = URL(fileURLWithPath: "/tmp/newsingest-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres:postgres", directory.path]) }
        try asServerUser(
            binaries.appendingPathComponent("initdb").path,
            [
                "-D", directory.appendingPathComponent("data").path, "-U", "postgres", "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]
        )
        port = Int.random(in: 56000...59000)
        try start(movingPort: true)
    }

    var conninfo: String { "host=127.0.0.1 port=\(port) user=postgres" }

    /// Starts the server again on its port.
    func start() throws {
        try start(movingPort: false)
    }

    /// A failed start is tried again, up to five times in all. At the first start a random port may be taken (the dev
    /// broker's and other tests' listeners use random ports too), so another is drawn; right after `stop()` the old
    /// server's processes may still be exiting and hold its shared memory, so the same port is tried a second later.
    /// Either way the new postmaster exits ("stopped waiting", seen once in CI on a loaded machine).
    private func start(movingPort: Bool) throws {
        for attempt in 1...5 {
            do {
                try startOnce()
                return
            } catch  where attempt < 5 {
                if movingPort {
                    port = Int.random(in: 56000...59000)
                } else {
                    Thread.sleep(forTimeInterval: 1)
                }
            }
        }
    }

    private func startOnce() throws {
        try pgctl([
            "start", "-w", "-t", "60", "-l", directory.appendingPathComponent("server.log").path, "-o",
            "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off",
        ])
    }

    /// A stop and a start rather than `pg_ctl restart`, so a failure says which half failed; the server's log
    /// is in the error.
    func restart() throws {
        try pgctl(["stop", "-m", "fast", "-w", "-t", "60"])
        do {
            try start()
        } catch {
            let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw SetupError("restart: \(error); server log ends: \(log.suffix(2000))")
        }
    }

    func stop() {
        try? pgctl(["stop", "-m", "immediate", "-w"])
    }

    /// A database with every migration applied.
    func database(_ name: String) throws -> String {
        let admin = try PostgresConnection.connect(
            PostgresSettings(url: conninfo + " dbname=postgres"),
            logger: TestEnvironment.logger
        )
        try admin.execute(script: "CREATE DATABASE \(name)")
        let url = conninfo + " dbname=\(name)"
        let connection = try PostgresConnection.connect(PostgresSettings(url: url), logger: TestEnvironment.logger)
        let migrations = try Migration.load(from: TestEnvironment.packageRoot.appendingPathComponent("Migrations"))
        _ = try Migrator(connection: connection, logger: TestEnvironment.logger).migrate(migrations)
        return url
    }

    private func pgctl(_ arguments: [String]) throws {
        try asServerUser(
            binaries.appendingPathComponent("pg_ctl").path,
            ["-D", directory.appendingPathComponent("data").path] + arguments
        )
    }

    private func asServerUser(_ executable: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            // From `/`: the checkout may be in a folder the postgres user cannot enter (root's home), and pg_ctl
            // fails when it cannot change back to its working directory.
            try Self.run(
                "/usr/sbin/runuser",
                ["-u", "postgres", "--", "/usr/bin/env", "-C", "/", executable] + arguments
            )
        } else {
            try Self.run(executable, arguments)
        }
    }

    /// posix_spawn and waitpid, with output to a file (see ChildProcess for why not Foundation's Process).
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let output = "/tmp/newsingest-cmd-\(UUID().uuidString.prefix(8)).log"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else: a postmaster that kept a test's descriptors would hold its pipes open for as long as it runs.
        for descriptor in ChildProcess.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SetupError("cannot run \(executable): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw SetupError("\(executable) \(arguments.first ?? "") failed (status \(status)): \(text)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
