/// What a rule found: a speaker (already resolved), the cue and the content tokens. ``ClaimMerger`` turns it into
/// a ``Claim``.
struct ClaimCandidate {
    var kind: ClaimKind
    var speaker: Speaker?
    var entity: Int?
    var cue: Range<Int>?
    var content: Range<Int>
    var polarity: Polarity = .positive
    var reportingSource: String?
    var confidence: Double
    var quote: Int?
    /// Content pieces around an interrupting attribution.
    var parts: [Range<Int>] = []
    /// Whether cues inside the content may still make claims of their own (nested attributions).
    var blocksContent = true
}
