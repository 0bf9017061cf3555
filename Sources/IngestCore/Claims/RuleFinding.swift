/// What a rule returns for the scanner to apply, in order.
enum RuleFinding {
    /// A claim to resolve and merge.
    case claim(ClaimCandidate)
    /// `..., according to X.` after a claim in the same sentence: X relays that claim. The tokens of `takes`
    /// are taken.
    case sourceOfLastClaim(Range<Int>, takes: Range<Int>, sentence: SentenceRange)
    /// A speaker phrase a rule read and then gave up on: the resolver still sees the mention (salience).
    case mention(Range<Int>, sentence: SentenceRange)
    /// `"A," he said. "B."`: the quote (token range, quote index) runs on the last claim's direct quote, whose
    /// content it extends: one attribution, as the annotation of reported speech counts it.
    case extendsLastClaim(Range<Int>, quote: Int)
}
