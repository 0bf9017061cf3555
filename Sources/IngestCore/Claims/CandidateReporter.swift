/// The outlet relaying a ``ClaimCandidate`` (`quoted by KCNA`, `..., according to Reuters`), before it is named.
enum CandidateReporter {
    /// A phrase of the text, resolved before or after the speaker (the order the resolver sees mentions in);
    /// dropped when it names the speaker itself if `unlessSpeaker`; `takes` are the tokens it uses.
    case phrase(Range<Int>, takes: Range<Int>?, beforeSpeaker: Bool, unlessSpeaker: Bool)
    /// The reporter of the candidate applied just before.
    case sameAsPrevious
}
