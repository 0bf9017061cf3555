/// Pairs the quote marks of an article's tokens: double quotes (a quote may run on over paragraphs, newswire style)
/// and short single-quoted passages outside them. Part of the one tokenization (``ArticleText/quotes``).
struct QuoteFinder {
    let tokens: UnsafeBufferPointer<Token>
    let s: UnsafeBufferPointer<UInt32>
    /// The blocks' token ranges, in order.
    let blocks: [(firstToken: Int, endToken: Int)]
    var quotes: [QuoteSpan] = []
    /// For each token, the index of the quote whose marks or inside it belongs to, or -1.
    var quoteAt: [Int32]

    init(tokens: UnsafeBufferPointer<Token>, s: UnsafeBufferPointer<UInt32>, blocks: [(firstToken: Int, endToken: Int)])
    {
        self.tokens = tokens
        self.s = s
        self.blocks = blocks
        quoteAt = [Int32](repeating: -1, count: tokens.count)
    }

    @inline(__always)
    private func scalar(_ index: Int) -> UInt32 { index >= 0 && index < s.count ? s[index] : 32 }

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

    mutating func findQuotes() {
        var openAt = -1
        for (u, block) in blocks.enumerated() {
            var t = block.firstToken
            if openAt >= 0 {
                // Newswire convention: a quote running on starts the next paragraph with an opening mark.
                if tokens[t].kind == .doubleQuote && lean(t) != .close {
                    t += 1
                } else {
                    openAt = -1
                }
            }
            while t < block.endToken {
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
                let next = u + 1 < blocks.count ? blocks[u + 1].firstToken : -1
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
        for block in blocks {
            var openAt = -1
            var t = block.firstToken
            while t < block.endToken {
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

}
