import ArgumentParser
import IngestConfig
import IngestStore

/// `ingestctl verify`: proves every consumed offset is accounted for.
public struct VerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every offset below each stored position is an article sighting or a dead letter.",
        discussion: """
            Prints a per-partition report and exits non-zero on any gap or double count, and on offsets the \
            workers recorded as skipped (lost to retention before processing, or a consumer error) unless \
            --accept-gaps says an operator has reviewed them.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var topicOptions: TopicOptions
    @OptionGroup var groupOptions: GroupOptions
    @Flag(help: "Report recorded consumer gaps (e.g. offsets lost to retention) without failing on them.")
    var acceptGaps = false

    public init() {}

    public func run() throws {
        let store = try openStore(database, label: "ingestctl-verify")
        let accounts = try store.account(group: groupOptions.group, topic: topicOptions.topic)
        print("partition  next    sightings  errors  gaps")
        var failed = false
        for account in accounts {
            let gaps = account.gaps.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
            print(
                String(account.partition).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + (account.nextOffset.map(String.init) ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
                    + "  " + String(account.sightings).padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + String(account.errors).padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                    + (gaps.isEmpty ? "none" : gaps)
                    + (account.doubleCounted > 0 ? "  DOUBLE-COUNTED \(account.doubleCounted)" : "")
            )
            failed = failed || !account.isComplete
        }
        if accounts.isEmpty { print("no stored positions for this group and topic") }
        // Offsets the workers skipped and recorded why: never processed, so the sums above cannot show them.
        let skipped = try store.gaps(group: groupOptions.group, topic: topicOptions.topic)
        for gap in skipped {
            print(
                "partition \(gap.partition) skipped \(gap.range): \(gap.cause) (code \(gap.errorCode)) \(gap.errorMessage)"
            )
        }
        let total = accounts.reduce(Int64(0)) { $0 + $1.accounted }
        if failed {
            print("FAILED: offsets are missing or double-counted")
        } else if !skipped.isEmpty && !acceptGaps {
            let lost = skipped.contains { $0.cause == ConsumerGap.retention }
            print(
                "FAILED: \(skipped.count) recorded gap(s)"
                    + (lost ? ", offsets lost to retention before they were processed" : "")
                    + "; rerun with --accept-gaps once reviewed"
            )
        } else {
            print("OK: \(total) offsets accounted for" + (skipped.isEmpty ? "" : ", \(skipped.count) gap(s) accepted"))
        }
        if failed || (!skipped.isEmpty && !acceptGaps) { throw ExitCode(1) }
    }
}
