// Quality evaluations that print figures and PASS/FAIL targets; they live in the IngestEval module.
import IngestEval

CommandTable.run(
    "ingest-eval",
    [
        "dedup": DedupEval.run, "claims": ClaimsEval.run, "claims-variants": ClaimVariantsEval.run,
        "story-candidates": StoryCandidatesEval.run,
    ]
)
