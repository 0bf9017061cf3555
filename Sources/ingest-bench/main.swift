// Benchmarks that print figures (quality evaluations are `ingest-eval`). Each subcommand lives in its own file.
import IngestEval

CommandTable.run(
    "ingest-bench",
    [
        "parse": ParseBench.run, "dedup": DedupBench.run, "claims": ClaimsBench.run, "store": StoreBench.run,
        "pipeline": PipelineBench.run,
    ]
)
