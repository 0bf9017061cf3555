/// What the source says about the article outside its text, already merged by priority.
struct ArticleMetadata {
    var headline: String?
    /// ISO `YYYY-MM-DD`.
    var publishedDate: String?
    var byline: String?
    var url: String?
    var siteName: String?

    /// Fills what is still unknown from a source of lower priority.
    mutating func fillGaps(from other: ArticleMetadata) {
        headline = headline ?? other.headline
        publishedDate = publishedDate ?? other.publishedDate
        byline = byline ?? other.byline
        url = url ?? other.url
        siteName = siteName ?? other.siteName
    }
}
