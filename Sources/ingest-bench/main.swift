// Benchmarks and quality evaluations that print figures. Each subcommand lives in its own file.
import Foundation

let commands: [String: (ArraySlice<String>) throws -> Void] = [
    "parse": ParseBench.run,
    "dedup": DedupBench.run,
    "dedup-eval": DedupEval.run,
    "claims": ClaimsBench.run,
    "claims-eval": ClaimsEval.run,
    "store": StoreBench.run,
    "pipeline": PipelineBench.run,
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let command = commands[name] else {
    let names = commands.keys.sorted().joined(separator: " | ")
    FileHandle.standardError.write(Data("usage: ingest-bench (\(names)) [options]\n".utf8))
    exit(2)
}
do {
    try command(arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("ingest-bench \(name): \(error)\n".utf8))
    exit(1)
}
