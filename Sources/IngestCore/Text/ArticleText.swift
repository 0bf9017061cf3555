/// The article's text read once: decoded to scalars, tokenized with offsets (``Tokenizer``), cut into blocks (title,
/// highlights, paragraphs) and sentences (``SentenceBoundaries``), with dedup's normalised words from the same pass.
///
/// The parser makes it (``ParsedArticle/sentences`` are its sentences); claims (``ClaimDocument``) and fingerprints
/// (``TokenizedBody``) read it. No stage scans the text again, and every stage has the same sentences.
struct ArticleText: Sendable {
    let text: String
    /// The text's Unicode scalars; token and block offsets index them.
    let scalars: [UInt32]
    /// The UTF-8 offset of each scalar in `text`, and of its end; empty when the text is ASCII (offsets are equal).
    let utf8Offsets: [Int32]
    /// The hash of the whole text's letters and digits (``LetterHasher``), from the decoding pass.
    let letterHash: Int64
    /// Every token of the blocks, in text order (word classes unset: the claims stage adds them).
    private(set) var tokens: [Token] = []
    /// Dedup's normalised word hashes (see ``Tokenizer``), in token order.
    private(set) var words: [UInt64] = []
    /// The index in `words` of each token's first word, and `words.count` last (`tokens.count + 1` entries).
    private(set) var wordStarts: [Int32] = []
    /// The blocks that hold tokens, in text order.
    private(set) var blocks: [TextBlock] = []
    /// Every sentence of every block, in text order.
    private(set) var sentences: [TextSentence] = []
    /// The quotes, in text order (see ``QuoteFinder``).
    private(set) var quotes: [QuoteSpan] = []
    /// For each token, the index of the quote whose marks or inside it belongs to, or -1.
    private(set) var quoteAt: [Int32] = []

    /// The text of an article's title, highlights and paragraphs. A dateline inside a block is left out of it.
    init(article: ParsedArticle) {
        var spans: [(TextSpan, Int)] = []
        spans.reserveCapacity(article.paragraphs.count + article.highlights.count + 1)
        if let title = article.title { spans.append((title.span, -1)) }
        for highlight in article.highlights { spans.append((highlight.span, -1)) }
        for (index, paragraph) in article.paragraphs.enumerated() { spans.append((paragraph.span, index)) }
        spans.sort { $0.0.start < $1.0.start }
        self.init(text: article.text, blocks: spans, datelineEnd: article.dateline?.span.end ?? 0)
    }

    /// Paragraphs given as strings, joined by blank lines (for callers with their own text: benchmarks, evaluation).
    init(paragraphs: [String]) {
        var spans: [(TextSpan, Int)] = []
        var offset = 0
        for (index, paragraph) in paragraphs.enumerated() {
            let length = paragraph.unicodeScalars.count
            spans.append((TextSpan(start: offset, end: offset + length), index))
            offset += length + 2
        }
        self.init(text: paragraphs.joined(separator: "\n\n"), blocks: spans, datelineEnd: 0)
    }

    /// `blocks` are scalar spans of `text` in increasing order, each with its paragraph index (-1 for a title or
    /// highlight).
    init(text: String, blocks spans: [(TextSpan, Int)], datelineEnd: Int) {
        self.text = text
        let (decoded, offsets, letterHash) = Tokenizer.scalarsAndOffsets(of: text)
        scalars = decoded
        utf8Offsets = offsets
        self.letterHash = letterHash
        var found: [TextBlock] = []
        found.reserveCapacity(spans.count)
        var words: [UInt64] = []
        words.reserveCapacity(scalars.count / 5 + 1)
        var wordStarts = [Int32](repeating: 0, count: decoded.count + 1)
        // Blocks are tokenized over disjoint, increasing scalar ranges and every token takes at least one scalar,
        // so `scalars.count` tokens is room enough: tokens are written in place, with no append per token.
        let tokens = decoded.withUnsafeBufferPointer { scalars in
            wordStarts.withUnsafeMutableBufferPointer { starts in
                [Token](unsafeUninitializedCapacity: max(1, scalars.count)) { buffer, initialized in
                    var count = 0
                    var covered = 0
                    for (span, paragraph) in spans {
                        var from = max(span.start, covered)
                        if datelineEnd > from && datelineEnd < span.end { from = datelineEnd }
                        let to = min(span.end, scalars.count)
                        guard from < to else { continue }
                        let first = count
                        Tokenizer.tokenize(
                            scalars,
                            from: from,
                            to: to,
                            into: buffer.baseAddress!,
                            count: &count,
                            words: &words,
                            wordStarts: starts.baseAddress!
                        )
                        covered = to
                        guard count > first else { continue }
                        found.append(
                            TextBlock(firstToken: first, endToken: count, from: from, to: to, paragraph: paragraph)
                        )
                    }
                    starts[count] = Int32(truncatingIfNeeded: words.count)
                    initialized = count
                }
            }
        }
        wordStarts.removeLast(wordStarts.count - tokens.count - 1)
        var sentences: [TextSentence] = []
        // About one sentence per 20 tokens in news copy; a guess that saves most regrowth.
        sentences.reserveCapacity(found.count + tokens.count / 16)
        var quotes: [QuoteSpan] = []
        var quoteAt: [Int32] = []
        decoded.withUnsafeBufferPointer { scalars in
            tokens.withUnsafeBufferPointer { tokens in
                var finder = QuoteFinder(tokens: tokens, s: scalars, blocks: found.map { ($0.firstToken, $0.endToken) })
                finder.findQuotes()
                quotes = finder.quotes
                quoteAt = finder.quoteAt
                for (index, block) in found.enumerated() {
                    quoteAt.withUnsafeBufferPointer { quoteAt in
                        SentenceBoundaries.split(
                            scalars,
                            tokens,
                            first: block.firstToken,
                            end: block.endToken,
                            from: block.from,
                            to: block.to,
                            block: index,
                            quoteAt: quoteAt,
                            into: &sentences
                        )
                    }
                }
            }
        }
        self.tokens = tokens
        self.words = words
        self.wordStarts = wordStarts
        self.blocks = found
        self.sentences = sentences
        self.quotes = quotes
        self.quoteAt = quoteAt
    }

    /// The text of scalars `from..<to`, copied out of the article's own UTF-8: no re-encoding, no validation.
    func string(_ from: Int, _ to: Int) -> String {
        Self.string(text, utf8Offsets: utf8Offsets, from, to)
    }

    /// Scalars `from..<to` of `text`, whose scalars start at `utf8Offsets` (empty for ASCII).
    static func string(_ text: String, utf8Offsets: [Int32], _ from: Int, _ to: Int) -> String {
        let lower = utf8Offsets.isEmpty ? from : Int(utf8Offsets[from])
        let upper = utf8Offsets.isEmpty ? to : Int(utf8Offsets[to])
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        let end = utf8.index(start, offsetBy: upper - lower)
        return String(text[start..<end])
    }

    /// The sentences as the parser reports them: spans, texts and paragraph indexes.
    func sentenceRecords() -> [Sentence] {
        sentences.map { sentence in
            let start = Int(tokens[sentence.first].start)
            let end = Int(tokens[sentence.end - 1].end)
            return Sentence(
                span: TextSpan(start: start, end: end),
                text: string(start, end),
                paragraph: blocks[sentence.block].paragraph
            )
        }
    }
}
