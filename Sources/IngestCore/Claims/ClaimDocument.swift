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

    /// The document of `article`, read from its one tokenization (``ParsedArticle/tokenized``).
    init(article: ParsedArticle, lexicon: Lexicon = .shared) {
        self.init(text: article.tokenized, lexicon: lexicon)
    }

    init(text layer: ArticleText, lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
        s = layer.scalars
        utf8Offsets = layer.utf8Offsets
        text = layer.text
        tokens = layer.tokens
        tokens.withUnsafeMutableBufferPointer { tokens in
            for t in tokens.indices where tokens[t].kind == .word { tokens[t].classes = lexicon.lookup(tokens[t].hash) }
        }
        // One unit per block; `unitBlocks` remembers which, for reading the block's sentences.
        var unitBlocks: [Int] = []
        units.reserveCapacity(layer.blocks.count)
        unitBlocks.reserveCapacity(layer.blocks.count)
        for (index, block) in layer.blocks.enumerated() {
            let first = block.firstToken
            let end = block.endToken
            let start = block.isBody && units.count < 4 ? skipDateline(first, end: end) : first
            if start < end {
                units.append(TextUnit(firstToken: start, endToken: end, isBody: block.isBody))
                unitBlocks.append(index)
            }
        }
        quotes = layer.quotes
        quoteAt = layer.quoteAt
        sentences.reserveCapacity(layer.sentences.count)
        joinSentences(layer.sentences, unitBlocks: unitBlocks)
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
        ArticleText.string(text, utf8Offsets: utf8Offsets, from, to)
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

    // MARK: Sentences

    @inline(__always)
    func isTerminal(_ t: Int) -> Bool {
        let token = tokens[t]
        return token.kind == .punct
            && (token.hash == 46 || token.hash == 33 || token.hash == 63 || token.hash == 0x2026)
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

    /// The article's sentences (``ArticleText/sentences``), joined where a quote holds them together: the rules see
    /// a quote of several sentences, or a quote and the attribution after it, as one sentence. So every sentence here
    /// is a run of whole article sentences (the first cut at its unit's start, after a dateline).
    private mutating func joinSentences(_ articleSentences: [TextSentence], unitBlocks: [Int]) {
        var next = 0
        for (u, unit) in units.enumerated() {
            let block = unitBlocks[u]
            while next < articleSentences.count && articleSentences[next].block < block { next += 1 }
            var start = unit.firstToken
            while next < articleSentences.count && articleSentences[next].block == block {
                let end = articleSentences[next].end
                next += 1
                guard end > start && end < unit.endToken && !isHeldTogether(at: end, unitEnd: unit.endToken) else {
                    continue
                }
                sentences.append(SentenceRange(first: start, end: end, unit: u))
                start = end
            }
            if start < unit.endToken { sentences.append(SentenceRange(first: start, end: unit.endToken, unit: u)) }
        }
    }

    /// Whether a sentence may start at token `t`: not at a dash or other mark that leads an attribution
    /// (`... shame.” ― Sonya Herridge`).
    @inline(__always)
    private func canStartSentence(_ t: Int) -> Bool {
        let token = tokens[t]
        switch token.kind {
        case .word: return token.isCapitalized
        case .number, .doubleQuote, .singleQuote: return true
        case .punct: return token.hash == 40 || token.hash == 91 || token.hash == 45 || token.hash == 0x2014
        }
    }

    /// Whether the sentence boundary before token `t` falls inside a quote, right after a quote whose attribution
    /// follows, or before a token that cannot start a sentence.
    private func isHeldTogether(at t: Int, unitEnd: Int) -> Bool {
        if !canStartSentence(t) { return true }
        let q = quoteAt[t - 1]
        guard q >= 0 else { return false }
        if quoteAt[t] == q { return true }
        return quotes[Int(q)].close == t - 1 && attributionFollows(t, end: unitEnd)
    }
}
