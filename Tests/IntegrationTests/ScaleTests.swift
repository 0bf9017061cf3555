import Blocking
import Foundation
import IngestCore
import IngestStore
import Kafka
import Testing
import Worker

@Suite struct ScaleTests {
    /// Partitions are shared, rebalanced and resumed differently with 1 and 4 workers; the results must not differ.
    @Test func oneWorkerAndFourWorkersGiveIdenticalResults() async throws {
        try await Blocking.run {
            let cluster = try KafkaMockCluster(brokers: 2)
            try cluster.createTopic("scale", partitions: 8, replicationFactor: 2)
            try cluster.createTopic("scale.dlq", partitions: 1)
            let producer = try KafkaProducer(
                configuration: KafkaProducer.defaults(brokers: cluster.bootstrapServers),
                logger: TestEnvironment.logger
            )
            // Articles, resends of some of them from other outlets, and a few bad messages.
            var values: [[UInt8]] = (0..<600).map { TestEnvironment.article($0).encoded() }
            values += (0..<60).map { TestEnvironment.article($0 * 7, outlet: "Reprinter").encoded() }
            values += (0..<12).map { _ in Array("{\"v\":1}".utf8) }
            let reports = producer.send(
                values.enumerated().map { index, value in
                    KafkaOutgoingMessage(topic: "scale", key: Array("key-\(index)".utf8), value: value)
                }
            )
            #expect(reports.allSatisfy { $0.error == nil })

            func run(workers count: Int) throws -> [String: String] {
                let database = try TestEnvironment.freshDatabase("scale\(count)")
                let store = ResultStore(
                    connection: try TestEnvironment.connect(database),
                    logger: TestEnvironment.logger
                )
                let workers = (0..<count).map { index in
                    InProcessWorker(
                        WorkerConfiguration(
                            brokers: cluster.bootstrapServers,
                            topic: "scale",
                            deadLetterTopic: "scale.dlq",
                            group: "scale-\(count)",
                            databaseURL: database,
                            batchSize: 50,
                            threads: 2,
                            pollTimeout: .milliseconds(100),
                            workerID: "scale-\(count)-\(index)"
                        )
                    )
                }
                let done = try TestEnvironment.waitUntil(timeout: .seconds(120)) {
                    try TestEnvironment.scalar(
                        store.connection,
                        "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets"
                    )
                        == Int64(values.count)
                }
                for worker in workers { _ = try worker.finish() }
                #expect(done, "\(count) worker(s) did not finish")
                #expect(try store.account(group: "scale-\(count)", topic: "scale").allSatisfy(\.isComplete))
                return try store.viewChecksums()
            }
            let one = try run(workers: 1)
            let four = try run(workers: 4)
            #expect(one == four)
            #expect(one["article_summary"]?.hasPrefix("600:") == true)
            #expect(one["dead_letters"]?.hasPrefix("12:") == true)
        }
    }
}
