import Foundation
import Logging
import Worker

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
    return handler
}
do {
    let command = try WorkerCommand.parse()
    try await command.run()
} catch {
    WorkerCommand.exit(withError: error)
}
