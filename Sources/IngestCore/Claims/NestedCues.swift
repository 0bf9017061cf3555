/// Whether cues inside a claim's content may still make claims of their own (nested attributions).
enum NestedCues {
    /// Never: the content is taken whole.
    case blocked
    /// Unless the content is a whole quote.
    case allowedOutsideWholeQuotes
    /// Only in reported speech (`said that X believes ...`); a quote may not report another's words.
    case allowedInReportedSpeech
    case allowed
}
