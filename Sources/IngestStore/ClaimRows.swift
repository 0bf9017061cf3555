import IngestCore
import Postgres

/// The claims of the articles a batch stored first, as the COPY rows the batch transaction writes (ClaimWrite.swift):
/// each fingerprint's earliest sighting, staged for the claims upsert (`staged_claims`), and every mention, copied
/// straight into `claim_mentions` once its claim and speaker ids are known. A mention is one row of the batch, never
/// a join: its article is new to the store, so none can conflict.
struct ClaimRows {
    /// The staging table's columns, in the order each row is built: one row per earliest sighting of a fingerprint.
    static let stagedColumns = """
        fingerprint, content, kind, resolved, speaker_id, polarity, start, tokens, numbers, first_seen, content_hash
        """
    static let stagedColumnTypes = """
        fingerprint text, content text, kind text, resolved text, speaker_id int8, polarity text, start int4,
        tokens bytea, numbers bytea, first_seen timestamptz, content_hash text
        """
    /// The columns of `claim_mentions` each mention row fills, in order.
    static let mentionColumns = """
        article_id, mention_index, claim_id, kind, speaker_resolved, speaker_id, speaker_type, role, affiliation,
        resolution, speaker_start, speaker_end, speaker_phrase_start, speaker_phrase_end, cue_start, cue_end,
        content_start, content_end, content_parts, polarity, reporting_source, confidence, check_worthiness,
        sentence_index, pipeline_version
        """

    /// A claim occurrence: its article's index in `articles`, its position among that article's claims, and its
    /// position among all the batch's mentions (the order `mentions` writes them in).
    private struct Mention {
        var article: Int
        var claim: Int
        var index: Int
    }

    private let articles: [StoredArticle]
    /// The values `upsertArticles` stored each article with.
    private let firstSeen: [String?]
    /// The same times in microseconds, `Int64.max` for none (NULL sorts last): the order sightings are compared in.
    private let firstSeenMicros: [Int64]
    /// Per fingerprint (by its index in `fingerprints`): its earliest sightings in the batch.
    private var earliest: [[Mention]] = []
    /// The index of each fingerprint in `fingerprints`.
    private var fingerprintIndex: [String: Int] = [:]
    /// Per mention: the index of its fingerprint in `fingerprints`, and of its speaker in `speakerNames` (-1: none).
    /// Each text is hashed once, here; the rows then look ids up by index.
    private var fingerprintOf: [Int32] = []
    private var speakerOf: [Int32] = []
    /// The batch's fingerprints, each once, in first-appearance order.
    private(set) var fingerprints: [String] = []
    /// The batch's resolved speaker names, each once.
    private(set) var speakerNames: [String] = []

    init(_ articles: [StoredArticle]) {
        self.articles = articles
        firstSeen = articles.map { ResultStore.timestamp($0.result.article.envelope) }
        // The texts have milliseconds (`Date.postgresText`): exact in microseconds, as the database stores them.
        firstSeenMicros = firstSeen.map { text in
            text.flatMap(EnvelopeTime.epochSeconds).map { Int64(($0 * 1_000_000).rounded()) } ?? .max
        }
        var nameIndex: [String: Int] = [:]
        // By index, reading fields in place: `for … in`, or a claim bound to a name, copied every article and claim
        // (a retain and release of each of their references).
        for article in articles.indices {
            for position in articles[article].result.article.claims.indices {
                var speaker = -1
                if let name = articles[article].result.article.claims[position].speaker?.resolved {
                    if let known = nameIndex[name] {
                        speaker = known
                    } else {
                        speaker = speakerNames.count
                        nameIndex[name] = speaker
                        speakerNames.append(name)
                    }
                }
                speakerOf.append(Int32(speaker))
                let mention = Mention(article: article, claim: position, index: fingerprintOf.count)
                let fingerprint = articles[article].result.article.claims[position].fingerprint
                guard let index = fingerprintIndex[fingerprint] else {
                    fingerprintIndex[fingerprint] = fingerprints.count
                    fingerprintOf.append(Int32(fingerprints.count))
                    fingerprints.append(fingerprint)
                    earliest.append([mention])
                    continue
                }
                fingerprintOf.append(Int32(index))
                // Ties are all kept: the staged rows' ORDER BY breaks them as the database orders the text columns.
                if isEarlier(mention, than: earliest[index][0]) {
                    earliest[index] = [mention]
                } else if !isEarlier(earliest[index][0], than: mention) {
                    earliest[index].append(mention)
                }
            }
        }
    }

    var isEmpty: Bool { fingerprints.isEmpty }

    /// Sightings ordered as `ClaimWrite` orders them in SQL: by article first_seen (NULL last), content_hash and
    /// content start. Content hashes are lower-case hex digests of one length, so their byte order is their order in
    /// any collation.
    private func isEarlier(_ a: Mention, than b: Mention) -> Bool {
        Self.precedes(
            (firstSeenMicros[a.article], contentHash(a), start(a)),
            (firstSeenMicros[b.article], contentHash(b), start(b))
        )
    }

    /// A sighting's place: its article's first_seen in microseconds, the article's content hash, the position.
    private typealias SightingOrder = (seen: Int64, hash: String, start: Int)

    private static func precedes(_ a: SightingOrder, _ b: SightingOrder) -> Bool {
        if a.seen != b.seen { return a.seen < b.seen }
        if a.hash != b.hash { return a.hash.utf8.lexicographicallyPrecedes(b.hash.utf8) }
        return a.start < b.start
    }

    private func contentHash(_ mention: Mention) -> String {
        articles[mention.article].result.article.fingerprints.contentHash
    }

    private func start(_ mention: Mention) -> Int {
        articles[mention.article].result.article.claims[mention.claim].content.span.start
    }

    /// Whether the batch's earliest sighting of `fingerprint` comes before a stored claim's first sighting (its
    /// first_seen in microseconds, first_article and first_start), in the order of `isEarlier`; and whether it also
    /// moves the claim's first_seen, which places it among variant groups (an article without a first_seen is never
    /// earlier, as NULL compares in SQL).
    func earlierSighting(
        _ fingerprint: String,
        thanSeen seen: Int64,
        article: String,
        start stored: Int
    ) -> (earlier: Bool, movesFirstSeen: Bool) {
        guard let index = fingerprintIndex[fingerprint] else { return (false, false) }
        let sighting = earliest[index][0]
        let micros = firstSeenMicros[sighting.article]
        let earlier = Self.precedes((micros, contentHash(sighting), start(sighting)), (seen, article, stored))
        return (earlier, micros < seen)
    }

    /// The speaker ids of `speakerNames`, by index.
    private func speakerIDs(_ speakers: [String: Int64]) -> [Int64?] {
        speakerNames.map { speakers[$0] }
    }

    /// One row per earliest sighting of each fingerprint in `staged` (several only when they tie on article and
    /// position), with the claim's signature.
    func stagedClaims(_ staged: Set<String>, speakers: [String: Int64]) -> PostgresCopyRows {
        let speakerIDs = speakerIDs(speakers)
        var rows = PostgresCopyRows(reservingBytes: staged.count * 400)
        for index in fingerprints.indices where staged.contains(fingerprints[index]) {
            let sightings = earliest[index]
            // A fingerprint's signature is the same for every mention: computed once.
            let signature = articles[sightings[0].article].result.article.claims.withUnsafeBufferPointer { claims in
                claims[sightings[0].claim].signature ?? Self.signature(claims[sightings[0].claim])
            }  // a claim decoded from JSON has none
            for sighting in sightings {
                articles[sighting.article].result.article.claims.withUnsafeBufferPointer { claims in
                    let speaker = Int(speakerOf[sighting.index])
                    rows.append(fingerprints[index])
                    rows.append(claims[sighting.claim].content.text)
                    rows.append(claims[sighting.claim].kind.rawValue)
                    rows.append(speaker < 0 ? nil : speakerNames[speaker])
                    rows.append(speaker < 0 ? nil : speakerIDs[speaker])
                    rows.append(claims[sighting.claim].polarity.rawValue)
                    rows.append(claims[sighting.claim].content.span.start)
                }
                // The signature packed as it is stored (Migrations/0018).
                rows.append(packed: signature.tokens)
                rows.append(packed: signature.numbers)
                rows.append(firstSeen[sighting.article])
                rows.append(articles[sighting.article].result.article.fingerprints.contentHash)
                rows.endRow()
            }
        }
        return rows
    }

    /// Every mention of the batch, in `mentionColumns`.
    func mentions(claims: [String: Int64], speakers: [String: Int64], pipelineVersion: String) -> PostgresCopyRows {
        let claimIDs = fingerprints.map { claims[$0] }
        let speakerIDs = speakerIDs(speakers)
        var rows = PostgresCopyRows(reservingBytes: articles.count * 12 * 160)
        var parts: [Int] = []
        var mention = 0
        for article in articles.indices {
            let id = articles[article].id
            // Fields read in place: a claim or speaker bound to a name was a copy (a retain of each reference).
            articles[article].result.article.claims.withUnsafeBufferPointer { stored in
                for position in stored.indices {
                    let speaker = Int(speakerOf[mention])
                    rows.append(id)
                    rows.append(position)
                    rows.append(claimIDs[Int(fingerprintOf[mention])])
                    rows.append(stored[position].kind.rawValue)
                    rows.append(speaker < 0 ? nil : speakerNames[speaker])
                    rows.append(speaker < 0 ? nil : speakerIDs[speaker])
                    rows.append(stored[position].speaker?.type.rawValue)
                    rows.append(stored[position].speaker?.role)
                    rows.append(stored[position].speaker?.affiliation)
                    rows.append(stored[position].speaker?.resolution.rawValue)
                    rows.append(stored[position].speaker?.span.start)
                    rows.append(stored[position].speaker?.span.end)
                    rows.append(stored[position].speaker?.mentionSpan?.start)
                    rows.append(stored[position].speaker?.mentionSpan?.end)
                    rows.append(stored[position].cue?.span.start)
                    rows.append(stored[position].cue?.span.end)
                    rows.append(stored[position].content.span.start)
                    rows.append(stored[position].content.span.end)
                    parts.removeAll(keepingCapacity: true)
                    for part in stored[position].contentParts.indices {
                        parts.append(stored[position].contentParts[part].span.start)
                        parts.append(stored[position].contentParts[part].span.end)
                    }
                    rows.append(integers: parts)
                    rows.append(stored[position].polarity.rawValue)
                    rows.append(stored[position].reportingSource)
                    rows.append(stored[position].confidence)
                    rows.append(stored[position].checkWorthiness)
                    rows.append(stored[position].sentenceIndex)
                    rows.append(pipelineVersion)
                    rows.endRow()
                    mention += 1
                }
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
