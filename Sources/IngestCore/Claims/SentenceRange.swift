/// A sentence as the extractor sees it: quotes are opaque, so a quote of several sentences stays in one.
struct SentenceRange: Sendable {
    var first: Int
    var end: Int
    var unit: Int
}
