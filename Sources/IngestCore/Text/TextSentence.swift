/// One sentence of the article as token indexes into ``ArticleText/tokens``: `first..<end`, in block `block`.
struct TextSentence: Sendable, Equatable {
    var first: Int
    var end: Int
    var block: Int
}
