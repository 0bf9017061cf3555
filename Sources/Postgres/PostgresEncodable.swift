import Foundation

/// A value that can be sent as a bound parameter, in PostgreSQL's text format (or binary, see ``postgresBind``).
public protocol PostgresEncodable {
    /// The type OID the server should read the parameter as.
    static var postgresType: UInt32 { get }
    /// The text form, or nil for NULL.
    var postgresText: String? { get }
    /// The bytes sent for this value, or nil for NULL. Defaults to the UTF-8 of ``postgresText``.
    var postgresBind: PostgresBind? { get }
}

extension PostgresEncodable {
    public var postgresBind: PostgresBind? { postgresText.map { PostgresBind(text: $0) } }
}

extension Date: PostgresEncodable {
    public static var postgresType: UInt32 { PostgresOID.timestamptz }
    public var postgresText: String? {
        // Microsecond precision, the resolution of timestamptz.
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        return Date.formatter.string(from: Date(timeIntervalSince1970: micros / 1_000_000))
    }

    // ISO8601DateFormatter is thread-safe for formatting.
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: UInt32 { Wrapped.postgresType }
    public var postgresText: String? { self.flatMap(\.postgresText) }
    public var postgresBind: PostgresBind? { self.flatMap(\.postgresBind) }
}
