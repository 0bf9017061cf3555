import CLibPQ

/// Rows copied out of a libpq result, so no C memory outlives the call.
public struct PostgresResult: Sendable {
    public let columns: [String]
    public let rows: [PostgresRow]
    /// Rows inserted, updated or deleted by the statement.
    public let affectedRows: Int

    init(copying result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let cells = PostgresCells(copying: result, columns: columns)
        rows = (0..<Int(PQntuples(result))).map { PostgresRow(cells: cells, row: $0) }
        self.columns = columns
        self.affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
