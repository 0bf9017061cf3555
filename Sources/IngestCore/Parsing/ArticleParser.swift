/// The parsing stage: raw article (plain text, JSON article object, or HTML) → ``ParsedArticle``.
///
/// - Plain text: ``ParsedArticle/text`` is the body unchanged.
/// - JSON article object (`{"title": ..., "published_at": ..., "body": ...}`): the text is the article's body
///   string (`body`, `text`, `content` or `articleBody`); when that string is HTML, the text extracted from it.
/// - HTML: the text is built from the page: the title line, then each extracted block, joined by blank lines.
///
/// Envelope `title` and `publishedAt` take priority over what the body says.
public enum ArticleParser {
    public static func parse(_ envelope: ArticleEnvelope, options: PipelineOptions) throws(IngestError) -> ParsedArticle
    {
        let body = envelope.body
        let size = body.utf8.count
        guard size <= options.maxBodyBytes else { throw .tooLarge(bytes: size, limit: options.maxBodyBytes) }
        try validate(body)

        var metadata = ArticleMetadata()
        if let title = envelope.title, let cleaned = cleanedField(title) { metadata.headline = cleaned }
        if let published = envelope.publishedAt { metadata.publishedDate = DateParsing.isoDate(published) }

        switch envelope.contentType {
        case .text:
            return ArticleAssembler.assemble(text: body, contentType: .text, blocks: nil, metadata: metadata)
        case .html:
            return try parseHTML(body, contentType: .html, metadata: metadata)
        case .json:
            let article = try JSONArticle.decode(body)
            if metadata.headline == nil { metadata.headline = article.title.flatMap(cleanedField) }
            if metadata.publishedDate == nil { metadata.publishedDate = article.publishedDate }
            metadata.byline = article.byline
            metadata.url = article.url
            metadata.siteName = article.outlet
            try validate(article.body)
            if HTMLExtractor.looksLikeHTML(article.body) {
                return try parseHTML(article.body, contentType: .json, metadata: metadata)
            }
            return ArticleAssembler.assemble(text: article.body, contentType: .json, blocks: nil, metadata: metadata)
        }
    }

    private static func parseHTML(
        _ html: String,
        contentType: ContentType,
        metadata: ArticleMetadata
    ) throws(IngestError) -> ParsedArticle {
        let page = try HTMLExtractor.extract(html)
        var merged = metadata
        merged.fillGaps(from: page.metadata)
        let (text, blocks) = page.layout(title: merged.headline)
        guard blocks.contains(where: { $0.kind == .paragraph || $0.kind == .heading || $0.kind == .listItem }) else {
            throw .noExtractableText
        }
        let article = ArticleAssembler.assemble(text: text, contentType: contentType, blocks: blocks, metadata: merged)
        guard !article.paragraphs.isEmpty else { throw .noExtractableText }
        return article
    }

    private static func cleanedField(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Refuses empty and binary bodies. Binary: a NUL byte, or more than 5% control characters (other than
    /// tab, line feed, carriage return, form feed) or replacement characters.
    static func validate(_ body: String) throws(IngestError) {
        var copy = body
        let result: IngestError? = copy.withUTF8 { bytes -> IngestError? in
            let (lower, upper) = ByteText.trim(bytes, 0, bytes.count)
            if lower >= upper { return .empty }
            var suspicious = 0
            var scalars = 0
            var index = 0
            let count = bytes.count
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            while index < count {
                // Eight printable ASCII bytes at a time: no byte below 0x20, at 0x7F, or above.
                if index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let below = (word &- 0x2020_2020_2020_2020) & ~word & high
                    let del =
                        ((word ^ 0x7F7F_7F7F_7F7F_7F7F) &- 0x0101_0101_0101_0101) & ~(word ^ 0x7F7F_7F7F_7F7F_7F7F)
                        & high
                    if (word & high) | below | del == 0 {
                        scalars += 8
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0 { return .binary }
                    if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C) || byte == 0x7F {
                        suspicious += 1
                    }
                    scalars += 1
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F,
                    bytes[index + 1] != 0x85
                {
                    suspicious += 1
                } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD {
                    suspicious += 1
                }
                if byte >= 0xC0 { scalars += 1 }
                index += 1
            }
            if suspicious > 0 && suspicious * 20 > scalars { return .binary }
            return nil
        }
        if let result { throw result }
    }
}

extension String {
    /// The string without leading and trailing whitespace (Unicode spaces included).
    func trimmingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { bytes in
            let (lower, upper) = ByteText.trim(bytes, 0, bytes.count)
            return ByteText.string(bytes, lower, upper)
        }
    }
}
