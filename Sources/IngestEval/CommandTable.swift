import Foundation

/// The `tool NAME [options]` dispatch of `ingest-bench` and `ingest-eval`: each command parses its own options and
/// prints figures; a failure is printed with the command's name and exits 1, an unknown name prints the usage.
package enum CommandTable {
    package static func run(_ tool: String, _ commands: [String: (ArraySlice<String>) throws -> Void]) -> Never {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let command = commands[name] else {
            let names = commands.keys.sorted().joined(separator: " | ")
            FileHandle.standardError.write(Data("usage: \(tool) (\(names)) [options]\n".utf8))
            exit(2)
        }
        do {
            try command(arguments.dropFirst())
        } catch {
            FileHandle.standardError.write(Data("\(tool) \(name): \(error)\n".utf8))
            exit(1)
        }
        exit(0)
    }
}
