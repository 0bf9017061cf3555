/// The claims and quotes stage: who said what in an article, with spans, plus unattributed statements worth
/// checking. Rule-based, pure and deterministic; see `Claims/` for the parts.
public enum ClaimExtractor {
    public static func extract(_ article: ParsedArticle) -> [Claim] {
        guard !article.text.isEmpty else { return [] }
        var scanner = ClaimScanner(article: article)
        return scanner.run()
    }
}
