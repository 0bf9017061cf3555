import Postgres

/// Whether a database carries every migration a build ships, unchanged. A newer database (migrations this build
/// does not know) passes: during a rolling upgrade, old workers keep running after `ingestctl migrate`.
public enum SchemaCheck {
    public static func problems(expected: [Migration], applied: [Int: (name: String, checksum: String)]) -> [String] {
        expected.compactMap { migration in
            guard let found = applied[migration.version] else { return "\(migration.name) not applied" }
            return found.checksum == migration.checksum ? nil : "\(migration.name) differs from the applied one"
        }
    }
}
