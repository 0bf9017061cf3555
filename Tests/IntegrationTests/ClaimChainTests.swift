import Foundation
import IngestCore
import IngestStore
import Postgres
import Testing

/// Variant groups do not chain (Migrations/0012_claim_nearest_groups.sql): a trim A and a trim C of one quote B
/// are each the same claim as B, but not as each other. Grouped as connected components, A, B and C were one
/// group whatever their order (in the 100,000-article bench, one group held 73,068 claims). Now a claim joins
/// its nearest claim's group only when that claim leads a group itself: with A earliest, {A, B} and {C}; with B
/// earliest, {A, B, C}. The groups depend on the claims' order by (first_seen, fingerprint), never on the order
/// they arrive or are linked in, nor on how many linkers run.
@Suite struct ClaimChainTests {
    static let words = [
        "brontag", "quelvin", "sarpoth", "dremlak", "vostrum", "kelbrim", "tharnox", "plindor", "garvesk", "mubrith",
    ]
    /// The three quotes, by label: A the first seven words, B all ten, C the last seven.
    static let quotes: [String: Range<Int>] = ["A": 0..<7, "B": 0..<10, "C": 3..<10]

    static func quote(_ label: String) -> String {
        let text = words[quotes[label]!].joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func label(_ content: String) -> String {
        let lower = content.lowercased()
        if lower.hasPrefix(words[3]) { return "C" }
        return lower.contains(words[9]) ? "B" : "A"
    }

    /// The article carrying quote `label`, first seen at `hour`.
    static func article(_ label: String, hour: Int) throws -> ProcessedArticle {
        var envelope = TestEnvironment.envelope(
            "Harbour talks resume\n\nThe port board met again.\n\n\"\(quote(label)),\" said Marta Velasquez.",
            outlet: "outlet-\(label)"
        )
        envelope.fetchedAt = "2026-03-03T\(hour < 10 ? "0" : "")\(hour):00:00.000Z"
        return try Pipeline().process(envelope)
    }

    /// "leader>member" for each of the three quotes' claims.
    static func groups(_ db: SeedClaims) throws -> Set<String> {
        var result = Set<String>()
        for row in try db.rows(
            """
            SELECT k.content AS leader, c.content AS member
            FROM claims c JOIN claim_groups g USING (claim_id) JOIN claims k ON k.claim_id = g.canonical_id
            WHERE c.content ILIKE '%tharnox%' OR c.content ILIKE '%dremlak%'
            """
        ) {
            result.insert(label(row["leader"] ?? "") + ">" + label(row["member"] ?? ""))
        }
        return result
    }

    static let orders = [
        ["A", "B", "C"], ["A", "C", "B"], ["B", "A", "C"], ["B", "C", "A"], ["C", "A", "B"], ["C", "B", "A"],
    ]

    @Test func theQuotesChainUnderTheMatcher() {
        #expect(ClaimMatcher.isSameClaim(Self.quote("A"), Self.quote("B")))
        #expect(ClaimMatcher.isSameClaim(Self.quote("B"), Self.quote("C")))
        #expect(!ClaimMatcher.isSameClaim(Self.quote("A"), Self.quote("C")))
    }

    /// Every arrival order, linking after each article: with A earliest, C stays apart; with B earliest, one group.
    @Test(arguments: Array(orders.enumerated()))
    func groupsFollowTheClaimsOrderNotTheArrivalOrder(_ index: Int, _ order: [String]) throws {
        for (earliest, expected) in [
            ("A", Set(["A>A", "A>B", "C>C"])), ("B", Set(["B>A", "B>B", "B>C"])),
        ] {
            let hours = earliest == "A" ? ["A": 7, "B": 8, "C": 9] : ["B": 7, "A": 8, "C": 9]
            var db = try SeedClaims("claimchain\(index)\(earliest)")
            for label in order { _ = try db.commit([try Self.article(label, hour: hours[label]!)]) }
            #expect(try Self.groups(db) == expected, "arrival order \(order), \(earliest) earliest")
        }
    }

    /// All three stored first, then two linkers: the first links one claim and, holding its transaction open,
    /// a second linker links the others until it finishes or waits on a row the first changed. The same groups as
    /// one linker after each article.
    @Test(arguments: Array(orders.enumerated()))
    func twoLinkersMakeTheSameGroups(_ index: Int, _ order: [String]) throws {
        var db = try SeedClaims("claimchaintwo\(index)")
        for label in order {
            _ = try db.commit([try Self.article(label, hour: ["A": 7, "B": 8, "C": 9][label]!)], link: false)
        }
        let connection = try TestEnvironment.connect(db.connection.settings.url)
        let secondPID = try TestEnvironment.scalar(connection, "SELECT pg_backend_pid()")
        let watcher = try TestEnvironment.connect(db.connection.settings.url)
        let second = LinkingConcurrencyTests.BackgroundLinker(
            ResultStore(connection: connection, logger: TestEnvironment.logger)
        )
        _ = try db.store.linkPendingClaims(limit: 1) {
            second.start()
            while !second.isFinished {
                let waiting = try TestEnvironment.scalar(
                    watcher,
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = \(secondPID) AND wait_event_type = 'Lock'"
                )
                if waiting > 0 { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        second.join()
        #expect(second.error == nil)
        try db.linkAll()
        #expect(try Self.groups(db) == Set(["A>A", "A>B", "C>C"]), "arrival order \(order)")
    }
}
