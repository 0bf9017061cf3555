/// Everything one batch writes, committed in a single transaction.
public struct BatchWrite: Sendable {
    public var group: String
    public var worker: String
    public var pipelineVersion: String
    public var advances: [PartitionAdvance]
    public var articles: [ArticleResult]
    public var errors: [ErrorResult]

    public init(
        group: String,
        worker: String,
        pipelineVersion: String,
        advances: [PartitionAdvance],
        articles: [ArticleResult],
        errors: [ErrorResult]
    ) {
        self.group = group
        self.worker = worker
        self.pipelineVersion = pipelineVersion
        self.advances = advances
        self.articles = articles
        self.errors = errors
    }
}
