import Blocking
import Foundation
import IngestStore
import Kafka
import Postgres
import Testing

@testable import Worker

/// Offsets a worker skips without processing are recorded with their cause, and `ingestctl verify` names them.
@Suite struct ConsumerGapTests {
    /// The mock cluster keeps about 5 MB per partition and drops the oldest messages beyond that, as retention
    /// would: a backlog produced before any worker reads it loses its head, and the worker must say so.
    @Test func offsetsLostToRetentionBeforeProcessingAreRecordedAndFailVerify() async throws {
        try await Blocking.run {
            let setup = try PoisonInputTests().setUp("retained")
            let brokers = setup.cluster.bootstrapServers
            // Incompressible 256 KiB payloads (dead letters once read), so the broker's size limit is reached fast.
            var generator = SystemRandomNumberGenerator()
            let messages: [(key: [UInt8]?, value: [UInt8])] = (0..<40).map { n in
                let words = (0..<(256 * 1024 / 8)).map { _ in generator.next() as UInt64 }
                return (Array("junk-\(n)".utf8), words.withUnsafeBytes { Array($0) })
            }
            try PoisonInputTests.publish(messages, topic: "retained", brokers: brokers)
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: brokers),
                logger: TestEnvironment.logger
            )
            let marks = try producer.metadata.watermarks(topic: "retained", partition: 0)
            try #require(marks.low > 0, "the mock cluster should have dropped the oldest messages: \(marks)")
            #expect(marks.high == 40)

            let worker = InProcessWorker(setup.configuration)
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try PoisonInputTests.processed(setup.connection) == marks.high
                }
            )
            _ = try worker.finish()

            let rows = try setup.connection.query(
                "SELECT consumer_group, partition, first_offset, last_offset, cause, error_code, worker FROM consumer_gaps"
            ).rows
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["consumer_group"] == "g-retained")
            #expect(row["partition"] == "0")
            #expect(row["first_offset"] == "0")
            #expect(row["last_offset"] == String(marks.low - 1))
            #expect(row["cause"] == "retention")
            #expect(row["error_code"] == "1")
            #expect(row["worker"] == "w-retained")

            let arguments = [
                "verify", "--topic", "retained", "--group", "g-retained", "--database-url", setup.database,
            ]
            let verify = try ChildProcess(try TestEnvironment.executable("ingestctl"), arguments)
            #expect(verify.wait(timeout: .seconds(60)) == 1, "verify: \(verify.output)")
            #expect(verify.output.contains("partition 0 skipped 0-\(marks.low - 1): retention"), "\(verify.output)")
            #expect(verify.output.contains("offsets lost to retention before they were processed"), "\(verify.output)")

            let accepted = try ChildProcess(try TestEnvironment.executable("ingestctl"), arguments + ["--accept-gaps"])
            #expect(accepted.wait(timeout: .seconds(60)) == 0, "verify --accept-gaps: \(accepted.output)")
            #expect(accepted.output.contains("1 gap(s) accepted"), "\(accepted.output)")
        }
    }
}
