/// A run of text in the article, with its position in ``ParsedArticle/text``.
public struct Segment: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String

    public init(span: TextSpan, text: String) {
        self.span = span
        self.text = text
    }
}
