import IngestCore
import Postgres

/// The columns of `claim_mentions`, one entry per claim occurrence, for the `unnest` writes.
struct ClaimRows {
    var article: [Int64] = []
    var index: [Int] = []
    var fingerprint: [String] = []
    var kind: [String] = []
    var speakerWritten: [String?] = []
    var speakerResolved: [String?] = []
    var speakerType: [String?] = []
    var role: [String?] = []
    var affiliation: [String?] = []
    var resolution: [String?] = []
    /// 0 when the sighting describes the speaker (role or affiliation): such a sighting names the speaker row.
    var speakerRank: [Int] = []
    var speakerStart: [Int] = []
    var speakerSpanStart: [Int?] = []
    var speakerSpanEnd: [Int?] = []
    var phraseStart: [Int?] = []
    var phraseEnd: [Int?] = []
    var cue: [String?] = []
    var cueStart: [Int?] = []
    var cueEnd: [Int?] = []
    var content: [String] = []
    var contentStart: [Int] = []
    var contentEnd: [Int] = []
    var parts: [String] = []
    var polarity: [String] = []
    var reportingSource: [String?] = []
    var confidence: [Double] = []
    var checkWorthiness: [Double?] = []
    var sentence: [Int] = []
    /// The claim's signature as PostgreSQL array literals (`{...}`), same for every mention of a fingerprint.
    var tokens: [String] = []
    var numbers: [String] = []

    init(_ articles: [StoredArticle]) {
        var signatures: [String: (tokens: String, numbers: String)] = [:]
        for stored in articles {
            for (position, claim) in stored.result.article.claims.enumerated() {
                let signature =
                    signatures[claim.fingerprint]
                    ?? {
                        let text =
                            claim.contentParts.isEmpty
                            ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
                        let signature = ClaimMatcher.signature(text)
                        let value = (Self.literal(signature.tokens), Self.literal(signature.numbers))
                        signatures[claim.fingerprint] = value
                        return value
                    }()
                let speaker = claim.speaker
                article.append(stored.id)
                index.append(position)
                fingerprint.append(claim.fingerprint)
                kind.append(claim.kind.rawValue)
                speakerWritten.append(speaker?.asWritten)
                speakerResolved.append(speaker?.resolved)
                speakerType.append(speaker?.type.rawValue)
                role.append(speaker?.role)
                affiliation.append(speaker?.affiliation)
                resolution.append(speaker?.resolution.rawValue)
                speakerRank.append(speaker?.role != nil || speaker?.affiliation != nil ? 0 : 1)
                speakerStart.append(speaker?.span.start ?? claim.content.span.start)
                speakerSpanStart.append(speaker?.span.start)
                speakerSpanEnd.append(speaker?.span.end)
                phraseStart.append(speaker?.mentionSpan?.start)
                phraseEnd.append(speaker?.mentionSpan?.end)
                cue.append(claim.cue?.text)
                cueStart.append(claim.cue?.span.start)
                cueEnd.append(claim.cue?.span.end)
                content.append(claim.content.text)
                contentStart.append(claim.content.span.start)
                contentEnd.append(claim.content.span.end)
                parts.append(
                    "{" + claim.contentParts.map { "\($0.span.start),\($0.span.end)" }.joined(separator: ",") + "}"
                )
                polarity.append(claim.polarity.rawValue)
                reportingSource.append(claim.reportingSource)
                confidence.append(claim.confidence)
                checkWorthiness.append(claim.checkWorthiness)
                sentence.append(claim.sentenceIndex)
                tokens.append(signature.tokens)
                numbers.append(signature.numbers)
            }
        }
    }

    /// UInt64 hashes as an int8 array literal of their bit patterns, keeping the (unsigned) order.
    static func literal(_ hashes: [UInt64]) -> String {
        PostgresArrayLiteral.integers(hashes.map { Int64(bitPattern: $0) })
    }
}
