/// A half-open range of Unicode scalar (code point) offsets into ``ParsedArticle/text``.
///
/// Code points, not bytes or UTF-16 units, so that Python's `text[start:end]` and PostgreSQL's
/// `substr(text, start + 1, end - start)` both slice out the same characters.
public struct TextSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// How the raw body of an article is encoded.
public enum ContentType: String, Sendable, Codable, CaseIterable {
    case text = "text/plain"
    case html = "text/html"
    case json = "application/json"
}

/// A run of text in the article, with its position in ``ParsedArticle/text``.
public struct Segment: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String

    public init(span: TextSpan, text: String) {
        self.span = span
        self.text = text
    }
}

/// One sentence, with the index of the paragraph it belongs to (`-1` for highlights and titles).
public struct Sentence: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String
    public var paragraph: Int

    public init(span: TextSpan, text: String, paragraph: Int) {
        self.span = span
        self.text = text
        self.paragraph = paragraph
    }
}

/// Why a piece of the input is not part of the body.
public enum RemovalReason: String, Sendable, Codable, CaseIterable {
    case datePrefix = "date-prefix"
    case dateline
    case caption
    case photoCredit = "photo-credit"
    case agencyTrailer = "agency-trailer"
    case boilerplate
    case navigation
    case script
}

/// Text that was taken out of the body, kept so nothing is dropped silently.
public struct RemovedSegment: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String
    public var reason: RemovalReason

    public init(span: TextSpan, text: String, reason: RemovalReason) {
        self.span = span
        self.text = text
        self.reason = reason
    }
}

/// `SEOUL, July 27 (Reuters) -`
public struct Dateline: Sendable, Hashable, Codable {
    /// As written, with any region: `SEOUL`, `KYIV, Ukraine`.
    public var place: String?
    /// As written (`July 27`); the ISO date, when the year is known, is ``ParsedArticle/publishedDate``.
    public var date: String?
    /// The canonical agency name when known (`Reuters`), else as written.
    public var agency: String?
    /// The whole dateline including its dash, removed from the first paragraph.
    public var span: TextSpan

    public init(place: String?, date: String?, agency: String?, span: TextSpan) {
        self.place = place
        self.date = date
        self.agency = agency
        self.span = span
    }
}

/// The language guess; the pipeline is English-first and flags the rest instead of mangling it.
public struct LanguageInfo: Sendable, Hashable, Codable {
    /// ISO 639-1 code, or `und` when the text is too short to tell.
    public var code: String
    public var isEnglish: Bool
    public var confidence: Double

    public init(code: String, isEnglish: Bool, confidence: Double) {
        self.code = code
        self.isEnglish = isEnglish
        self.confidence = confidence
    }
}

/// The structured article produced by the parsing stage.
public struct ParsedArticle: Sendable, Codable {
    /// The text every span points into: the raw body for plain text, the article's body string for a JSON
    /// article object, and the extracted main text (title and blocks joined by blank lines) for HTML, including
    /// HTML inside a JSON article.
    public var text: String
    public var contentType: ContentType
    /// The title as a line of ``text``, when the text has one.
    public var title: Segment?
    public var dateline: Dateline?
    /// ISO 8601 date (`2023-07-27`) or date-time, when one can be read.
    public var publishedDate: String?
    public var byline: String?
    /// Agencies and outlets credited in the text (`Reuters`, `KCNA`, `Yonhap`).
    public var agencies: [String]
    public var highlights: [Segment]
    public var paragraphs: [Segment]
    public var removed: [RemovedSegment]
    /// Every sentence of the title, the highlights (both with paragraph `-1`) and the body paragraphs, in text
    /// order. Body-only consumers filter on `paragraph >= 0`.
    public var sentences: [Sentence]
    /// NFKC, quotes, dashes and whitespace unified, case folded: the input of the exact hash.
    public var normalizedText: String
    public var language: LanguageInfo
    /// The best title from any source: the envelope, a JSON article's `title`, HTML metadata, or ``title``.
    /// Unlike ``title`` it need not occur in ``text``.
    public var headline: String?
    /// The article's own URL when the body names one (JSON `url`, HTML canonical link or `og:url`).
    public var url: String?
    /// The publishing site when the body names one (JSON `outlet`/`source`, HTML `og:site_name`).
    public var siteName: String?

    public init(
        text: String,
        contentType: ContentType,
        title: Segment? = nil,
        dateline: Dateline? = nil,
        publishedDate: String? = nil,
        byline: String? = nil,
        agencies: [String] = [],
        highlights: [Segment] = [],
        paragraphs: [Segment] = [],
        removed: [RemovedSegment] = [],
        sentences: [Sentence] = [],
        normalizedText: String = "",
        language: LanguageInfo = LanguageInfo(code: "und", isEnglish: true, confidence: 0),
        headline: String? = nil,
        url: String? = nil,
        siteName: String? = nil
    ) {
        self.text = text
        self.contentType = contentType
        self.title = title
        self.dateline = dateline
        self.publishedDate = publishedDate
        self.byline = byline
        self.agencies = agencies
        self.highlights = highlights
        self.paragraphs = paragraphs
        self.removed = removed
        self.sentences = sentences
        self.normalizedText = normalizedText
        self.language = language
        self.headline = headline
        self.url = url
        self.siteName = siteName
    }
}

// MARK: - Fingerprints

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

// MARK: - Claims

public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    case directQuote = "direct-quote"
    case partialQuote = "partial-quote"
    case reportedSpeech = "reported-speech"
    case passiveReport = "passive-report"
    case denial
    case unattributedFactual = "unattributed-factual"
}

public enum Polarity: String, Sendable, Codable {
    case positive
    case negative
}

public enum SpeakerType: String, Sendable, Codable {
    case person
    case organization
    case media
    case document
    case unknown
}

/// How the speaker as written was tied to the resolved speaker.
public enum SpeakerResolution: String, Sendable, Codable {
    /// The full name is written at the claim.
    case explicit
    /// A surname or short form mapped to an earlier full mention.
    case alias
    /// A pronoun mapped to an earlier compatible speaker.
    case pronoun
    /// Nothing compatible was found; the speaker is left unresolved rather than guessed.
    case unresolved
}

public struct Speaker: Sendable, Codable, Hashable {
    /// The words as they stand at the claim: `he`, `Patel`, `North Korean media`.
    public var asWritten: String
    public var span: TextSpan
    /// The full name or organisation, or nil when unresolved.
    public var resolved: String?
    public var type: SpeakerType
    public var role: String?
    public var affiliation: String?
    public var resolution: SpeakerResolution
    /// The whole source phrase at the claim, with role and appositive:
    /// `Dave Schmerler, a researcher at the James Martin Center ...`. ``span`` is the name or pronoun inside it.
    public var mentionSpan: TextSpan?

    public init(
        asWritten: String,
        span: TextSpan,
        resolved: String?,
        type: SpeakerType,
        role: String? = nil,
        affiliation: String? = nil,
        resolution: SpeakerResolution,
        mentionSpan: TextSpan? = nil
    ) {
        self.asWritten = asWritten
        self.span = span
        self.resolved = resolved
        self.type = type
        self.role = role
        self.affiliation = affiliation
        self.resolution = resolution
        self.mentionSpan = mentionSpan
    }
}

public struct Claim: Sendable, Codable, Hashable {
    public var kind: ClaimKind
    public var speaker: Speaker?
    public var cue: Segment?
    public var content: Segment
    public var polarity: Polarity
    /// The outlet or agency that relays someone else's words (`according to RIA`, `KCNA said`).
    public var reportingSource: String?
    public var confidence: Double
    /// For unattributed factual statements: how much a fact-checker would want to look (0...1).
    public var checkWorthiness: Double?
    /// Stable across outlets' edits: equal fingerprints mean the same claim.
    public var fingerprint: String
    /// Index into ``ParsedArticle/sentences`` of the sentence the claim starts in.
    public var sentenceIndex: Int
    /// When the attribution interrupts the content (`The museum, Mr. Obama said, would ...`), the pieces of
    /// content around it; ``content`` then spans them all. Empty otherwise.
    public var contentParts: [Segment]

    public init(
        kind: ClaimKind,
        speaker: Speaker?,
        cue: Segment?,
        content: Segment,
        polarity: Polarity,
        reportingSource: String?,
        confidence: Double,
        checkWorthiness: Double?,
        fingerprint: String,
        sentenceIndex: Int,
        contentParts: [Segment] = []
    ) {
        self.kind = kind
        self.speaker = speaker
        self.cue = cue
        self.content = content
        self.polarity = polarity
        self.reportingSource = reportingSource
        self.confidence = confidence
        self.checkWorthiness = checkWorthiness
        self.fingerprint = fingerprint
        self.sentenceIndex = sentenceIndex
        self.contentParts = contentParts
    }
}

/// The result of the whole pipeline for one article.
public struct ProcessedArticle: Sendable, Codable {
    public var envelope: ArticleEnvelope
    public var parsed: ParsedArticle
    public var fingerprints: Fingerprints
    public var claims: [Claim]
    public var pipelineVersion: String

    public init(
        envelope: ArticleEnvelope,
        parsed: ParsedArticle,
        fingerprints: Fingerprints,
        claims: [Claim],
        pipelineVersion: String
    ) {
        self.envelope = envelope
        self.parsed = parsed
        self.fingerprints = fingerprints
        self.claims = claims
        self.pipelineVersion = pipelineVersion
    }
}
