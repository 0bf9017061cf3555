import Foundation
import Testing

@testable import Publishing

@Suite struct ProducerProgressTests {
    @Test func plainLineAndBarShowCountPercentRateAndETA() {
        let snapshot = ProgressReporter.Snapshot(
            articles: 12_345,
            failed: 0,
            bytesRead: 25 * 1_048_576,
            totalBytes: 100 * 1_048_576,
            elapsed: .seconds(10)
        )
        #expect(
            ProgressReporter.line(snapshot)
                == "progress: 12,345 articles (25%, 25.0 MB of 100.0 MB), 1,235 articles/s, ETA 30s"
        )
        #expect(
            ProgressReporter.bar(snapshot, width: 20)
                == "[#####---------------]  25%  12,345 articles  1,235/s  25.0 MB/100.0 MB  ETA 0:30"
        )
        // From stdin the total is unknown: no percentage, no ETA.
        let stdin = ProgressReporter.Snapshot(
            articles: 10,
            failed: 2,
            bytesRead: 2048,
            totalBytes: nil,
            elapsed: .seconds(2)
        )
        #expect(ProgressReporter.line(stdin) == "progress: 10 articles (2.0 KB read), 5 articles/s, 2 not acknowledged")
    }

    @Test func linesModeWritesAtMostOneLinePerIntervalAndNoCarriageReturns() {
        var written: [String] = []
        let reporter = ProgressReporter(mode: .lines, interval: .seconds(5)) { written.append($0) }
        let start = ContinuousClock.now
        func snapshot(_ articles: Int) -> ProgressReporter.Snapshot {
            .init(articles: articles, failed: 0, bytesRead: articles, totalBytes: 100, elapsed: .seconds(1))
        }
        reporter.update(snapshot(10), now: start)
        reporter.update(snapshot(20), now: start + .seconds(1))
        reporter.update(snapshot(30), now: start + .seconds(6))
        reporter.finish(snapshot(100))
        #expect(written.count == 3)
        #expect(written.allSatisfy { $0.hasPrefix("progress: ") && $0.hasSuffix("\n") && !$0.contains("\r") })
        #expect(written.last?.contains("(100%") == true)
    }

    @Test func lineStreamReadsLinesAcrossBufferBoundsAndCountsBytes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        // Lines longer than the 1 MiB read buffer, short ones, an empty one and a last line without a line feed.
        let lines = [
            String(repeating: "a", count: 1_500_000), "short", "", String(repeating: "b", count: 700_000), "end",
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let stream = try LineStream(path: file.path)
        var read: [String] = []
        while let line = try stream.next() { read.append(String(decoding: line, as: UTF8.self)) }
        #expect(read == lines)
        #expect(stream.bytesRead == lines.joined(separator: "\n").utf8.count)
    }
}
