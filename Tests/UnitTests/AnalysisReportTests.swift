import Foundation
import IngestControl
import IngestCore
import Testing

/// `ingestctl analyze`: the text report and the JSON Lines record.
@Suite struct AnalysisReportTests {
    static let seedsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/fixtures/seeds").standardizedFileURL

    /// The text of the seed whose file name starts with `prefix` (`"003"`).
    static func seed(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
        let name = try #require(names.first { $0.hasPrefix(prefix + "_") }, "seed \(prefix) missing")
        return try String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    static func envelope(_ body: String) -> ArticleEnvelope {
        ArticleEnvelope(
            key: "test",
            outlet: "test",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: .text,
            title: nil,
            publishedAt: nil,
            body: body
        )
    }

    @Test func textReportShowsWhatWasFound() throws {
        let processed = try Pipeline().process(AnalysisReportTests.envelope(try AnalysisReportTests.seed("003")))
        let report = AnalysisReport.text(AnalysisRecord(source: "seed-003", result: processed))
        #expect(report.hasPrefix("== seed-003\n"))
        #expect(
            report.contains("Title       \"North Korea's Kim shows off banned missiles to Russian minister\" [0..<63]")
        )
        #expect(report.contains("Dateline    SEOUL | July 27 | Reuters"))
        #expect(report.contains("Published   2023-07-27"))
        #expect(report.contains("Paragraphs (27, 29 sentences)"))
        #expect(report.contains("    S1 Russia's defence minister accompanied"))
        #expect(report.contains("  photo-credit   "))
        #expect(report.contains("\"KCNA via REUTERS\""))
        #expect(report.contains("content hash    \(processed.fingerprints.contentHash)"))
        #expect(report.contains("Claims (\(processed.claims.count))"))
    }

    @Test func errorRecordsRoundTripAsJSON() throws {
        let record = AnalysisRecord(source: "empty.txt", error: .empty)
        #expect(AnalysisReport.text(record).contains("ERROR [empty]"))
        let line = record.jsonLine()
        #expect(!line.contains("\n"))
        let decoded = try JSONDecoder().decode(AnalysisRecord.self, from: Data(line.utf8))
        #expect(decoded.error == record.error)
        #expect(decoded.result == nil)
    }

    @Test func resultRecordsRoundTripAsJSON() throws {
        let processed = try Pipeline().process(AnalysisReportTests.envelope(try AnalysisReportTests.seed("001")))
        let line = AnalysisRecord(source: "seed-001", result: processed).jsonLine()
        let decoded = try JSONDecoder().decode(AnalysisRecord.self, from: Data(line.utf8))
        let parsed = try #require(decoded.result?.parsed)
        #expect(parsed.sentences == processed.parsed.sentences)
        #expect(parsed.removed == processed.parsed.removed)
        #expect(parsed.highlights == processed.parsed.highlights)
    }
}
