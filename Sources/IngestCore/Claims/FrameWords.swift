/// Nouns of the prepositional frames that attribute a view without a verb (``RuleContext/prepositionFrame(_:)``).
enum FrameWords {
    /// `in his eyes`, `in the view of X`, `in her opinion`, `to his mind`: whose view the sentence gives.
    static let viewNouns: Set<UInt64> = hashes("view views eyes opinion mind estimation judgment judgement words")
    /// `by one estimate`, `by his count`, `by some accounts`: whose figure or story the sentence gives.
    static let countNouns: Set<UInt64> = hashes(
        "estimate estimates count counts account accounts calculation calculations tally measure reckoning"
    )

    private static func hashes(_ words: String) -> Set<UInt64> {
        Set(words.split(separator: " ").map { WordHash.of(String($0)) })
    }
}
