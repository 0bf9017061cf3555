/// Who speaks in a ``ClaimCandidate``, before the resolver names it.
enum CandidateSpeaker {
    /// A phrase of the text; `saying` is the content (a pronoun does not resolve to a name inside its own words);
    /// `takes` makes its tokens used, so that no other cue reads them as a speaker.
    case phrase(Range<Int>, saying: Range<Int>?, takes: Bool)
    /// Already known: the speaker of an earlier claim.
    case known(Speaker, Int?)
    /// The speaker of the candidate applied just before (the second half of a split quote).
    case sameAsPrevious
}
