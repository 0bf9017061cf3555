import IngestConfig
import IngestStore
import Kafka
import Logging
import Postgres

/// What a command connects with: the store (retrying while PostgreSQL restarts) and a Kafka metadata client.
func openStore(_ database: DatabaseOptions, label: String) throws -> ResultStore {
    let logger = Logger(label: label)
    let connection = try PostgresConnection.connect(
        PostgresSettings(url: database.databaseURL, applicationName: label),
        logger: logger,
        attempts: 5
    )
    return ResultStore(connection: connection, logger: logger)
}

func metadataClient(_ kafka: KafkaOptions) throws -> KafkaProducer {
    var configuration = KafkaConfiguration(brokers: kafka.brokers)
    try configuration.apply(passThrough: kafka.passThrough)
    return try KafkaProducer(configuration: configuration, logger: Logger(label: "ingestctl"))
}
