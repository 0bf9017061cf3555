/// A block of the article's text that sentences never cross: the title, a highlight or a body paragraph.
struct TextBlock: Sendable, Equatable {
    /// Its tokens, `firstToken..<endToken` in ``ArticleText/tokens``.
    var firstToken: Int
    var endToken: Int
    /// Its text, scalars `from..<to` of ``ArticleText/scalars``.
    var from: Int
    var to: Int
    /// Index into ``ParsedArticle/paragraphs``, or -1 for the title and highlights.
    var paragraph: Int

    var isBody: Bool { paragraph >= 0 }
}
