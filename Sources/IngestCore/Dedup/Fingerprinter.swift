/// Computes the dedup fingerprints of a parsed article. Pure and deterministic.
///
/// Reads the body paragraphs' words and sentences from the article's one tokenization (``ArticleText``, made by
/// the parser), and ``ParsedArticle/normalizedText`` for ``Fingerprints/contentHash``. An article without
/// paragraphs falls back to the lines of ``ParsedArticle/normalizedText``.
///
/// ``Fingerprints/tokenHash`` is computed from the whole ``ParsedArticle/text`` with case, whitespace and
/// punctuation ignored, so two resends that differ only in formatting are exact even when the parser's removal
/// decisions (datelines, captions) react differently to the formatting.
public enum Fingerprinter {
    /// The fingerprints of `article`; `quotes` are its claims' ``QuoteWords`` (the stage after claims reads them),
    /// folded into ``Fingerprints/quoteKeys``.
    public static func fingerprint(
        _ article: ParsedArticle,
        quotes: [[UInt64]] = [],
        parameters: MinHashParameters = .standard
    ) -> Fingerprints {
        let text = article.tokenized
        let body =
            article.paragraphs.isEmpty
            ? TokenizedBody(paragraphs: article.normalizedText.split(separator: "\n").map(String.init))
            : TokenizedBody(text)
        var normalized = article.normalizedText
        let contentHash = normalized.withUTF8 { SHA256.hex(of: $0) }
        let textHash = text.letterHash
        var fingerprints = fingerprint(
            body: body,
            contentHash: contentHash,
            tokenHash: textHash != 0 ? textHash : nil,
            parameters: parameters
        )
        fingerprints.quoteKeys = QuoteKeys.keys(ofQuotes: quotes)
        return fingerprints
    }

    /// Fingerprints of an already tokenised body, for callers that have their own text (benchmarks, tests).
    /// Without a `tokenHash`, the hash of the body's token sequence is used.
    public static func fingerprint(
        body: TokenizedBody,
        contentHash: String,
        tokenHash: Int64? = nil,
        parameters: MinHashParameters = .standard
    ) -> Fingerprints {
        let signature = MinHash.signature(body, parameters: parameters)
        let sentences = SentenceFingerprints.compute(body)
        return Fingerprints(
            contentHash: contentHash,
            minhash: signature,
            bandKeys: MinHash.bandKeys(signature, parameters: parameters),
            sentenceHashes: sentences.hashes,
            sentenceAnchors: sentences.anchors,
            tokenHash: tokenHash ?? tokenStreamHash(body)
        )
    }

    /// The formatting-free hash of a text used as ``Fingerprints/tokenHash``; 0 when the text has no words.
    public static func formattingFreeHash(of text: String) -> Int64 {
        LetterHasher.hash(text)
    }

    static let tokenStreamSeed: UInt64 = 0x544f_4b45_4e53_5431

    /// Hash of the whole normalised word sequence, ignoring paragraph breaks; 0 only for an empty body.
    static func tokenStreamHash(_ body: TokenizedBody) -> Int64 {
        guard !body.tokens.isEmpty else { return 0 }
        let hash = body.tokens.withUnsafeBufferPointer { DedupHash.hash($0, seed: tokenStreamSeed) }
        return hash == 0 ? 1 : Int64(bitPattern: hash)
    }
}
