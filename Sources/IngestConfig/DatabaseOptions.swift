import ArgumentParser

public struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(Setting.databaseURL, help: "libpq URI or conninfo")
    public var databaseURLFlag: String?

    public init() {}

    public var databaseURL: String {
        Setting.databaseURL.resolve(databaseURLFlag)
    }
}
