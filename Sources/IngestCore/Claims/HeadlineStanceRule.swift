/// A stance in a title-case headline: `Black Lawmakers Rip Donald Trump As A ‘Fraud’`, `Obama Seeks More Refugees`,
/// `Sanders Vows To Eliminate Tax Breaks`. The capitalised words before the verb are the source, the rest the content.
extension RuleContext {
    /// The claim for capitalised stance verb `c` in a headline (the first unit, or a unit outside the body); none
    /// unless every word before it is capitalised and the verb is in the present tense (`Seeks`, `Rip`).
    func headlineStance(_ c: Int, sentence: SentenceRange) -> [RuleFinding] {
        let a = sentence.first
        let end = wordsEnd(sentence)
        let token = tok(c)
        guard sentence.unit == 0 || !doc.units[sentence.unit].isBody, token.isWord, token.isCapitalized,
            c > a, c - a <= 6, c + 2 < end, !inQuote(c), !endsWithScalar(c, 100)  // not a past tense `-d`
        else { return [] }
        for t in a..<c where !(tok(t).isWord && tok(t).isCapitalized) || merger.used[t] { return [] }
        let next = c + 1
        guard tok(next).isCapitalized || openingQuote(at: next) != nil else { return [] }
        guard let np = speakerValid(a..<c, sentence) else { return [] }
        return wordCueClaim(np, takes: true, content: next..<end, cue: c, sentence: sentence, confidence: 0.6)
    }

    /// Whether word `t` ends in the scalar `value` (any case).
    private func endsWithScalar(_ t: Int, _ value: UInt32) -> Bool {
        doc.s[Int(tok(t).end) - 1] == value
    }
}
