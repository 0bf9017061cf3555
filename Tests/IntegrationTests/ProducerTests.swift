import Blocking
import Foundation
import IngestCore
import Kafka
import Testing

@testable import Publishing

/// The `ingest-producer` binary as a user runs it: progress when its stderr is not a terminal, and a quick, clear
/// error when no broker answers.
@Suite(.serialized) struct ProducerTests {
    @Test func progressIsPlainLinesWhenNotATerminal() async throws {
        try await Blocking.run {
            let broker = try DevBrokerProcess(topics: ["p.raw:2"])
            defer { withExtendedLifetime(broker) {} }
            let brokers = broker.brokers

            // Three text files and a JSON Lines feed of 37 articles, in a folder.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("producer-\(UUID())/Desk")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            for n in 0..<3 {
                try TestEnvironment.paragraphs(n).joined(separator: "\n\n")
                    .write(to: folder.appendingPathComponent("\(n).txt"), atomically: true, encoding: .utf8)
            }
            let feed = try (3..<40).map { n in
                String(
                    decoding: try JSONSerialization.data(withJSONObject: [
                        "url": "https://p.test/\(n)", "body": TestEnvironment.paragraphs(n).joined(separator: "\n\n"),
                    ]),
                    as: UTF8.self
                )
            }.joined(separator: "\n")
            try feed.write(to: folder.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)

            let producer = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                [
                    folder.path, "--brokers", brokers, "--topic", "p.raw", "--chunk-size", "10", "--progress-interval",
                    "0",
                ]
            )
            #expect(producer.wait(timeout: .seconds(60)) == 0, "\(producer.output)")
            let output = producer.output
            #expect(!output.contains("\r"), "a carriage return in non-terminal output")
            #expect(!output.contains("\u{1B}"), "an escape sequence in non-terminal output")
            let lines = output.split(separator: "\n").filter { $0.hasPrefix("progress: ") }
            // One line per acknowledged chunk of 10 and per file, identical lines once.
            #expect(lines.count >= 4, "\(output)")
            #expect(lines.allSatisfy { $0.contains("articles/s") })
            #expect(lines.last?.hasPrefix("progress: 40 articles (100%,") == true, "\(lines.last ?? "")")
            #expect(output.contains("published 40/40 articles"))
        }
    }

    /// Each article carries the time the producer read it, not one time for the whole run: claims and stories are
    /// ordered by it (first_seen), and one time would leave their order to fingerprints. Formatted per millisecond.
    @Test func eachArticleCarriesTheTimeItWasRead() async throws {
        try await Blocking.run {
            let cluster = try KafkaMockCluster(brokers: 1)
            try cluster.createTopic("fetch.raw", partitions: 1)
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
                logger: TestEnvironment.logger
            )
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            let offsets: [TimeInterval] = [0, 0.0004, 0.0015, 2.5]
            final class Clock: @unchecked Sendable {  // read by the session on this thread only
                var reads = 0
            }
            let clock = Clock()
            let session = PublishSession(
                producer: producer,
                topic: "fetch.raw",
                chunkSize: 10,
                timeout: .seconds(10)
            ) {
                defer { clock.reads += 1 }
                return start.addingTimeInterval(offsets[clock.reads])
            }
            for n in 0..<4 {
                session.add(
                    RawArticle(
                        origin: "\(n)",
                        outlet: "o",
                        url: nil,
                        title: nil,
                        publishedAt: nil,
                        contentType: .text,
                        body: "Article \(n) of the run."
                    )
                )
            }
            session.flush()
            #expect(session.acknowledged == 4)
            let received = try TestEnvironment.readMessages("fetch.raw", count: 4, brokers: cluster.bootstrapServers)
            let times = try received.sorted { $0.offset < $1.offset }.map {
                try ArticleEnvelope.decode($0.value).fetchedAt
            }
            let expected = ([0, 0, 0.001, 2.5] as [TimeInterval]).map {
                ArticleReader.fetchedAtText(start.addingTimeInterval($0))
            }
            #expect(times == expected)
            #expect(expected[0] == "2026-05-28T20:26:40.000Z")
        }
    }

    @Test func noBrokerIsAClearErrorNamingTheBrokersWithinTheConnectTimeout() async throws {
        try await Blocking.run {
            let ports = [try HTTPProbe.freePort(), try HTTPProbe.freePort()]
            let brokers = ports.map { "127.0.0.1:\($0)" }.joined(separator: ",")
            let input = Pipe()
            let producer = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                ["--brokers", brokers, "--connect-timeout", "2", "--stdin-format", "jsonl"],
                stdin: input
            )
            try input.fileHandleForWriting.write(contentsOf: Data(#"{"body": "One line."}"#.utf8))
            try input.fileHandleForWriting.close()
            // Without the check, it would wait for the 120 s delivery timeout; the wait here is only a safety net.
            let status = producer.wait(timeout: .seconds(60))
            #expect(status == 1, "\(producer.output)")
            #expect(producer.output.contains("no Kafka broker answered at \(brokers) within 2 s"), "\(producer.output)")
            #expect(!producer.output.contains("published"))
        }
    }
}
