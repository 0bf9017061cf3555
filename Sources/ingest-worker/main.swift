import IngestConfig
import Worker

LogBootstrap.bootstrap(defaultLevel: .info)
do {
    let command = try WorkerCommand.parse()
    try await command.run()
} catch {
    WorkerCommand.exit(withError: error)
}
