import Foundation

// PLACEHOLDER: replaced by the parsing stage (issue 6). Splits paragraphs on blank lines only.
public enum ArticleParser {
    public static func parse(_ envelope: ArticleEnvelope, options: PipelineOptions) throws(IngestError) -> ParsedArticle
    {
        let body = envelope.body
        if body.utf8.count > options.maxBodyBytes {
            throw .tooLarge(bytes: body.utf8.count, limit: options.maxBodyBytes)
        }
        if body.allSatisfy(\.isWhitespace) { throw .empty }
        var paragraphs: [Segment] = []
        var offset = 0
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let count = line.unicodeScalars.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty {
                paragraphs.append(Segment(span: TextSpan(start: offset, end: offset + count), text: String(line)))
            }
            offset += count + 1
        }
        let sentences = paragraphs.enumerated().map { Sentence(span: $1.span, text: $1.text, paragraph: $0) }
        let normalized = paragraphs.map { $0.text.lowercased() }.joined(separator: "\n")
        return ParsedArticle(
            text: body,
            contentType: envelope.contentType,
            paragraphs: paragraphs,
            sentences: sentences,
            normalizedText: normalized
        )
    }
}
