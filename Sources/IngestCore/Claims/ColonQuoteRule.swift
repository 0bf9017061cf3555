/// `Caddell continued:`, `The Times reports:` ending a paragraph, with the quote in the next paragraph: the quote is
/// what the speaker said.
extension RuleContext {
    /// The claim for verb `c` followed by a colon that ends its paragraph, when the next paragraph opens with a
    /// quote; nil otherwise.
    func colonQuote(_ c: Int, speaker: CandidateSpeaker, site: CueSite) -> [RuleFinding]? {
        let sentence = site.sentence
        let colon = c + 1
        guard colon < sentence.end, tok(colon).isPunct(58), colon + 1 == sentence.end,
            sentence.end == doc.units[sentence.unit].endToken, sentence.unit + 1 < doc.units.count
        else { return nil }
        let next = doc.units[sentence.unit + 1]
        guard next.endToken > next.firstToken + 2, let q = openingQuote(at: next.firstToken),
            !merger.used[next.firstToken]
        else { return nil }
        let quote = doc.quotes[q]
        let claim = candidate(
            speaker,
            content: quote.open..<(quote.close + 1),
            at: site,
            confidence: 0.85,
            kind: (.directQuote, q)
        )
        return [.claim(claim)]
    }
}
