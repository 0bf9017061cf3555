import Blocking
import Foundation
import KafkaModel
import Logging
import Testing

@testable import Kafka

/// Records what the consumer's rebalance callback was asked, and answers with fixed start offsets.
final class RecordingHandler: KafkaRebalanceHandler {
    var startOffsets: [TopicPartition: Int64] = [:]
    var assigned: [TopicPartition] = []
    var revoked: [TopicPartition] = []

    func partitionsAssigned(_ partitions: [TopicPartition]) throws -> [TopicPartition: Int64?] {
        assigned += partitions
        return startOffsets.mapValues { Optional($0) }
    }

    func partitionsRevoked(_ partitions: [TopicPartition]) {
        revoked += partitions
    }
}

@Suite struct KafkaRoundTripTests {
    @Test func produceThenConsumeOverTCP() async throws {
        try await Blocking.run {
            let cluster = try KafkaMockCluster(brokers: 3)
            try cluster.createTopic("roundtrip", partitions: 4, replicationFactor: 3)
            #expect(cluster.bootstrapServers.hasPrefix("127.0.0.1:"))
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
                logger: TestEnvironment.logger
            )
            let messages = (0..<200).map { n in
                KafkaOutgoingMessage(
                    topic: "roundtrip",
                    key: Array("key-\(n % 10)".utf8),
                    value: Array("value-\(n)".utf8),
                    headers: [KafkaHeader(key: "n", string: String(n)), KafkaHeader(key: "empty", value: [])]
                )
            }
            let reports = producer.send(messages)
            #expect(reports.allSatisfy { $0.error == nil })
            #expect(Set(reports.map(\.offset)).count > 1)
            // Keyed messages: the same key always lands on the same partition.
            var partitionOfKey: [String: Int32] = [:]
            for (message, report) in zip(messages, reports) {
                let key = String(decoding: message.key!, as: UTF8.self)
                #expect(partitionOfKey[key, default: report.partition] == report.partition)
                partitionOfKey[key] = report.partition
            }
            #expect(try producer.metadata.partitions(of: "roundtrip") == [0, 1, 2, 3])
            var highTotal: Int64 = 0
            for partition: Int32 in 0..<4 {
                highTotal += try producer.metadata.watermarks(topic: "roundtrip", partition: partition).high
            }
            #expect(highTotal == 200)

            // Start partition 0 at offset 3: the rebalance callback's offsets must be honoured.
            let handler = RecordingHandler()
            handler.startOffsets[TopicPartition(topic: "roundtrip", partition: 0)] = 3
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumer.defaults(brokers: cluster.bootstrapServers, group: "roundtrip-group"),
                topics: ["roundtrip"],
                handler: handler,
                logger: TestEnvironment.logger
            )
            let skippedOnZero = reports.filter { $0.partition == 0 && $0.offset < 3 }.count
            var received: [KafkaMessage] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while received.count < 200 - skippedOnZero && ContinuousClock.now < deadline {
                received += try consumer.poll(maxMessages: 100, timeout: .milliseconds(200))
            }
            #expect(received.count == 200 - skippedOnZero)
            #expect(!received.contains { $0.partition == 0 && $0.offset < 3 })
            #expect(Set(handler.assigned.map(\.partition)) == [0, 1, 2, 3])
            let sample = try #require(received.first)
            let header = try #require(sample.header("n"))
            let n = try #require(Int(String(decoding: header, as: UTF8.self)))
            #expect(sample.value == Array("value-\(n)".utf8))
            #expect(sample.key == Array("key-\(n % 10)".utf8))
            #expect(sample.header("empty") == [])
            consumer.close()
            #expect(Set(handler.revoked.map(\.partition)) == [0, 1, 2, 3])
        }
    }

    @Test func unacknowledgedMessagesAreReported() async throws {
        try await Blocking.run {
            let cluster = try KafkaMockCluster(brokers: 1)
            try cluster.createTopic("exists", partitions: 1)
            var configuration = KafkaProducer.defaults(brokers: cluster.bootstrapServers)
            configuration["message.timeout.ms"] = "2000"
            let producer = try KafkaProducer(configuration: configuration, logger: TestEnvironment.logger)
            try cluster.setBroker(1, up: false)
            let reports = producer.send(
                [KafkaOutgoingMessage(topic: "exists", key: nil, value: Array("lost?".utf8))],
                timeout: .seconds(10)
            )
            let error = try #require(reports[0].error)
            #expect(error.isRetriable || error.codeName == "_MSG_TIMED_OUT")
        }
    }

    /// A send that stops waiting still gets its delivery report later; it is collected and dropped, not kept.
    @Test func reportsOfTimedOutSendsAreCollected() async throws {
        try await Blocking.run {
            let cluster = try KafkaMockCluster(brokers: 1)
            try cluster.createTopic("late", partitions: 1)
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
                logger: TestEnvironment.logger
            )
            try cluster.setBroker(1, up: false)
            let reports = producer.send(
                [KafkaOutgoingMessage(topic: "late", key: nil, value: Array("slow".utf8))],
                timeout: .seconds(1)
            )
            #expect(reports[0].error?.codeName == "_TIMED_OUT")
            try cluster.setBroker(1, up: true)
            #expect(producer.flush(timeout: .seconds(30)))
            #expect(producer.retainedReports == 0)
        }
    }
}
