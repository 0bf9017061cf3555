/// The article body as a stream of normalised token hashes, with paragraph and sentence boundaries.
///
/// Normalisation is done here, on UTF-8 bytes, so fingerprints do not depend on how the parser normalises text:
/// ASCII and Latin-1 letters are lower-cased; letters and digits form tokens; apostrophes (straight or curly)
/// and periods inside a word are dropped so `Russia’s` = `Russia's` = `russias` and `U.S.` = `US`; a comma
/// between digits is dropped (`1,000` = `1000`); every other punctuation mark, dash or space separates tokens.
public struct TokenizedBody: Sendable {
    /// Mixed 64-bit hash of each normalised token, in body order.
    public internal(set) var tokens: [UInt64] = []
    /// Exclusive token index at the end of each non-empty paragraph.
    public internal(set) var paragraphEnds: [Int] = []
    /// Exclusive token index at the end of each sentence (paragraph ends are sentence ends).
    public internal(set) var sentenceEnds: [Int] = []

    public init() {}

    /// Tokenises paragraphs given as strings.
    public init(paragraphs: some Sequence<String>) {
        for paragraph in paragraphs {
            append(paragraph: paragraph)
        }
    }

    public mutating func append(paragraph: String) {
        var text = paragraph
        text.withUTF8 { DedupTokenizer.scan($0, into: &self) }
    }

    /// Closes the current sentence and paragraph, if they hold tokens.
    mutating func closeParagraph() {
        closeSentence()
        if tokens.count > (paragraphEnds.last ?? 0) { paragraphEnds.append(tokens.count) }
    }

    mutating func closeSentence() {
        if tokens.count > (sentenceEnds.last ?? 0) { sentenceEnds.append(tokens.count) }
    }
}
