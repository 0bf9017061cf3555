/// An article this batch stored for the first time, with its id.
public struct StoredArticle: Sendable {
    public var id: Int64
    public var result: ArticleResult

    public init(id: Int64, result: ArticleResult) {
        self.id = id
        self.result = result
    }
}
