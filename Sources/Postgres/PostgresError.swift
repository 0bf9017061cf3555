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

    /// Worth retrying after a pause: the connection dropped, the server is restarting, or the transaction lost a
    /// serialization race. Everything else will fail the same way again.
    public var isTransient: Bool {
        if code == .connectionFailed || code == .connectionLost { return true }
        guard let sqlState else { return false }
        if sqlState.hasPrefix("08") { return true }  // connection exception
        return ["40001", "40P01", "57P01", "57P02", "57P03", "53300", "55P03"].contains(sqlState)
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
