/// Scores sentences nobody is quoted as saying: numbers, dates, names and superlatives make a statement worth
/// checking; hedges, questions and first person make it less so.
extension RuleContext {
    /// Sentences scoring at least this are reported as unattributed factual claims.
    static let checkWorthinessThreshold = 0.5

    func checkWorthiness(_ range: Range<Int>) -> Double {
        var numbers = 0
        var dates = 0
        var names = 0
        var superlatives = 0
        var comparatives = 0
        var hedges = 0
        var firstPerson = 0
        var words = 0
        var previousCapitalized = false
        for t in range {
            let token = tok(t)
            if inQuote(t) {
                previousCapitalized = false
                continue
            }
            switch token.kind {
            case .number:
                numbers += 1
                let length = token.end - token.start
                if length == 4 || (length == 5 && doc.scalar(Int(token.end) - 1) == 115) { dates += 1 }
                previousCapitalized = false
            case .word:
                words += 1
                if token.is(.month) && token.isCapitalized || token.is(.day) && token.isCapitalized { dates += 1 }
                if token.is(.quantity) { numbers += 1 }
                if token.is(.superlative) {
                    superlatives += 1
                } else if token.end - token.start > 5 && doc.scalar(Int(token.end) - 1) == 116
                    && doc.scalar(Int(token.end) - 2) == 115 && doc.scalar(Int(token.end) - 3) == 101
                    && !token.isCapitalized
                {
                    // -est: largest, biggest, strongest.
                    superlatives += 1
                }
                if token.hash == W.than { comparatives += 1 }
                if token.is(.hedge) { hedges += 1 }
                if token.is(.pronounFirst) { firstPerson += 1 }
                let capitalized = token.isCapitalized && t != range.lowerBound && !token.is(.determiner)
                if capitalized && !previousCapitalized { names += 1 }
                previousCapitalized = capitalized
                if CharClass.isDigit(doc.scalar(Int(token.end) - 1)) { numbers += 1 }
            case .punct:
                if token.hash == 63 { return 0 }
                if token.hash == 37 { numbers += 1 }
                previousCapitalized = false
            case .doubleQuote, .singleQuote:
                previousCapitalized = false
            }
        }
        guard words >= 6 else { return 0 }
        var score = 0.22 * Double(min(numbers, 2)) + 0.15 * Double(min(dates, 1)) + 0.1 * Double(min(names, 3))
        score += superlatives > 0 ? 0.25 : 0
        score += comparatives > 0 ? 0.1 : 0
        score -= 0.15 * Double(min(hedges, 2))
        score -= firstPerson > 0 ? 0.3 : 0
        if words > 60 { score -= 0.1 }
        return min(1, max(0, (score * 100).rounded() / 100))
    }

    /// A body sentence with no attribution, with its score when it is worth checking.
    func unattributed(_ sentence: SentenceRange) -> (Range<Int>, Double)? {
        guard doc.units[sentence.unit].isBody else { return nil }
        let end = wordsEnd(sentence)
        guard end > sentence.first else { return nil }
        var quoted = 0
        for t in sentence.first..<end {
            if inQuote(t) { quoted += 1 }
            if merger.used[t] { return nil }
        }
        if quoted * 2 > end - sentence.first { return nil }
        let score = checkWorthiness(sentence.first..<end)
        guard score >= Self.checkWorthinessThreshold else { return nil }
        return (sentence.first..<end, score)
    }
}
