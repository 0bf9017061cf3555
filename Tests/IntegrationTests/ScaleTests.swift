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
            // Articles, resends of some of them from other outlets, trimmed copies of others (which must join their
            // original's story whichever worker sees which first), and a few bad messages.
            var values: [[UInt8]] = (0..<600).map { TestEnvironment.article($0).encoded() }
            values += (0..<60).map { TestEnvironment.article($0 * 7, outlet: "Reprinter").encoded() }
            values += (0..<40).map { TestEnvironment.trimmedCopy(of: $0 * 13 + 1).encoded() }
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
                // Linked too: a worker links a batch after committing it, and a stop requested in between leaves
                // the linking queued for the next worker (seen in CI under load: 5 trimmed copies not yet linked
                // when one worker was stopped).
                let done = try TestEnvironment.waitUntil(timeout: .seconds(120)) {
                    try TestEnvironment.scalar(
                        store.connection,
                        "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets"
                    )
                        == Int64(values.count)
                        && LinkingBacklog.read(store.connection).isEmpty
                }
                for worker in workers { _ = try worker.finish() }
                #expect(done, "\(count) worker(s) did not finish")
                #expect(try store.account(group: "scale-\(count)", topic: "scale").allSatisfy(\.isComplete))
                // Every trimmed copy joined its original (two of its three paragraphs: a near-duplicate), and
                // nothing else was linked.
                #expect(
                    try TestEnvironment.scalar(store.connection, "SELECT count(DISTINCT story_key) FROM story_articles")
                        == 600
                )
                #expect(
                    try TestEnvironment.scalar(
                        store.connection,
                        "SELECT count(*) FROM duplicate_pairs WHERE kind = 'near-duplicate' AND same_story"
                    ) == 40
                )
                #expect(try TestEnvironment.scalar(store.connection, "SELECT count(*) FROM duplicate_pairs") == 40)
                return try store.viewChecksums()
            }
            let one = try run(workers: 1)
            let four = try run(workers: 4)
            #expect(one == four)
            #expect(one["article_summary"]?.hasPrefix("640:") == true)
            #expect(one["dead_letters"]?.hasPrefix("12:") == true)
        }
    }
}
