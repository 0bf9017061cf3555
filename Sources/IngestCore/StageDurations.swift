/// Time spent in each stage of ``Pipeline/process(_:durations:)``.
public struct StageDurations: Sendable, Equatable {
    public var parse: Duration = .zero
    public var fingerprint: Duration = .zero
    public var claims: Duration = .zero

    public init() {}
}
