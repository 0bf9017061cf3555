// IngestWorker
