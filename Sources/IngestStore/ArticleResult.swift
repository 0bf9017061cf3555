import IngestCore

/// An article the pipeline processed, with the message it came from.
public struct ArticleResult: Sendable {
    public var origin: MessageOrigin
    public var article: ProcessedArticle

    public init(origin: MessageOrigin, article: ProcessedArticle) {
        self.origin = origin
        self.article = article
    }
}
