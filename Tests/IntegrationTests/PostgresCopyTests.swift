import Foundation
import Postgres
import Testing

/// `PostgresConnection.copy` with `PostgresCopyRows`: every value the batch transaction sends by COPY must arrive
/// as it was, whatever bytes it holds, and a row the server rejects must fail the COPY with its SQLSTATE.
@Suite struct PostgresCopyTests {
    /// Packed integers (`append(packed:)`): the bytes are the values' big-endian bytes (what `int8send`/`int4send`
    /// give), and `PostgresPackedIntegers` reads them back from binary results, `int8` cells too; a cell that is no
    /// whole number of values, or NULL, is refused.
    @Test func packedIntegersAreBigEndianBytes() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("copypacked"))
        try connection.execute(script: "CREATE TABLE p (n int4, wide bytea, narrow bytea)")
        let wide: [[Int64]] = [[], [.min, -1, 0, 1, .max], [0x0102_0304_0506_0708]]
        let narrow: [[UInt32]] = [[0x8000_0000, 0xffff_ffff], [], [0x0102_0304, 0]]
        var rows = PostgresCopyRows()
        for index in wide.indices {
            rows.append(index)
            rows.append(packed: wide[index])
            rows.append(packed: narrow[index])
            rows.endRow()
        }
        try connection.copy("COPY p (n, wide, narrow) FROM STDIN", rows: rows)
        let back = try connection.query("SELECT n, wide, narrow FROM p ORDER BY n", binaryResults: true).rows
        #expect(try back.map { try PostgresPackedIntegers.int64s($0, "wide") } == wide)
        #expect(try back.map { try PostgresPackedIntegers.uint32s($0, "narrow") } == narrow)
        let sent = try connection.query(
            """
            SELECT (SELECT wide FROM p WHERE n = 2) = int8send(72623859790382856) AS wide,
                   (SELECT narrow FROM p WHERE n = 2) = int4send(16909060) || int4send(0) AS narrow
            """
        ).rows[0]
        #expect(try sent.decode("wide", as: Bool.self))
        #expect(try sent.decode("narrow", as: Bool.self))
        let odd = try connection.query(
            "SELECT '\\x01020304'::bytea AS b, NULL::bytea AS missing, (-2)::int8 AS i",
            binaryResults: true
        ).rows[0]
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64s(odd, "b") }
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64s(odd, "missing") }
        #expect(try PostgresPackedIntegers.uint32s(odd, "b") == [0x0102_0304])
        #expect(try PostgresPackedIntegers.int64(odd, "i") == -2)
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64(odd, "b") }
        // By position, as linking reads thousands of rows: the same values and the same refusals.
        let extremes = try connection.query(
            """
            SELECT (-9223372036854775807 - 1)::int8 AS low, 9223372036854775807::int8 AS high,
                   72623859790382856::int8 AS bytes, NULL::int8 AS missing, 7::int4 AS narrow
            """,
            binaryResults: true
        ).rows[0]
        let position = { (name: String) in try #require(extremes.position(of: name)) }
        #expect(try PostgresPackedIntegers.int64(extremes, at: position("low")) == .min)
        #expect(try PostgresPackedIntegers.int64(extremes, at: position("high")) == .max)
        #expect(try PostgresPackedIntegers.int64(extremes, at: position("bytes")) == 0x0102_0304_0506_0708)
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64(extremes, at: position("missing")) }
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64(extremes, at: position("narrow")) }
        #expect(extremes.position(of: "absent") == nil)
        #expect(throws: PostgresError.self) { try PostgresPackedIntegers.int64(extremes, "absent") }
    }

    @Test func copyRowsRoundTripHostileValues() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("copy"))
        try connection.execute(
            script: "CREATE TABLE t (n int4, s text, i int8, d float8, b bool, a int8[], j jsonb, ts timestamptz)"
        )
        let texts: [String?] = [
            "tab\there", "line\nbreak\r\nwindows", "back\\slash \\N not null", "'; DROP TABLE t; --", "ünïcødé ✓ 🚀",
            "", "\\.", nil, "\tstarts and ends\n", "\\\t\n\r\\", "plain text without a byte to escape",
        ]
        let integers: [Int64?] = [Int64.min, -1, 0, 7, Int64.max, nil, 42, 1, 10, -10, 1_000_000_007]
        let doubles: [Double?] = [0.1, -2.5e-300, .infinity, -.infinity, 1e300, nil, 0, 3, 4, 5, 6]
        let arrays: [[Int64]] = [
            [], [Int64.min, Int64.max], [-1, 0, 1], [5], [], [9], [], [1, 2, 3], [10, -10], [100], [-9, 99],
        ]
        var rows = PostgresCopyRows()
        for index in texts.indices {
            rows.append(index)
            rows.append(texts[index])
            rows.append(integers[index])
            rows.append(doubles[index])
            rows.append(index % 2 == 0)
            rows.append(integers: arrays[index])
            rows.append(index == 0 ? "{\"k\": \"tab\\t and \\\\ backslash\"}" : nil)
            rows.append(index == 1 ? "2026-03-03T10:00:00.123Z" : nil)
            rows.endRow()
        }
        #expect(try connection.copy("COPY t (n, s, i, d, b, a, j, ts) FROM STDIN", rows: rows) == texts.count)
        let back = try connection.query(
            """
            SELECT n, s, i, d, b, array_to_string(a, ',') AS a, j ->> 'k' AS k,
                   to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS ts
            FROM t ORDER BY n
            """
        ).rows
        #expect(try back.map { try $0.decode("s", as: String?.self) } == texts)
        #expect(try back.map { try $0.decode("i", as: Int64?.self) } == integers)
        #expect(try back.map { try $0.decode("d", as: Double?.self) } == doubles)
        #expect(try back.map { try $0.decode("b", as: Bool.self) } == texts.indices.map { $0 % 2 == 0 })
        #expect(
            try back.map { try $0.decode("a", as: String.self) }
                == arrays.map { $0.map(String.init).joined(separator: ",") }
        )
        #expect(try back[0].decode("k", as: String.self) == "tab\t and \\ backslash")
        #expect(try back[1].decode("ts", as: String.self) == "2026-03-03T10:00:00.123")
    }

    /// Every integer array overload writes each element in place: `Int32`, `Int` and hash bit patterns.
    @Test func integerArrayOverloadsRoundTrip() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("copyarrays"))
        try connection.execute(script: "CREATE TABLE t (n int4, small int4[], wide int8[], hashes int8[])")
        let small: [[Int32]] = [[], [Int32.min, -1, 0, 9, 10, Int32.max], [123_456]]
        let wide: [[Int]] = [[Int.min, Int.max], [], [-100, 99, 1_000_000_000_000]]
        let hashes: [[UInt64]] = [[0, 1, UInt64.max, 1 << 63], [0xDEAD_BEEF_CAFE_F00D], []]
        var rows = PostgresCopyRows()
        for index in small.indices {
            rows.append(index)
            rows.append(integers: small[index])
            rows.append(integers: wide[index])
            rows.append(bitPatterns: hashes[index])
            rows.endRow()
        }
        #expect(try connection.copy("COPY t (n, small, wide, hashes) FROM STDIN", rows: rows) == small.count)
        let back = try connection.query(
            """
            SELECT array_to_string(small, ',') AS small, array_to_string(wide, ',') AS wide,
                   array_to_string(hashes, ',') AS hashes
            FROM t ORDER BY n
            """
        ).rows
        func joined<T: BinaryInteger>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: ",") }
        #expect(try back.map { try $0.decode("small", as: String.self) } == small.map(joined))
        #expect(try back.map { try $0.decode("wide", as: String.self) } == wide.map(joined))
        #expect(
            try back.map { try $0.decode("hashes", as: String.self) }
                == hashes.map { joined($0.map { Int64(bitPattern: $0) }) }
        )
    }

    @Test func aRejectedRowFailsTheCopyWithItsSQLSTATEAndTheConnectionStaysUsable() throws {
        let connection = try TestEnvironment.connect(try TestEnvironment.freshDatabase("copyfail"))
        try connection.execute(script: "CREATE TABLE t (n int4 PRIMARY KEY)")
        var rows = PostgresCopyRows()
        for n in [1, 2, 2] {
            rows.append(n)
            rows.endRow()
        }
        do {
            try connection.copy("COPY t (n) FROM STDIN", rows: rows)
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.sqlState == "23505")
        }
        #expect(try TestEnvironment.scalar(connection, "SELECT count(*) FROM t") == 0)
    }
}
