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
}
