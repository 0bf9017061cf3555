/// What the source says about the article outside its text, already merged by priority.
struct ArticleMetadata {
    var headline: String?
    /// ISO `YYYY-MM-DD`.
    var publishedDate: String?
    var byline: String?
    var url: String?
    var siteName: String?
}
