// IngestControl
