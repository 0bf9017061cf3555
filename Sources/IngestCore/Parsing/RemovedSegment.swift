/// Text that was taken out of the body, kept so nothing is dropped silently.
public struct RemovedSegment: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String
    public var reason: RemovalReason
}
