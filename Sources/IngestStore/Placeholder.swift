// IngestStore
