import Postgres
import Testing

/// Integers are bound with their own type (`int4` for 32 bits, `int8` otherwise), scalars and arrays alike, and
/// read back by the numeric decoders, whose errors name the column.
@Suite struct PostgresBindTests {
    @Test func integersBindWithTheirTypeAndDecodeBack() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("bind"))
        let small: Int32 = -7
        let large = Int64.max
        let plain = 42
        let row = try connection.query(
            """
            SELECT pg_typeof(\(small))::text AS t32, pg_typeof(\(large))::text AS t64, pg_typeof(\(plain))::text AS t,
                   pg_typeof(\([small, 1]))::text AS a32, pg_typeof(\([large]))::text AS a64,
                   \(small) AS v32, \(large) AS v64, \(plain) AS v, 2.5::float8 AS d, 'x' AS s
            """
        ).rows[0]
        #expect(row["t32"] == "integer")
        #expect(row["t64"] == "bigint")
        #expect(row["t"] == "bigint")
        #expect(row["a32"] == "integer[]")
        #expect(row["a64"] == "bigint[]")
        #expect(try row.decode("v32", as: Int.self) == -7)
        #expect(try row.decode("v64", as: Int64.self) == Int64.max)
        #expect(try row.decode("v", as: Int.self) == 42)
        #expect(try row.decode("d", as: Double.self) == 2.5)
        #expect(throws: PostgresError.self) { try row.decode("s", as: Int64.self) }
        let error = try #require(throws: PostgresError.self) { try row.decode("s", as: Double.self) }
        #expect(error.message.contains("column s is not a number"))
    }

    /// Rows share one copy of the result's bytes: every cell reads back as the server wrote it (NULL, empty,
    /// multi-byte text, signs, the integer extremes, which the plain-decimal path leaves to `Int64(String)`), and
    /// bad values still fail with the column named.
    @Test func rowsReadTheirCellsFromTheSharedResult() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("rows"))
        let rows = try connection.query(
            """
            SELECT n, n::text AS t, NULL::int8 AS missing, '' AS empty, 'Zoë → 東京' AS text, n > 0 AS positive,
                   n AS t
            FROM unnest(ARRAY[0, -1, 12, 9223372036854775807, -9223372036854775808]::int8[]) WITH ORDINALITY AS v(n, i)
            ORDER BY i
            """
        ).rows
        let expected: [Int64] = [0, -1, 12, .max, .min]
        #expect(try rows.map { try $0.decode("n", as: Int64.self) } == expected)
        #expect(rows.map { $0["t"] } == expected.map { String($0) })
        #expect(try rows.map { try $0.decode("positive", as: Bool.self) } == expected.map { $0 > 0 })
        let first = rows[0]
        #expect(try first.decode("missing", as: Int64?.self) == nil)
        #expect(try first.decode("n", as: Int?.self) == 0)
        #expect(throws: PostgresError.self) { try first.decode("missing", as: Int64.self) }
        #expect(first["missing"] == nil)
        #expect(first["empty"] == "")
        #expect(try first.decode("text", as: String.self) == "Zoë → 東京")
        #expect(first.values == ["0", "0", nil, "", "Zoë → 東京", "f", "0"])
        #expect(first.withBytes("text") { $0.map { Array($0) } } == Array("Zoë → 東京".utf8))
        #expect(first.withBytes("missing") { $0 == nil })
        let error = try #require(throws: PostgresError.self) { try first.decode("text", as: Int64.self) }
        #expect(error.message.contains("column text is not an integer"))
        #expect(throws: PostgresError.self) { try first.decode("empty", as: Bool.self) }
    }
}
