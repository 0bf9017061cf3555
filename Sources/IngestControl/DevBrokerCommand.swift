import ArgumentParser
import Foundation
import Kafka

/// Hosts librdkafka's mock cluster for development and tests.
public struct DevBrokerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Run an in-memory Kafka cluster (librdkafka's mock) on 127.0.0.1 for development and tests.",
        discussion: """
            Prints the bootstrap servers on the first line of standard output, then serves until SIGINT or SIGTERM.
            Lines on standard input inject faults:
              broker down|up ID              take a broker off or back on the network
              errors API COUNT ERROR_NAME    fail the next COUNT requests (API: produce, fetch, commit, ...)
              leader TOPIC PARTITION BROKER  move a partition's leadership
              clear API                      drop pending injected errors
              topic NAME PARTITIONS          create another topic
            Each command answers "ok" or "error: ..." on standard output.
            """
    )

    @Option(help: "Number of brokers.")
    var brokers: Int = 3

    @Option(name: .customLong("topic"), help: "Topic to create, NAME:PARTITIONS (repeatable).")
    var topics: [String] = ["articles.raw:8", "articles.dlq:2"]

    @Option(help: "Also write the bootstrap servers to this file (for scripts).")
    var bootstrapFile: String?

    public init() {}

    public func run() throws {
        // Block the signals before any thread starts, so every thread inherits the mask and sigwait sees them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let cluster = try KafkaMockCluster(brokers: brokers)
        for spec in topics {
            let (name, partitions) = try Self.parseTopic(spec)
            try cluster.createTopic(name, partitions: partitions, replicationFactor: min(3, brokers))
        }
        let bootstrap = cluster.bootstrapServers
        if let bootstrapFile {
            try (bootstrap + "\n").write(toFile: bootstrapFile, atomically: true, encoding: .utf8)
        }
        print(bootstrap)
        fflush(nil)
        FileHandle.standardError.write(
            Data("dev-broker: \(brokers) brokers at \(bootstrap); topics \(topics.joined(separator: ", "))\n".utf8)
        )

        let control = Thread {
            while let line = readLine() {
                print(Self.control(cluster, command: line))
                fflush(nil)
            }
        }
        control.start()

        var received: Int32 = 0
        sigwait(&signals, &received)
        FileHandle.standardError.write(Data("dev-broker: stopping\n".utf8))
        if let bootstrapFile { try? FileManager.default.removeItem(atPath: bootstrapFile) }
    }

    static func parseTopic(_ spec: String) throws -> (String, Int) {
        let parts = spec.split(separator: ":")
        guard parts.count == 2, let partitions = Int(parts[1]), partitions > 0 else {
            throw ValidationError("--topic expects NAME:PARTITIONS, got \(spec)")
        }
        return (String(parts[0]), partitions)
    }

    /// Applies one fault-injection command and returns the answer line.
    static func control(_ cluster: KafkaMockCluster, command line: String) -> String {
        let words = line.split(separator: " ").map(String.init)
        do {
            switch words.first {
            case "broker" where words.count == 3 && (words[1] == "down" || words[1] == "up"):
                guard let id = Int32(words[2]) else { return "error: broker id must be a number" }
                try cluster.setBroker(id, up: words[1] == "up")
            case "errors" where words.count == 4:
                guard let api = KafkaMockCluster.API(name: words[1]) else { return "error: unknown API \(words[1])" }
                guard let count = Int(words[2]) else { return "error: count must be a number" }
                try cluster.pushRequestErrors(api, count: count, errorName: words[3])
            case "leader" where words.count == 4:
                guard let partition = Int32(words[2]), let broker = Int32(words[3]) else {
                    return "error: partition and broker must be numbers"
                }
                try cluster.setPartitionLeader(topic: words[1], partition: partition, broker: broker)
            case "clear" where words.count == 2:
                guard let api = KafkaMockCluster.API(name: words[1]) else { return "error: unknown API \(words[1])" }
                cluster.clearRequestErrors(api)
            case "topic" where words.count == 3:
                guard let partitions = Int(words[2]) else { return "error: partitions must be a number" }
                try cluster.createTopic(
                    words[1],
                    partitions: partitions,
                    replicationFactor: min(3, cluster.brokerCount)
                )
            case nil:
                return "ok"
            default:
                return "error: unknown command \(words[0])"
            }
            return "ok"
        } catch {
            return "error: \(error)"
        }
    }
}
