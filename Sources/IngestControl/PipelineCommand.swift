import ArgumentParser
import IngestConfig
import IngestStore

/// `ingestctl pipeline list|activate`.
public struct PipelineCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "List pipeline versions with results, or make one current for the public views.",
        subcommands: [List.self, Activate.self]
    )

    public init() {}

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List versions and their article counts.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try openStore(database, label: "ingestctl-pipeline")
            let rows = try store.connection.query(
                """
                SELECT v.version, v.is_current, v.first_seen::text AS first_seen,
                       (SELECT count(*) FROM articles a WHERE a.pipeline_version = v.version) AS articles
                FROM pipeline_versions v ORDER BY v.first_seen
                """
            ).rows
            for row in rows {
                let current = row["is_current"] == "t" ? "*" : " "
                print(
                    "\(current) \(row["version"] ?? "")  articles=\(row["articles"] ?? "0")  since \(row["first_seen"] ?? "")"
                )
            }
            if rows.isEmpty { print("no pipeline version has written results yet") }
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make VERSION current (readers switch at once).")
        @OptionGroup var database: DatabaseOptions
        @Argument var version: String

        func run() throws {
            try openStore(database, label: "ingestctl-pipeline").activate(pipelineVersion: version)
            print("pipeline version \(version) is now current")
        }
    }
}
