import Foundation
import IngestCore
import Postgres

/// One numbered file in `Migrations/`, e.g. `0001_baseline.sql`.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String

    /// SHA-256 of the file's bytes; an applied migration whose file changes afterwards is refused.
    public var checksum: String { SHA256.hex(of: Array(sql.utf8)) }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNNN_name.sql` files, sorted by number. Other files are ignored; duplicate numbers are an error.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            let stem = name.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else { continue }
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw PostgresError(.migration, message: "two migrations share number \(next.version)")
        }
        return migrations
    }

    /// `--migrations-dir`, then `INGEST_MIGRATIONS_DIR`, then `Migrations/` in the working directory or above the
    /// executable (a build folder inside the checkout).
    public static func locateDirectory(explicit: String?) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["INGEST_MIGRATIONS_DIR"] {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let folder = candidate.appendingPathComponent("Migrations")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
        }
        return nil
    }
}
