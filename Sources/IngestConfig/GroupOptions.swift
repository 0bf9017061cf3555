import ArgumentParser

/// The consumer group: the worker joins it; `ingestctl status`, `verify` and `replay` read or move its positions.
public struct GroupOptions: ParsableArguments, Sendable {
    @Option(Setting.group, help: "Consumer group")
    public var groupFlag: String?

    public init() {}

    public var group: String { Setting.group.resolve(groupFlag) }
}
