import IngestControl

AnalyzeCommand.main()
