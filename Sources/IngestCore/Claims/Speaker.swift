public struct Speaker: Sendable, Codable, Hashable {
    /// The words as they stand at the claim: `he`, `Patel`, `North Korean media`.
    public var asWritten: String
    public var span: TextSpan
    /// The full name or organisation, or nil when unresolved.
    public var resolved: String?
    public var type: SpeakerType
    public var role: String?
    public var affiliation: String?
    public var resolution: SpeakerResolution
    /// The whole source phrase at the claim, with role and appositive:
    /// `Dave Schmerler, a researcher at the James Martin Center ...`. ``span`` is the name or pronoun inside it.
    public var mentionSpan: TextSpan?
}
