/// The article body as dedup reads it: the normalised word hashes of the body paragraphs, with paragraph and
/// sentence boundaries, all taken from the article's one tokenization (``ArticleText``).
///
/// Normalisation (see ``Tokenizer``) makes fingerprints independent of typography: ASCII and Latin-1 letters are
/// lower-cased; apostrophes and the periods inside a word are dropped so `Russia’s` = `Russia's` = `russias` and
/// `U.S.` = `US`; a comma between digits is dropped (`1,000` = `1000`); every other punctuation mark, dash or space
/// separates words. Sentences are the parser's (``ParsedArticle/sentences``), except that a quotation of several
/// sentences is one.
public struct TokenizedBody: Sendable {
    /// Mixed 64-bit hash of each normalised word, in body order.
    public internal(set) var tokens: [UInt64] = []
    /// Exclusive token index at the end of each non-empty paragraph.
    public internal(set) var paragraphEnds: [Int] = []
    /// Exclusive token index at the end of each sentence (paragraph ends are sentence ends).
    public internal(set) var sentenceEnds: [Int] = []

    public init() {}

    /// Tokenises paragraphs given as strings.
    public init(paragraphs: some Sequence<String>) {
        self.init(ArticleText(paragraphs: Array(paragraphs)))
    }

    /// The body paragraphs of `text`.
    init(_ text: ArticleText) {
        let sentences = text.sentences
        tokens.reserveCapacity(text.words.count)
        var next = 0
        for (index, block) in text.blocks.enumerated() where block.isBody {
            let first = Int(text.wordStarts[block.firstToken])
            let offset = tokens.count - first
            tokens += text.words[first..<Int(text.wordStarts[block.endToken])]
            while next < sentences.count && sentences[next].block < index { next += 1 }
            while next < sentences.count && sentences[next].block == index {
                let boundary = sentences[next].end
                next += 1
                let end = Int(text.wordStarts[boundary]) + offset
                if end > (sentenceEnds.last ?? 0) { sentenceEnds.append(end) }
            }
            if tokens.count > (paragraphEnds.last ?? 0) { paragraphEnds.append(tokens.count) }
        }
    }
}
