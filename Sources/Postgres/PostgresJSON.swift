/// A JSON document sent as `jsonb`.
public struct PostgresJSON: PostgresEncodable, Sendable, Hashable {
    public var json: String
    public init(_ json: String) { self.json = json }
    public static var postgresType: UInt32 { PostgresOID.jsonb }
    public var postgresText: String? { json }
}
