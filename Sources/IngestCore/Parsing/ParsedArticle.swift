/// The structured article produced by the parsing stage.
public struct ParsedArticle: Sendable, Codable {
    /// The text every span points into: the raw body for plain text, the article's body string for a JSON
    /// article object, and the extracted main text (title and blocks joined by blank lines) for HTML, including
    /// HTML inside a JSON article.
    public var text: String { didSet { textLayer = nil } }
    public var contentType: ContentType
    /// The title as a line of ``text``, when the text has one.
    public var title: Segment? { didSet { textLayer = nil } }
    public var dateline: Dateline? { didSet { textLayer = nil } }
    /// ISO 8601 date (`2023-07-27`) or date-time, when one can be read.
    public var publishedDate: String?
    public var byline: String?
    /// Agencies and outlets credited in the text (`Reuters`, `KCNA`, `Yonhap`).
    public var agencies: [String]
    public var highlights: [Segment] { didSet { textLayer = nil } }
    public var paragraphs: [Segment] { didSet { textLayer = nil } }
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
    /// The one tokenization of the text, made by the parser and read by claims and fingerprints; cleared when the
    /// text or its blocks change, and never encoded.
    var textLayer: ArticleText?

    /// ``textLayer``, or a new one for an article that was not made by the parser (or was changed since).
    var tokenized: ArticleText { textLayer ?? ArticleText(article: self) }

    private enum CodingKeys: String, CodingKey {
        case text, contentType, title, dateline, publishedDate, byline, agencies, highlights, paragraphs, removed
        case sentences, normalizedText, language, headline, url, siteName
    }

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
        language: LanguageInfo = .undetermined,
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
