/// Everything the dedup stage needs to find exact, near and partial duplicates.
public struct Fingerprints: Sendable, Codable, Hashable {
    /// Lower-case hex SHA-256 of ``ParsedArticle/normalizedText``.
    public var contentHash: String
    /// MinHash signature over word shingles.
    public var minhash: [UInt32]
    /// One key per LSH band; two articles sharing any band key are near-duplicate candidates.
    public var bandKeys: [Int64]
    /// One 64-bit hash per normalised body sentence, for partial-reprint search.
    public var sentenceHashes: [Int64]
    /// Two anchors per entry of ``sentenceHashes``, `[prefix₀, suffix₀, prefix₁, suffix₁, ...]`: hashes of the
    /// sentence's first and last six normalised words, so lightly edited reprinted sentences still match.
    public var sentenceAnchors: [Int64]
    /// Hash of the letters and digits of ``ParsedArticle/text`` in order (case, whitespace and punctuation
    /// ignored); equal values mean an exact resend even when the formatting differs, whatever the parser removed.
    /// 0 for a text without words.
    public var tokenHash: Int64
    /// Three keys per quote of the article (``QuoteKeys``): two articles quoting the same words, even trimmed at
    /// one end, share a key. Filled from the claims stage; empty when the article has no such quote.
    public var quoteKeys: [Int64]

    public init(
        contentHash: String,
        minhash: [UInt32],
        bandKeys: [Int64],
        sentenceHashes: [Int64],
        sentenceAnchors: [Int64] = [],
        tokenHash: Int64 = 0,
        quoteKeys: [Int64] = []
    ) {
        self.contentHash = contentHash
        self.minhash = minhash
        self.bandKeys = bandKeys
        self.sentenceHashes = sentenceHashes
        self.sentenceAnchors = sentenceAnchors
        self.tokenHash = tokenHash
        self.quoteKeys = quoteKeys
    }

    enum CodingKeys: String, CodingKey {
        case contentHash
        case minhash
        case bandKeys
        case sentenceHashes
        case sentenceAnchors
        case tokenHash
        case quoteKeys
    }

    /// Fields added after the first version decode as their defaults when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        minhash = try container.decode([UInt32].self, forKey: .minhash)
        bandKeys = try container.decode([Int64].self, forKey: .bandKeys)
        sentenceHashes = try container.decode([Int64].self, forKey: .sentenceHashes)
        sentenceAnchors = try container.decodeIfPresent([Int64].self, forKey: .sentenceAnchors) ?? []
        tokenHash = try container.decodeIfPresent(Int64.self, forKey: .tokenHash) ?? 0
        quoteKeys = try container.decodeIfPresent([Int64].self, forKey: .quoteKeys) ?? []
    }

    /// Leaves out an empty ``quoteKeys``, so an article without quotes encodes as before the field existed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(minhash, forKey: .minhash)
        try container.encode(bandKeys, forKey: .bandKeys)
        try container.encode(sentenceHashes, forKey: .sentenceHashes)
        try container.encode(sentenceAnchors, forKey: .sentenceAnchors)
        try container.encode(tokenHash, forKey: .tokenHash)
        if !quoteKeys.isEmpty { try container.encode(quoteKeys, forKey: .quoteKeys) }
    }
}
