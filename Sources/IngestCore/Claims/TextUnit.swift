/// A block of body text the extractor reads: a paragraph, the title or a highlight.
struct TextUnit: Sendable {
    var firstToken: Int
    var endToken: Int
    var isBody: Bool
}
