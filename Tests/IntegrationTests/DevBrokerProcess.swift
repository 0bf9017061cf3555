import Foundation
import Testing

/// `ingestctl dev-broker` as a child process (the real binary, librdkafka's mock cluster over TCP), for tests that
/// run the other binaries against it. Stopped with SIGTERM when the test is done with it.
final class DevBrokerProcess {
    let process: ChildProcess
    let brokers: String
    private let control = Pipe()

    /// `topics`: `name:partitions` each.
    init(brokers count: Int = 1, topics: [String]) throws {
        process = try ChildProcess(
            try TestEnvironment.executable("ingestctl"),
            ["dev-broker", "--brokers", String(count)] + topics.flatMap { ["--topic", $0] },
            stdin: control
        )
        let process = process
        guard try TestEnvironment.waitUntil(timeout: .seconds(20), { process.output.contains("127.0.0.1:") }),
            let line = process.output.split(separator: "\n").first(where: { $0.hasPrefix("127.0.0.1:") })
        else { throw SetupError("the dev broker did not start: \(process.output)") }
        brokers = String(line)
    }

    deinit { process.kill(SIGTERM) }
}
