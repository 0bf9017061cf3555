/// SQL with its parameters. Every interpolated value becomes a `$N` placeholder, so values never reach the SQL text.
///
///     let query: PostgresQuery = "SELECT title FROM articles WHERE article_id = \(id)"
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public var sql: String
    public var binds: [PostgresBind?]
    public var types: [UInt32]

    public init(unsafeSQL sql: String, binds: [PostgresBind?] = [], types: [UInt32] = []) {
        self.sql = sql
        self.binds = binds
        self.types = types.isEmpty ? Array(repeating: 0, count: binds.count) : types
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(
            unsafeSQL: stringInterpolation.sql,
            binds: stringInterpolation.binds,
            types: stringInterpolation.types
        )
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind?] = []
        var types: [UInt32] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            binds.append(value.postgresBind)
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }

        /// Optionals bind as NULL when nil (spelled out so the compiler does not take them for debug descriptions).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value.flatMap(\.postgresBind))
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }
    }
}
