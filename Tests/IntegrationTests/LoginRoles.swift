import Postgres

/// Two login roles for a test, members of the reader and the writer group roles; `defer { roles.drop() }`.
final class LoginRoles {
    let analyst: String
    let worker: String
    private let admin: PostgresConnection

    init(_ admin: PostgresConnection) throws {
        let suffix = UInt32.random(in: 0...UInt32.max)
        analyst = "analyst_\(suffix)"
        worker = "worker_\(suffix)"
        self.admin = admin
        // Role names are built from digits only; CREATE ROLE takes no parameters.
        try admin.execute(
            script: """
                CREATE ROLE \(analyst) LOGIN IN ROLE newsingest_reader;
                CREATE ROLE \(worker) LOGIN IN ROLE newsingest_writer;
                """
        )
    }

    func drop() {
        try? admin.execute(script: "DROP OWNED BY \(analyst), \(worker); DROP ROLE \(analyst), \(worker)")
    }
}
