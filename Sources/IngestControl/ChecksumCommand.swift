import ArgumentParser
import IngestConfig
import IngestStore

/// `ingestctl checksum`: fingerprints of the public views, to compare two databases or a replay's before/after.
public struct ChecksumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "checksum",
        abstract: "Print an order-independent checksum of each public view (rows:md5)."
    )

    @OptionGroup var database: DatabaseOptions

    public init() {}

    public func run() throws {
        let checksums = try openStore(database, label: "ingestctl-checksum").viewChecksums()
        for name in checksums.keys.sorted() { print("\(name) \(checksums[name]!)") }
    }
}
