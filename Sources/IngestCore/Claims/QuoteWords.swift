/// The canonical words of the quotes in an article's claims: what dedup's ``QuoteKeys`` are folded from. The claims
/// stage owns this normalisation (``ClaimMatcher``'s: case, punctuation, spelling and stopwords do not matter), so
/// the fingerprint stage reads these words and never calls into claims.
public enum QuoteWords {
    /// The word hashes of every quoted passage of the direct and partial quotes, in claim order (repeats kept: the
    /// fingerprint stage decides which to key).
    public static func of(_ claims: [Claim]) -> [[UInt64]] {
        var result: [[UInt64]] = []
        for claim in claims where claim.kind == .directQuote || claim.kind == .partialQuote {
            let text =
                claim.contentParts.isEmpty ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
            for quote in quotedPassages(text) { result.append(of(quote: quote)) }
        }
        return result
    }

    /// The canonical word hashes of one quote's text, in order.
    public static func of(quote text: some StringProtocol) -> [UInt64] {
        var words: [UInt64] = []
        ClaimMatcher.forEachToken(String(text)) { _, hash in words.append(hash) }
        return words
    }

    /// The passages between quotation marks in a claim's content (a partial quote's content is the reported
    /// clause around them), or the whole content when it has none (a direct quote's content is the quote).
    static func quotedPassages(_ text: String) -> [Substring] {
        var passages: [Substring] = []
        var open: String.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            switch scalars[index] {
            case "\u{201C}": open = next
            case "\u{201D}":
                if let start = open { passages.append(text[start..<index]) }
                open = nil
            case "\"":
                if let start = open {
                    passages.append(text[start..<index])
                    open = nil
                } else {
                    open = next
                }
            default: break
            }
            index = next
        }
        return passages.isEmpty ? [text[...]] : passages
    }
}
