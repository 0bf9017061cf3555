import ArgumentParser

/// The operator's tool.
public struct IngestCtl: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ingestctl",
        abstract: "Operate NewsIngest: migrate, run a dev broker, analyze articles offline, check and replay.",
        subcommands: [
            MigrateCommand.self,
            DevBrokerCommand.self,
            StatusCommand.self,
            VerifyCommand.self,
            ReplayCommand.self,
            DeadLetterCommand.self,
            PipelineCommand.self,
            ChecksumCommand.self,
            AnalyzeCommand.self,
        ]
    )

    public init() {}
}
