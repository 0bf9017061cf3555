import IngestCore
import Postgres

/// The claims of the articles a batch stored first, as the COPY rows the batch transaction writes (ClaimWrite.swift):
/// each fingerprint's earliest sighting, staged for the claims upsert (`staged_claims`), and every mention, copied
/// straight into `claim_mentions` once its claim and speaker ids are known. A mention is one row of the batch, never
/// a join: its article is new to the store, so none can conflict.
struct ClaimRows {
    /// The staging table's columns, in the order each row is built: one row per earliest sighting of a fingerprint.
    static let stagedColumns = """
        fingerprint, content, kind, resolved, speaker_id, polarity, start, tokens, numbers, keys, first_seen,
        content_hash
        """
    static let stagedColumnTypes = """
        fingerprint text, content text, kind text, resolved text, speaker_id int8, polarity text, start int4,
        tokens int8[], numbers int8[], keys int8[], first_seen timestamptz, content_hash text
        """
    /// The columns of `claim_mentions` each mention row fills, in order.
    static let mentionColumns = """
        article_id, mention_index, claim_id, kind, speaker_resolved, speaker_id, speaker_type, role, affiliation,
        resolution, speaker_start, speaker_end, speaker_phrase_start, speaker_phrase_end, cue_start, cue_end,
        content_start, content_end, content_parts, polarity, reporting_source, confidence, check_worthiness,
        sentence_index, pipeline_version
        """

    /// A claim occurrence: its article's index in `articles` and its position among that article's claims.
    private struct Mention {
        var article: Int
        var claim: Int
    }

    private let articles: [StoredArticle]
    /// The values `upsertArticles` stored each article with.
    private let firstSeen: [String?]
    /// Per fingerprint, in first-appearance order: its earliest sightings in the batch.
    private var earliest: [String: [Mention]] = [:]
    /// The batch's fingerprints, each once, in first-appearance order.
    private(set) var fingerprints: [String] = []
    /// The batch's resolved speaker names, each once.
    private(set) var speakerNames: [String] = []

    init(_ articles: [StoredArticle]) {
        self.articles = articles
        firstSeen = articles.map { ResultStore.timestamp($0.result.article.envelope) }
        var names = Set<String>()
        // By index: `for … in` copied every article and claim (a retain and release of each of their references).
        for article in articles.indices {
            let claims = articles[article].result.article.claims
            for position in claims.indices {
                if let name = claims[position].speaker?.resolved, names.insert(name).inserted {
                    speakerNames.append(name)
                }
                let mention = Mention(article: article, claim: position)
                let fingerprint = claims[position].fingerprint
                guard let held = earliest[fingerprint] else {
                    earliest[fingerprint] = [mention]
                    fingerprints.append(fingerprint)
                    continue
                }
                // Ties are all kept: the staged rows' ORDER BY breaks them as the database orders the text columns.
                if isEarlier(mention, than: held[0]) {
                    earliest[fingerprint] = [mention]
                } else if !isEarlier(held[0], than: mention) {
                    earliest[fingerprint]!.append(mention)
                }
            }
        }
    }

    var isEmpty: Bool { fingerprints.isEmpty }

    /// Sightings ordered as `ClaimWrite` orders them in SQL: by article first_seen (NULL last), content_hash and
    /// content start. The first_seen texts all have the one fixed-width UTC form (`Date.postgresText`), and content
    /// hashes are lower-case hex digests of one length, so their byte order is their order in any collation.
    private func isEarlier(_ a: Mention, than b: Mention) -> Bool {
        let seenA = firstSeen[a.article]
        let seenB = firstSeen[b.article]
        if seenA != seenB {
            guard let seenA else { return false }
            guard let seenB else { return true }
            return seenA.utf8.lexicographicallyPrecedes(seenB.utf8)
        }
        let hashA = articles[a.article].result.article.fingerprints.contentHash
        let hashB = articles[b.article].result.article.fingerprints.contentHash
        if hashA != hashB { return hashA.utf8.lexicographicallyPrecedes(hashB.utf8) }
        return claim(a).content.span.start < claim(b).content.span.start
    }

    private func claim(_ mention: Mention) -> Claim {
        articles[mention.article].result.article.claims[mention.claim]
    }

    /// One row per earliest sighting of each fingerprint (several only when they tie on article and position), with
    /// the claim's signature and candidate keys.
    func stagedClaims(speakers: [String: Int64]) -> PostgresCopyRows {
        var rows = PostgresCopyRows(reservingBytes: fingerprints.count * 400)
        for fingerprint in fingerprints {
            guard let sightings = earliest[fingerprint] else { continue }
            // A fingerprint's signature is the same for every mention: computed once.
            let first = claim(sightings[0])
            let signature = first.signature ?? Self.signature(first)  // a claim decoded from JSON has none
            let keys = ClaimCandidateKeys.indexed(signature.tokens)
            for sighting in sightings {
                let claim = claim(sighting)
                let name = claim.speaker?.resolved
                rows.append(fingerprint)
                rows.append(claim.content.text)
                rows.append(claim.kind.rawValue)
                rows.append(name)
                rows.append(name.flatMap { speakers[$0] })
                rows.append(claim.polarity.rawValue)
                rows.append(claim.content.span.start)
                // UInt64 hashes as their int8 bit patterns, keeping the (unsigned) order.
                rows.append(bitPatterns: signature.tokens)
                rows.append(bitPatterns: signature.numbers)
                rows.append(bitPatterns: keys)
                rows.append(firstSeen[sighting.article])
                rows.append(articles[sighting.article].result.article.fingerprints.contentHash)
                rows.endRow()
            }
        }
        return rows
    }

    /// Every mention of the batch, in `mentionColumns`.
    func mentions(claims: [String: Int64], speakers: [String: Int64], pipelineVersion: String) -> PostgresCopyRows {
        var rows = PostgresCopyRows(reservingBytes: articles.count * 12 * 160)
        var parts: [Int] = []
        for article in articles.indices {
            let id = articles[article].id
            let stored = articles[article].result.article.claims
            for position in stored.indices {
                let claim = stored[position]
                let speaker = claim.speaker
                rows.append(id)
                rows.append(position)
                rows.append(claims[claim.fingerprint])
                rows.append(claim.kind.rawValue)
                rows.append(speaker?.resolved)
                rows.append(speaker?.resolved.flatMap { speakers[$0] })
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
                rows.append(pipelineVersion)
                rows.endRow()
            }
        }
        return rows
    }

    /// The signature computed from the claim's content text, as before the pipeline carried it.
    static func signature(_ claim: Claim) -> ClaimSignature {
        let text =
            claim.contentParts.isEmpty ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
        return ClaimMatcher.signature(text)
    }
}
