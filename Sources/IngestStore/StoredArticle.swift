/// An article this batch stored for the first time, with its id. Made only by the batch transaction.
public struct StoredArticle: Sendable {
    public var id: Int64
    public var result: ArticleResult
}
