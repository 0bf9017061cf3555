/// A PostgreSQL failure. `description` names the kind, the SQLSTATE and the server's primary message only: no SQL
/// text, no bound values and no connection secrets, so it is safe for logs. Details are in `debugDescription`.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public static let connectionFailed = Code(name: "connection failed")
        public static let connectionLost = Code(name: "connection lost")
        public static let server = Code(name: "server error")
        public static let unexpectedResult = Code(name: "unexpected result")
        public static let decoding = Code(name: "decoding failed")
        public static let migration = Code(name: "migration failed")
        /// The settings themselves are wrong (unparseable URL, unknown user or database, bad password): retrying
        /// cannot help.
        public static let configuration = Code(name: "configuration error")
        public var description: String { name }
    }

    public var code: Code
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var file: String
    public var line: Int

    public init(
        _ code: Code,
        sqlState: String? = nil,
        message: String,
        detail: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.file = file
        self.line = line
    }

    /// Worth retrying after a pause: the connection dropped, the server is restarting or out of resources (disk
    /// full, too many connections), a timeout or cancel, a read-only server after a failover, or the transaction
    /// lost a serialization race or a lock wait.
    public var isTransient: Bool {
        if code == .connectionFailed || code == .connectionLost { return true }
        guard let sqlState else { return false }
        if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || sqlState.hasPrefix("40") { return true }
        return ["57P01", "57P02", "57P03", "57014", "55P03", "25006"].contains(sqlState)
    }

    /// The values of the statement itself are at fault: data exceptions (22xxx: out of range, invalid text, U+0000),
    /// integrity violations (23xxx) and a value too large for PostgreSQL (54000). Only these may be blamed on the
    /// message that brought the values; every other failure belongs to the system (schema, permissions, server).
    public var isDataError: Bool {
        guard code == .server, let sqlState else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("23") || sqlState == "54000"
    }

    public var description: String {
        var text = "PostgreSQL \(code)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        return text + ": " + message
    }

    public var debugDescription: String {
        var text = description
        if let detail { text += "; detail: \(detail)" }
        return text + " [\(file):\(line)]"
    }
}
