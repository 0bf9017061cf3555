/// What a rule found: a speaker (still a phrase of the text), the cue and the content tokens. ``ClaimScanner``
/// has the speaker resolved and ``ClaimMerger`` turns the candidate into a ``Claim``.
struct ClaimCandidate {
    var kind: ClaimKind
    var speaker: CandidateSpeaker
    var sentence: SentenceRange
    var cue: Range<Int>?
    /// The cue of an earlier claim, for a quote that continues it.
    var inheritedCue: Segment?
    var content: Range<Int>
    var polarity: Polarity = .positive
    var reportingSource: String?
    var reporter: CandidateReporter?
    var confidence: Double
    var quote: Int?
    /// Content pieces around an interrupting attribution.
    var parts: [Range<Int>] = []
    /// Whether cues inside the content may still make claims of their own (nested attributions).
    var blocksContent = true
    /// Further tokens the claim uses once merged (a speaker phrase resolved apart from it).
    var takes: Range<Int>?
}
