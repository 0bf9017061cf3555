public struct PostgresRow: Sendable {
    let cells: PostgresCells
    let row: Int

    /// Every cell as text, in column order.
    public var values: [String?] {
        (0..<cells.columnCount).map { text(at: $0) }
    }

    /// The position of `column` (the first of that name), for decoders that read many rows by position.
    public func position(of column: String) -> Int? {
        cells.index[column]
    }

    public subscript(_ column: String) -> String? {
        guard let position = cells.index[column] else { return nil }
        return text(at: position)
    }

    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let position = cells.index[column] else {
            throw PostgresError(.decoding, message: "no column named \(column)")
        }
        return try T.decode(self, position: position, column: column)
    }

    /// Calls `body` with the UTF-8 bytes of `column` (nil for NULL or no such column), valid only inside it.
    public func withBytes<T>(_ column: String, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let position = cells.index[column] else { return body(nil) }
        return withBytes(at: position, body)
    }

    /// The same for the cell at `position`, for decoders.
    public func withBytes<T>(at position: Int, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        cells.withBytes(row: row, column: position, body)
    }

    /// The cell at `position` as text, nil for NULL.
    public func text(at position: Int) -> String? {
        cells.text(row: row, column: position)
    }

    public func isNull(at position: Int) -> Bool {
        cells.isNull(row: row, column: position)
    }
}
