import CLibPQ

/// Where to connect: a libpq URI (`postgres://user:pass@host:5432/db`) or a conninfo string (`host=... dbname=...`).
public struct PostgresSettings: Sendable, CustomStringConvertible {
    public var url: String
    public var applicationName: String
    public var connectTimeoutSeconds: Int
    /// libpq keywords applied before the URL, so the URL can override each (`keepalives_idle`, `options`, ...).
    public var defaults: KeyValuePairs<String, String>

    public init(
        url: String,
        applicationName: String = "newsingest",
        connectTimeoutSeconds: Int = 10,
        defaults: KeyValuePairs<String, String> = [:]
    ) {
        self.url = url
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.defaults = defaults
    }

    /// Host, port, database and user, never the password: safe to log.
    public var description: String {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &error) else {
            if let error { PQfreemem(error) }
            return "<unparseable DATABASE_URL>"
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if let value = option.pointee.val, ["host", "hostaddr", "port", "dbname", "user"].contains(key) {
                parts.append("\(key)=\(String(cString: value))")
            }
            option += 1
        }
        return parts.isEmpty ? "<defaults>" : parts.joined(separator: " ")
    }

    /// Whether libpq accepts the string at all; the message never echoes the string back.
    public func validate() throws(PostgresError) {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &error) else {
            if let error { PQfreemem(error) }
            throw PostgresError(.configuration, message: "DATABASE_URL is not a valid libpq URI or conninfo string")
        }
        PQconninfoFree(options)
    }
}
