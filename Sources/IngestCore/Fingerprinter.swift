// PLACEHOLDER: replaced by the dedup stage (issue 3). Exact hash only.
public enum Fingerprinter {
    public static func fingerprint(_ article: ParsedArticle) -> Fingerprints {
        Fingerprints(
            contentHash: SHA256.hex(of: Array(article.normalizedText.utf8)),
            minhash: [],
            bandKeys: [],
            sentenceHashes: []
        )
    }
}
