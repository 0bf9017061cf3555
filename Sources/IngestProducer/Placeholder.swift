// IngestProducer
