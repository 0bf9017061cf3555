// Quality evaluations that print figures and PASS/FAIL targets. Each lives in the IngestEval module.
import Foundation
import IngestEval

let commands: [String: (ArraySlice<String>) throws -> Void] = [
    "dedup": DedupEval.run,
    "claims": ClaimsEval.run,
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let command = commands[name] else {
    let names = commands.keys.sorted().joined(separator: " | ")
    FileHandle.standardError.write(Data("usage: ingest-eval (\(names)) [options]\n".utf8))
    exit(2)
}
do {
    try command(arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("ingest-eval \(name): \(error)\n".utf8))
    exit(1)
}
