/// How two articles relate, strongest first.
public enum DedupRelation: String, Sendable, Codable, CaseIterable, Hashable {
    /// The same body: equal content hash, or the same normalised word sequence (formatting-only changes).
    case exact
    /// The same copy lightly edited: estimated shingle Jaccard ≥ ``DedupThresholds/nearJaccard``.
    case nearDuplicate = "near-duplicate"
    /// One reprints a substantial part of the other (trimmed, embedded in new text, or heavily edited).
    case reprint
    /// Shares a few sentences or quotes, not enough to be a reprint.
    case related
    case none

    /// Relations that put both articles in one story unconditionally.
    public var isCopy: Bool {
        self == .exact || self == .nearDuplicate || self == .reprint
    }
}
