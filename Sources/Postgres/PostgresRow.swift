public struct PostgresRow: Sendable {
    public let values: [String?]
    let index: [String: Int]

    public subscript(_ column: String) -> String? {
        guard let position = index[column] else { return nil }
        return values[position]
    }

    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let position = index[column] else {
            throw PostgresError(.decoding, message: "no column named \(column)")
        }
        return try T.decode(values[position], column: column)
    }
}
