/// A block of body text the extractor reads: a paragraph, the title or a highlight.
struct TextUnit: Sendable {
    var firstToken: Int
    var endToken: Int
    var isBody: Bool
}

/// A pair of matching quote marks. For a quote running over paragraphs, `open` and `close` are in different units.
struct QuoteSpan: Sendable {
    var open: Int
    var close: Int
    var isDouble: Bool
}

/// A sentence as the extractor sees it: quotes are opaque, so a quote of several sentences stays in one.
struct SentenceRange: Sendable {
    var first: Int
    var end: Int
    var unit: Int
}

/// The tokenized article with quotes and sentences: the input of the attribution rules.
struct ClaimDocument {
    let s: [UInt32]
    /// The article text, for copying output strings out of it.
    let text: String
    /// The UTF-8 offset of each scalar in `text`, and of its end; empty when the text is ASCII (offsets are equal).
    let utf8Offsets: [Int32]
    var tokens: [Token] = []
    var units: [TextUnit] = []
    var quotes: [QuoteSpan] = []
    /// For each token, the index of the top-level quote whose marks or inside it belongs to, or -1.
    var quoteAt: [Int32] = []
    var sentences: [SentenceRange] = []
    let lexicon: Lexicon

    init(article: ParsedArticle, lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
        let decoded = ClaimTokenizer.scalarsAndOffsets(of: article.text)
        s = decoded.scalars
        utf8Offsets = decoded.offsets
        text = article.text
        var spans: [(TextSpan, Bool)] = []
        spans.reserveCapacity(article.paragraphs.count + article.highlights.count + 1)
        if let title = article.title { spans.append((title.span, false)) }
        for highlight in article.highlights { spans.append((highlight.span, false)) }
        for paragraph in article.paragraphs { spans.append((paragraph.span, true)) }
        spans.sort { $0.0.start < $1.0.start }
        // The token ranges of the spans, in order: (first, end, isBody).
        var spanTokens: [(Int, Int, Bool)] = []
        spanTokens.reserveCapacity(spans.count)
        let datelineEnd = article.dateline?.span.end ?? 0
        // Spans are tokenized over disjoint, increasing scalar ranges and every token takes at least one scalar,
        // so `s.count` tokens is room enough: tokens are written in place, with no append per token.
        tokens = s.withUnsafeBufferPointer { scalars in
            [Token](unsafeUninitializedCapacity: max(1, scalars.count)) { buffer, initialized in
                var count = 0
                var covered = 0
                for (span, isBody) in spans {
                    var from = max(span.start, covered)
                    if datelineEnd > from && datelineEnd < span.end { from = datelineEnd }
                    let to = min(span.end, scalars.count)
                    guard from < to else { continue }
                    let first = count
                    ClaimTokenizer.tokenize(
                        scalars,
                        from: from,
                        to: to,
                        lexicon: lexicon,
                        into: buffer.baseAddress!,
                        count: &count
                    )
                    spanTokens.append((first, count, isBody))
                    covered = to
                }
                initialized = count
            }
        }
        units.reserveCapacity(spanTokens.count)
        for (first, end, isBody) in spanTokens where end > first {
            let start = isBody && units.count < 4 ? skipDateline(first, end: end) : first
            if start < end { units.append(TextUnit(firstToken: start, endToken: end, isBody: isBody)) }
        }
        quoteAt = [Int32](repeating: -1, count: tokens.count)
        findQuotes()
        // About one sentence per 20 tokens in news copy; a guess that saves most regrowth.
        sentences.reserveCapacity(units.count + tokens.count / 16)
        findSentences()
    }

    /// `SEOUL, July 27 (Reuters) -` at the start of a paragraph, when the parser left it in. `end` is the end of
    /// the tokens read so far (the paragraph's own end): nothing after it is looked at.
    private func skipDateline(_ first: Int, end: Int) -> Int {
        var t = first
        let limit = min(end, first + 14)
        while t < limit {
            let token = tokens[t]
            if token.isPunct(40) {
                guard t + 3 < end, tokens[t + 1].isWord, tokens[t + 1].isCapitalized, tokens[t + 2].isPunct(41)
                else { return first }
                let dash = tokens[t + 3]
                guard dash.kind == .punct, dash.hash == 45 || dash.hash == 0x2013 || dash.hash == 0x2014 else {
                    return first
                }
                return t + 4
            }
            let isDash =
                token.kind == .punct
                && (token.hash == 45 || token.hash == 0x2013 || token.hash == 0x2014 || token.hash == 0x2015)
            if isDash && t > first && tokens[first].flags.contains(.allCaps) {
                // `WASHINGTON ―`, `WASHINGTON --`
                var e = t + 1
                while e < end && tokens[e].isPunct(45) { e += 1 }
                return e
            }
            guard token.isWord && token.isCapitalized || token.kind == .number || token.isPunct(44) || token.isPunct(46)
            else { return first }
            t += 1
        }
        return first
    }

    @inline(__always)
    func scalar(_ index: Int) -> UInt32 { index >= 0 && index < s.count ? s[index] : 32 }

    /// The text of scalars `from..<to`, copied out of the article's own UTF-8: no re-encoding, no validation.
    func string(_ from: Int, _ to: Int) -> String {
        let lower = utf8Offsets.isEmpty ? from : Int(utf8Offsets[from])
        let upper = utf8Offsets.isEmpty ? to : Int(utf8Offsets[to])
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        let end = utf8.index(start, offsetBy: upper - lower)
        return String(text[start..<end])
    }

    /// UTF-8 encodes scalars straight into a new string: one allocation, no per-scalar appends.
    static func string<C: Collection<UInt32>>(_ scalars: C) -> String {
        var bytes = 0
        for c in scalars { bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var i = 0
            for c in scalars {
                if c < 0x80 {
                    buffer[i] = UInt8(c)
                    i += 1
                } else if c < 0x800 {
                    buffer[i] = UInt8(0xC0 | (c >> 6))
                    buffer[i + 1] = UInt8(0x80 | (c & 0x3F))
                    i += 2
                } else if c < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (c >> 12))
                    buffer[i + 1] = UInt8(0x80 | ((c >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (c & 0x3F))
                    i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (c >> 18))
                    buffer[i + 1] = UInt8(0x80 | ((c >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((c >> 6) & 0x3F))
                    buffer[i + 3] = UInt8(0x80 | (c & 0x3F))
                    i += 4
                }
            }
            return i
        }
    }

    func segment(_ from: Int, _ to: Int) -> Segment {
        Segment(span: TextSpan(start: from, end: to), text: string(from, to))
    }

    // MARK: Quotes

    private enum Lean {
        case open
        case close
        case either
    }

    private func lean(_ t: Int) -> Lean {
        let token = tokens[t]
        let before = scalar(Int(token.start) - 1)
        let after = scalar(Int(token.end))
        let atStart = Int(token.start) == 0
        let beforeOpenish =
            atStart || CharClass.isSpace(before) || before == 40 || before == 91 || before == 123
            || before == 0x2014 || before == 0x2013 || before == 45 || before == 47 || CharClass.isDoubleQuote(before)
            || CharClass.isSingleQuote(before)
        let afterCloseish =
            Int(token.end) >= s.count || CharClass.isSpace(after) || (!CharClass.isAlnum(after) && after != 0x2018)
        let canOpen = !CharClass.isSpace(after) && Int(token.end) < s.count && beforeOpenish
        let canClose = !atStart && !CharClass.isSpace(before) && afterCloseish
        if canOpen && !canClose { return .open }
        if canClose && !canOpen { return .close }
        let c = s[Int(token.start)]
        if c == 0x201C || c == 0x201E || c == 0xAB || c == 0x2018 || c == 0x60 { return .open }
        if c == 0x201D || c == 0xBB || c == 0x2019 { return .close }
        return .either
    }

    private mutating func findQuotes() {
        var openAt = -1
        for (u, unit) in units.enumerated() {
            var t = unit.firstToken
            if openAt >= 0 {
                // Newswire convention: a quote running on starts the next paragraph with an opening mark.
                if tokens[t].kind == .doubleQuote && lean(t) != .close {
                    t += 1
                } else {
                    openAt = -1
                }
            }
            while t < unit.endToken {
                if tokens[t].kind == .doubleQuote {
                    let side = lean(t)
                    if openAt < 0 {
                        if side != .close { openAt = t }
                    } else if side == .open && s[Int(tokens[t].start)] != 34 && tokens[t].end - tokens[t].start == 1 {
                        openAt = t
                    } else {
                        quotes.append(QuoteSpan(open: openAt, close: t, isDouble: true))
                        openAt = -1
                    }
                }
                t += 1
            }
            if openAt >= 0 {
                let next = u + 1 < units.count ? units[u + 1].firstToken : -1
                if next < 0 || tokens[next].kind != .doubleQuote || lean(next) == .close { openAt = -1 }
            }
        }
        for (index, quote) in quotes.enumerated() {
            for t in quote.open...quote.close { quoteAt[t] = Int32(index) }
        }
        findSingleQuotes()
    }

    /// Single-quoted passages outside double quotes (headline style: `Trump 'absolutely right'`).
    private mutating func findSingleQuotes() {
        var added: [QuoteSpan] = []
        for unit in units {
            var openAt = -1
            var t = unit.firstToken
            while t < unit.endToken {
                if quoteAt[t] >= 0 {
                    openAt = -1
                    t += 1
                    continue
                }
                let token = tokens[t]
                if token.kind == .singleQuote {
                    let side = lean(t)
                    if openAt < 0 {
                        if side == .open { openAt = t }
                    } else if side == .close {
                        if t - openAt >= 2 && t - openAt <= 40 {
                            added.append(QuoteSpan(open: openAt, close: t, isDouble: false))
                        }
                        openAt = -1
                    }
                } else if token.kind == .punct && (token.hash == 46 || token.hash == 63 || token.hash == 33) {
                    openAt = -1
                }
                t += 1
            }
        }
        guard !added.isEmpty else { return }
        for quote in added {
            let index = Int32(quotes.count)
            quotes.append(quote)
            for t in quote.open...quote.close { quoteAt[t] = index }
        }
        quotes.sort { $0.open < $1.open }
        for t in quoteAt.indices { quoteAt[t] = -1 }
        for (index, quote) in quotes.enumerated() {
            for t in quote.open...quote.close { quoteAt[t] = Int32(index) }
        }
    }

    // MARK: Sentences

    @inline(__always)
    func isTerminal(_ t: Int) -> Bool {
        let token = tokens[t]
        return token.kind == .punct
            && (token.hash == 46 || token.hash == 33 || token.hash == 63 || token.hash == 0x2026)
    }

    /// Whether a sentence may start at token `t`.
    @inline(__always)
    private func canStartSentence(_ t: Int) -> Bool {
        let token = tokens[t]
        switch token.kind {
        case .word: return token.isCapitalized
        case .number, .doubleQuote, .singleQuote: return true
        case .punct: return token.hash == 40 || token.hash == 91 || token.hash == 45 || token.hash == 0x2014
        }
    }

    private func isAbbreviationStop(_ t: Int) -> Bool {
        guard tokens[t].hash == 46, t > 0, tokens[t].end - tokens[t].start == 1 else { return false }
        let previous = tokens[t - 1]
        guard previous.isWord, previous.end == tokens[t].start else { return false }
        return previous.is(.abbreviation) || previous.flags.contains(.singleLetter)
    }

    /// `"... afraid?" Trump said, looking out`: a quote ending in `?` or `!` keeps its attribution.
    private func attributionFollows(_ t: Int, end: Int) -> Bool {
        var k = t
        while k < end && k < t + 7 {
            let token = tokens[k]
            if token.kind != .word && !token.isPunct(46) { return false }
            if token.isWord && !token.isCapitalized && token.is([.speech, .passiveVerb]) {
                return k + 1 >= end || tokens[k + 1].kind == .punct || tokens[k + 1].isCapitalized
            }
            k += 1
        }
        return false
    }

    private mutating func findSentences() {
        for (u, unit) in units.enumerated() {
            var start = unit.firstToken
            var t = unit.firstToken
            while t < unit.endToken {
                let q = quoteAt[t]
                if q >= 0 {
                    let quote = quotes[Int(q)]
                    if quote.close >= unit.endToken {
                        // The quote runs on into the next paragraph: the sentence ends with this one.
                        break
                    }
                    t = max(t, quote.close)
                    // A quote that ends a sentence inside it (`... peace."`) ends the outer sentence too.
                    if quote.close == t && quote.close > quote.open + 1 && isTerminal(quote.close - 1)
                        && t + 1 < unit.endToken && canStartSentence(t + 1) && quoteAt[t + 1] != q
                        && !attributionFollows(t + 1, end: unit.endToken)
                    {
                        sentences.append(SentenceRange(first: start, end: t + 1, unit: u))
                        start = t + 1
                    }
                    t += 1
                    continue
                }
                if isTerminal(t) && !isAbbreviationStop(t) {
                    var e = t + 1
                    while e < unit.endToken && isTerminal(e) { e += 1 }
                    while e < unit.endToken && tokens[e].kind == .punct
                        && (tokens[e].hash == 41 || tokens[e].hash == 93)
                    {
                        e += 1
                    }
                    if e < unit.endToken && canStartSentence(e) {
                        sentences.append(SentenceRange(first: start, end: e, unit: u))
                        start = e
                    }
                    t = e
                    continue
                }
                t += 1
            }
            if start < unit.endToken { sentences.append(SentenceRange(first: start, end: unit.endToken, unit: u)) }
        }
    }
}
