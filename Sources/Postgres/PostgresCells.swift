import CLibPQ

/// The cells of one result, copied out of libpq into a single buffer that the result's rows share. Copying each
/// cell into a `String` of its own (and each row into an array) was a third of the cost of reading postings and
/// signatures in linking; a cell now becomes a `String` only when it is read as text, and integers and booleans
/// are read from its bytes.
final class PostgresCells: Sendable {
    let columnCount: Int
    /// Each column's position by name (the first of duplicates).
    let index: [String: Int]
    private let bytes: [UInt8]
    /// Each cell's place in `bytes`, row by row; a NULL has count -1.
    private let spans: [(start: Int, count: Int)]

    init(copying result: OpaquePointer, columns: [String]) {
        let columnCount = columns.count
        self.columnCount = columnCount
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
        let rowCount = Int(PQntuples(result))
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(rowCount * columnCount)
        var total = 0
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) != 0 {
                    spans.append((0, -1))
                } else {
                    // With libpq's length: no strlen over long values (integer lists, article text).
                    let count = Int(PQgetlength(result, row, column))
                    spans.append((total, count))
                    total += count
                }
            }
        }
        bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var cell = 0
            for row in 0..<Int32(rowCount) {
                for column in 0..<Int32(columnCount) {
                    let span = spans[cell]
                    cell += 1
                    guard span.count > 0, let value = PQgetvalue(result, row, column) else { continue }
                    UnsafeMutableRawPointer(buffer.baseAddress! + span.start).copyMemory(
                        from: value,
                        byteCount: span.count
                    )
                }
            }
            initialized = total
        }
        self.spans = spans
    }

    /// Calls `body` with the UTF-8 bytes of the cell at `row` and `column`, nil for NULL.
    func withBytes<T>(row: Int, column: Int, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        let span = spans[row * columnCount + column]
        guard span.count >= 0 else { return body(nil) }
        return bytes.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[span.start..<span.start + span.count]))
        }
    }

    func isNull(row: Int, column: Int) -> Bool {
        spans[row * columnCount + column].count < 0
    }

    /// The cell as text, nil for NULL.
    func text(row: Int, column: Int) -> String? {
        withBytes(row: row, column: column) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}
