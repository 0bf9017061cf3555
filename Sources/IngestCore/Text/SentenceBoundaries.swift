/// Where sentences end, read off the tokens of one block (title, highlight or paragraph): the one idea of a
/// sentence that the parser's ``ParsedArticle/sentences``, the claims' sentences and dedup's sentence hashes share.
///
/// A sentence ends at `.`, `!`, `?`, `..` or an ellipsis, plus any closing quotes and brackets, when whitespace
/// follows and the next word does not continue the sentence: a lower-case word (`..." he said`), or a capitalised
/// word after a title (`Mr. Putin`), an initial (`J. Kirby`), an initialism (`U.N. Security Council`), a month
/// before a number (`Jul. 27`), or an ellipsis, unless that word typically starts sentences (`The`, `He`, `But`).
/// CJK full stops end a sentence without whitespace. Decimals (`3.5`) and dotted words (`U.S.`) are single
/// tokens, so only the final period of `U.S.` can end a sentence.
enum SentenceBoundaries {
    typealias Scalars = UnsafeBufferPointer<UInt32>

    private enum Terminator {
        case none
        /// `.` or `..`: the count of periods.
        case dots(Int)
        case bang
        case ellipsis
        /// CJK full stop, exclamation or question mark: ends a sentence even without a space.
        case hard
    }

    @inline(__always)
    private static func terminator(_ token: Token, _ s: Scalars) -> Terminator {
        switch token.kind {
        case .punct:
            switch token.hash {
            case 46: return .dots(Int(token.end - token.start))
            case 33, 63: return .bang
            case 0x2026: return .ellipsis
            case 0x3002, 0xFF01, 0xFF1F: return .hard
            default: return .none
            }
        case .word:
            // `U.S.`: the token keeps its final period.
            return token.flags.contains(.dotted) && s[Int(token.end) - 1] == 46 ? .dots(1) : .none
        default:
            return .none
        }
    }

    /// Whether every scalar of the token closes a quote or bracket.
    @inline(__always)
    private static func isCloser(_ token: Token, _ s: Scalars) -> Bool {
        guard token.kind != .word && token.kind != .number else { return false }
        for index in Int(token.start)..<Int(token.end) where !ByteText.isCloser(s[index]) { return false }
        return true
    }

    /// Whether nothing but zero-width scalars (which the tokenizer skips like spaces) separates token `b` from the
    /// token before it: `expect.\u{200B}”` closes its quote.
    @inline(__always)
    private static func touches(_ tokens: UnsafeBufferPointer<Token>, _ b: Int, _ s: Scalars) -> Bool {
        var index = Int(tokens[b - 1].end)
        let start = Int(tokens[b].start)
        while index < start {
            let c = s[index]
            guard c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF else { return false }
            index += 1
        }
        return true
    }

    /// `... bully.” ― Veronica Cruz⏎“As a young ...`: a line that ends in a dash and a name (a quote's attribution)
    /// ends the sentence when the next line opens a quote, though no terminator ends the line.
    private static func startsQuoteAfterAttributionLine(
        _ tokens: UnsafeBufferPointer<Token>,
        _ t: Int,
        first: Int,
        _ s: Scalars
    ) -> Bool {
        guard tokens[t].kind == .doubleQuote else { return false }
        let opener = s[Int(tokens[t].start)]
        guard opener == 0x22 || opener == 0x201C else { return false }
        var lineBreak = false
        for index in Int(tokens[t - 1].end)..<Int(tokens[t].start) where s[index] == 0x0A || s[index] == 0x2028 {
            lineBreak = true
        }
        guard lineBreak else { return false }
        // Back over up to five capitalised words to the dash.
        var k = t - 1
        var words = 0
        while k > first && words < 5 && tokens[k].kind == .word && tokens[k].flags.contains(.capitalized) {
            k -= 1
            words += 1
        }
        guard words > 0, tokens[k].kind == .punct else { return false }
        return tokens[k].hash == 0x2015 || tokens[k].hash == 0x2014 || tokens[k].hash == 0x2013
    }

    /// Appends the sentences of the block whose tokens are `first..<end` and whose text is scalars `from..<to`.
    static func split(
        _ s: Scalars,
        _ tokens: UnsafeBufferPointer<Token>,
        first: Int,
        end: Int,
        from: Int,
        to: Int,
        block: Int,
        quoteAt: UnsafeBufferPointer<Int32>,
        into output: inout [TextSentence]
    ) {
        var sentenceStart = first
        var t = first
        while t < end {
            if t > sentenceStart && startsQuoteAfterAttributionLine(tokens, t, first: sentenceStart, s) {
                output.append(TextSentence(first: sentenceStart, end: t, block: block))
                sentenceStart = t
            }
            if case .none = terminator(tokens[t], s) {
                t += 1
                continue
            }
            // The run of terminators that touch each other (`?!`, `."`).
            var runEnd = t
            var dots = 0
            var hasEllipsis = false
            var hasBang = false
            var isHard = false
            while runEnd < end && (runEnd == t || touches(tokens, runEnd, s)) {
                let kind = terminator(tokens[runEnd], s)
                if case .none = kind { break }
                switch kind {
                case .none: break
                case .dots(let count): dots += count
                case .bang: hasBang = true
                case .ellipsis: hasEllipsis = true
                case .hard: isHard = true
                }
                runEnd += 1
            }
            if dots >= 3 { hasEllipsis = true }
            // Closing quotes and brackets belong to the sentence they close.
            var closeEnd = runEnd
            var closed = false
            while closeEnd < end && touches(tokens, closeEnd, s) && isCloser(tokens[closeEnd], s) {
                closeEnd += 1
                closed = true
            }
            if closeEnd >= end { break }
            if touches(tokens, closeEnd, s) && !isHard {
                t = runEnd
                continue
            }
            // `them. … Democratic groups`: an ellipsis that opens the next words marks an elision, and one inside a
            // quote (`applied to them… It’s`) joins the quoted passages.
            let next = tokens[closeEnd]
            let elided =
                (next.kind == .punct && next.hash == 0x2026)
                || (hasEllipsis && quoteAt[runEnd - 1] >= 0 && quoteAt[runEnd - 1] == quoteAt[closeEnd])
            let split =
                isHard
                || !elided
                    && shouldSplit(
                        s,
                        dot: Int(tokens[runEnd - 1].end) - 1,
                        singleDot: dots == 1 && !hasBang && !hasEllipsis && runEnd == t + 1,
                        ellipsis: hasEllipsis && !hasBang,
                        closed: closed,
                        next: Int(tokens[closeEnd].start),
                        end: to,
                        lineStart: from
                    )
            if split {
                output.append(TextSentence(first: sentenceStart, end: closeEnd, block: block))
                sentenceStart = closeEnd
                t = closeEnd
            } else {
                t = closeEnd
            }
        }
        if sentenceStart < end { output.append(TextSentence(first: sentenceStart, end: end, block: block)) }
    }

    /// Whether the sentence ends before the word at scalar `next`; `dot` is the last terminator scalar.
    private static func shouldSplit(
        _ s: Scalars,
        dot: Int,
        singleDot: Bool,
        ellipsis: Bool,
        closed: Bool,
        next: Int,
        end: Int,
        lineStart: Int
    ) -> Bool {
        // Look through opening quotes and brackets at the next word.
        var wordStart = next
        while wordStart < end && ByteText.isOpener(s[wordStart]) { wordStart += 1 }
        if wordStart >= end { return true }
        let first = s[wordStart]
        if first >= 0x61 && first <= 0x7A { return false }
        if first == 0x2C || first == 0x3B || first == 0x3A || first == 0x29 || first == 0x5D { return false }
        if first >= 0x80, let value = Unicode.Scalar(first), value.properties.isLowercase { return false }
        let nextIsDigit = CharClass.isDigit(first)
        // `"Never!" Lee said.`: a quote closed by its terminator, then a name and a speech verb.
        if closed && !nextIsDigit && Abbreviations.isAttribution(s, wordStart, end) { return false }
        if ellipsis {
            // A mid-sentence ellipsis is followed by a name as often as by a new sentence.
            if closed && !nextIsDigit { return true }
            return Abbreviations.isSentenceStarter(s, wordStart, end)
        }
        guard singleDot else { return true }
        switch Abbreviations.kind(s, tokenEndingAt: dot, lineStart: lineStart) {
        case .none:
            return true
        case .neverFinal, .title:
            return false
        case .month, .ambiguous:
            if nextIsDigit { return false }
            return Abbreviations.isSentenceStarter(s, wordStart, end)
        }
    }
}
