import IngestConfig
import Publishing

LogBootstrap.bootstrap(defaultLevel: .warning)
ProducerCommand.main()
