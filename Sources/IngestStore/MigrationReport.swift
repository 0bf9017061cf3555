/// What one `Migrator` run did: the migrations it applied and how many were already applied.
public struct MigrationReport: Sendable {
    public var applied: [Migration]
    public var alreadyApplied: Int
}
