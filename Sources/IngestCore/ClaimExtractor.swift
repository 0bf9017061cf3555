// PLACEHOLDER: replaced by the claims stage (issue 4).
public enum ClaimExtractor {
    public static func extract(_ article: ParsedArticle) -> [Claim] {
        []
    }
}
