/// Reading a speaker phrase: its comma parts, the names and outlet inside it, its text without determiners.
extension DocumentReading {
    /// Splits a phrase on commas outside parentheses.
    func commaParts(_ np: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = np.lowerBound
        var depth = 0
        for t in np {
            let token = tok(t)
            if token.isPunct(40) { depth += 1 }
            if token.isPunct(41) { depth = max(0, depth - 1) }
            if depth == 0 && isComma(t) {
                if t > start { parts.append(start..<t) }
                start = t + 1
            }
        }
        if start < np.upperBound { parts.append(start..<np.upperBound) }
        return parts
    }

    func lastPersonName(_ range: Range<Int>) -> Range<Int>? {
        var found: Range<Int>?
        var cursor = range.lowerBound
        while let run = nextCapitalizedRun(&cursor, in: range) {
            if let name = personName(run: run) { found = name }
        }
        return found
    }

    /// Text of a range without leading determiners, `-based` modifiers and trailing punctuation.
    func cleanedText(_ range: Range<Int>) -> String? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && tok(lower).isWord && !tok(lower).isCapitalized
            && (tok(lower).is(.determiner) || tok(lower).is(.preposition))
        {
            lower += 1
        }
        while lower < upper && tok(lower).isWord
            && doc.string(Int(tok(lower).start), Int(tok(lower).end)).hasSuffix("-based")
        {
            lower += 1
        }
        while upper > lower && (tok(upper - 1).kind == .punct && !tok(upper - 1).isPunct(41)) {
            // `Samsung Electronics Co.`: the period of an abbreviation is part of the name.
            if tok(upper - 1).isPunct(46) && upper - 1 > lower && tok(upper - 2).is(.abbreviation)
                && !tok(upper - 1).flags.contains(.spaceBefore) && tok(upper - 2).isCapitalized
            {
                break
            }
            upper -= 1
        }
        // `the union's`: the owner, without the possessive ending.
        return lower < upper ? nameText(lower..<upper) : nil
    }

    /// The name an outlet goes by inside a phrase: `Yonhap` in `South Korea's Yonhap news agency`.
    func mediaName(_ range: Range<Int>) -> String? {
        for t in range where tok(t).is(.mediaName) && tok(t).isCapitalized { return text(t..<(t + 1)) }
        var cursor = range.lowerBound
        while let run = nextCapitalizedRun(&cursor, in: range) {
            let hasMediaWord = run.contains { tok($0).isWord && tok($0).is(.mediaWord) }
            if hasMediaWord && wordCount(run) >= 2 && !tok(run.lowerBound).is(.mediaWord) {
                var lower = run.lowerBound
                while lower < run.upperBound && tok(lower).is(.determiner) { lower += 1 }
                if lower < run.upperBound { return text(lower..<run.upperBound) }
            }
        }
        for t in range {
            let token = tok(t)
            if token.isWord && token.isCapitalized && !token.flags.contains(.possessive)
                && !token.is([.place, .nationality, .determiner, .notName, .mediaWord, .orgWord])
            {
                var e = t + 1
                while e < range.upperBound && tok(e).isCapitalized && !tok(e).is(.mediaWord) { e += 1 }
                return text(t..<e)
            }
        }
        return nil
    }
}
