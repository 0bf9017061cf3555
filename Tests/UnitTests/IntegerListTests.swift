import Postgres
import Testing

@testable import IngestStore

/// `ResultStore.integers` reads the integer lists linking selects (`array_to_string(…, ',')`): the extremes exactly,
/// and anything else refused as a decoding error rather than read as a wrong number.
@Suite struct IntegerListTests {
    @Test func readsEveryValueExactly() throws {
        #expect(try ResultStore.integers(nil) == [])
        #expect(try ResultStore.integers("") == [])
        #expect(try ResultStore.integers("0") == [0])
        #expect(try ResultStore.integers("-9223372036854775808,9223372036854775807") == [.min, .max])
        #expect(try ResultStore.integers("12,-3,0,-0,450") == [12, -3, 0, 0, 450])
        let many = (0..<5000).map { Int64($0) * 1_844_674_407_370_955 - 4_611_686_018_427_387_904 }
        #expect(try ResultStore.integers(many.map(String.init).joined(separator: ",")) == many)
    }

    @Test(arguments: [
        "1,,2", ",1", "1,", "-", "1-2", "--1", "9223372036854775808", "-9223372036854775809", "1 2", "{1}", "1.5",
        "١", "12345678901234567890", "1,2,", "-,1",
    ])
    func refusesWhatIsNotAList(_ text: String) {
        #expect(throws: PostgresError.self) { try ResultStore.integers(text) }
    }
}
