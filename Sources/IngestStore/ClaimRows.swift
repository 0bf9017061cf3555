import IngestCore
import Postgres

/// One row per claim occurrence, in the columns of the `staged_mentions` table (`ClaimWrite.swift`), as COPY rows:
/// the mention itself, the claim's signature and candidate keys, and its article's first_seen and content_hash (as
/// the batch just stored them: every article here is new), so that speaker names, claims and mentions are all written
/// from one staged copy without reading the articles back. The texts a mention's offsets slice out of the article
/// (speaker as written, cue) are not staged; the content is, for the claim's own description.
struct ClaimRows {
    /// The staging table's columns, in the order each row is built.
    static let columns = """
        article_id, idx, fingerprint, kind, resolved, type, role, affiliation, resolution, s_start, s_end, p_start,
        p_end, cue_start, cue_end, content, c_start, c_end, parts, polarity, source, confidence, worthiness,
        sentence, tokens, numbers, keys, first_seen, content_hash
        """
    static let columnTypes = """
        article_id int8, idx int4, fingerprint text, kind text, resolved text, type text, role text,
        affiliation text, resolution text, s_start int4, s_end int4, p_start int4, p_end int4,
        cue_start int4, cue_end int4, content text, c_start int4, c_end int4, parts int4[], polarity text,
        source text, confidence float8, worthiness float8, sentence int4, tokens int8[], numbers int8[], keys int8[],
        first_seen timestamptz, content_hash text
        """

    private(set) var rows: PostgresCopyRows

    init(_ articles: [StoredArticle]) {
        rows = PostgresCopyRows(reservingBytes: articles.count * 12 * 400)
        // A fingerprint's signature is the same for every mention: computed once per batch.
        var signatures: [String: (signature: ClaimSignature, keys: [UInt64])] = [:]
        var parts: [Int] = []
        // By index: `for … in` copied every article and claim (a retain and release of each of their references).
        for article in articles.indices {
            let id = articles[article].id
            // The values `upsertArticles` stored the article with.
            let firstSeen = ResultStore.timestamp(articles[article].result.article.envelope)
            let contentHash = articles[article].result.article.fingerprints.contentHash
            let claims = articles[article].result.article.claims
            for position in claims.indices {
                let claim = claims[position]
                let (signature, keys) =
                    signatures[claim.fingerprint]
                    ?? {
                        // The pipeline's signature; a claim decoded from JSON has none.
                        let signature = claim.signature ?? ClaimRows.signature(claim)
                        let entry = (signature, ClaimCandidateKeys.indexed(signature.tokens))
                        signatures[claim.fingerprint] = entry
                        return entry
                    }()
                let speaker = claim.speaker
                rows.append(id)
                rows.append(position)
                rows.append(claim.fingerprint)
                rows.append(claim.kind.rawValue)
                rows.append(speaker?.resolved)
                rows.append(speaker?.type.rawValue)
                rows.append(speaker?.role)
                rows.append(speaker?.affiliation)
                rows.append(speaker?.resolution.rawValue)
                rows.append(speaker?.span.start)
                rows.append(speaker?.span.end)
                rows.append(speaker?.mentionSpan?.start)
                rows.append(speaker?.mentionSpan?.end)
                rows.append(claim.cue?.span.start)
                rows.append(claim.cue?.span.end)
                rows.append(claim.content.text)
                rows.append(claim.content.span.start)
                rows.append(claim.content.span.end)
                parts.removeAll(keepingCapacity: true)
                for part in claim.contentParts {
                    parts.append(part.span.start)
                    parts.append(part.span.end)
                }
                rows.append(integers: parts)
                rows.append(claim.polarity.rawValue)
                rows.append(claim.reportingSource)
                rows.append(claim.confidence)
                rows.append(claim.checkWorthiness)
                rows.append(claim.sentenceIndex)
                // UInt64 hashes as their int8 bit patterns, keeping the (unsigned) order.
                rows.append(bitPatterns: signature.tokens)
                rows.append(bitPatterns: signature.numbers)
                rows.append(bitPatterns: keys)
                rows.append(firstSeen)
                rows.append(contentHash)
                rows.endRow()
            }
        }
    }

    /// The signature computed from the claim's content text, as before the pipeline carried it.
    static func signature(_ claim: Claim) -> ClaimSignature {
        let text =
            claim.contentParts.isEmpty ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
        return ClaimMatcher.signature(text)
    }
}
