/// The one place candidates become claims: marks the tokens they use, builds spans and fingerprints, and returns
/// the claims in text order.
struct ClaimMerger: DocumentReading {
    let doc: ClaimDocument
    private(set) var claims: [Claim] = []
    /// Tokens already part of a claim's content or attribution, so that no other cue takes them.
    private(set) var used: [Bool]
    /// The entity behind each claim's speaker, and the unit (paragraph) it came from.
    private(set) var claimEntity: [Int?] = []
    private(set) var claimUnit: [Int] = []
    private let articleSentences: [Sentence]
    /// Canonical content hashes per token, computed on first use: (first, second) with 1 = not computed yet,
    /// 0 = none; `second` is the `not` of a contraction.
    private var canonical: [(UInt64, UInt64)]
    private var canonicalizer = Canonicalizer(lexicon: .shared)
    private var isNumberToken: [Bool]

    init(doc: ClaimDocument, sentences: [Sentence]) {
        self.doc = doc
        used = [Bool](repeating: false, count: doc.tokens.count)
        articleSentences = sentences
        canonical = [(UInt64, UInt64)](repeating: (1, 0), count: doc.tokens.count)
        isNumberToken = [Bool](repeating: false, count: doc.tokens.count)
        claims.reserveCapacity(16)
        claimEntity.reserveCapacity(16)
        claimUnit.reserveCapacity(16)
    }

    /// The claims, in text order (trailing attributions are taken first within a sentence).
    func inTextOrder() -> [Claim] {
        var inOrder = true
        for index in claims.indices.dropFirst()
        where claims[index].content.span.start < claims[index - 1].content.span.start {
            inOrder = false
            break
        }
        // Already in text order: the stable sort below would return the same array.
        if inOrder { return claims }
        return claims.enumerated().sorted {
            ($0.element.content.span.start, $0.offset) < ($1.element.content.span.start, $1.offset)
        }.map(\.element)
    }

    /// The speaker of the last claim and its entity, for a coordinated verb or a continuing quote.
    var lastSpeaker: (Speaker, Int?)? {
        guard let speaker = claims.last?.speaker else { return nil }
        return (speaker, claimEntity.last ?? nil)
    }

    /// A body sentence nobody is quoted as saying, worth checking (see ``RuleContext/unattributed(_:)``).
    mutating func addUnattributed(_ range: Range<Int>, checkWorthiness score: Double, unit: Int) {
        let span = contentSpan(range, quote: nil)
        let (fingerprint, signature) = fingerprint(of: [span])
        let claim = Claim(
            kind: .unattributedFactual,
            speaker: nil,
            cue: nil,
            content: Segment(span: span, text: doc.string(span.start, span.end)),
            polarity: .positive,
            reportingSource: nil,
            confidence: (min(1, 0.4 + score * 0.5) * 100).rounded() / 100,
            checkWorthiness: score,
            fingerprint: fingerprint,
            sentenceIndex: sentenceIndex(of: span.start),
            signature: signature
        )
        claims.append(claim)
        claimEntity.append(nil)
        claimUnit.append(unit)
    }

    /// Marks tokens as used by a claim (a speaker or source phrase), so that no later rule reads them again.
    mutating func take(_ range: Range<Int>) { for t in range { used[t] = true } }

    /// A later sentence names the source of the last claim (`..., according to X.`) or continues it.
    mutating func setLastReportingSource(_ source: String) { claims[claims.count - 1].reportingSource = source }

    /// A quote that runs on the last claim's quote over the next sentence: the claim's content now spans both,
    /// with the pieces in ``Claim/contentParts``.
    mutating func extendLast(with range: Range<Int>, quote: Int) {
        let span = contentSpan(range, quote: quote)
        guard span.end > span.start, var claim = claims.last, span.start >= claim.content.span.end else { return }
        for t in range { used[t] = true }
        var parts = claim.contentParts.isEmpty ? [claim.content] : claim.contentParts
        parts.append(doc.segment(span.start, span.end))
        claim.content = doc.segment(claim.content.span.start, span.end)
        claim.contentParts = parts
        (claim.fingerprint, claim.signature) = fingerprint(of: parts.map(\.span))
        claims[claims.count - 1] = claim
    }

    /// Scalar span of a token range; for a quote, the text between the marks without a trailing comma.
    func contentSpan(_ range: Range<Int>, quote: Int?) -> TextSpan {
        var start: Int
        var end: Int
        if let quote {
            let q = doc.quotes[quote]
            start = Int(tok(q.open).end)
            end = Int(tok(q.close).start)
        } else {
            start = Int(tok(range.lowerBound).start)
            end = Int(tok(range.upperBound - 1).end)
        }
        while start < end && CharClass.isSpace(doc.s[start]) { start += 1 }
        while end > start && (CharClass.isSpace(doc.s[end - 1]) || doc.s[end - 1] == 44) { end -= 1 }
        return TextSpan(start: start, end: end)
    }

    /// Records a rule's candidate with its resolved speaker: its tokens become used, so no later cue claims them
    /// again.
    mutating func add(_ pending: ClaimCandidate, speaker: (Speaker, Int?), reportingSource: String?) {
        let span = contentSpan(pending.content, quote: pending.quote)
        guard span.end > span.start else { return }
        if pending.blocksContent { for t in pending.content { used[t] = true } }
        if let cue = pending.cue { for t in cue { used[t] = true } }
        let contentText = doc.string(span.start, span.end)
        var parts: [Segment] = []
        for part in pending.parts {
            let partSpan = contentSpan(part, quote: nil)
            if partSpan.end > partSpan.start { parts.append(doc.segment(partSpan.start, partSpan.end)) }
        }
        let (fingerprint, signature) = fingerprint(of: parts.isEmpty ? [span] : parts.map(\.span))
        let cueSegment =
            pending.cue.map { doc.segment(Int(tok($0.lowerBound).start), Int(tok($0.upperBound - 1).end)) }
            ?? pending.inheritedCue
        var confidence = pending.confidence
        switch speaker.0.resolution {
        case .alias: confidence *= 0.95
        case .pronoun: confidence *= 0.85
        case .unresolved: confidence *= 0.75
        default: break
        }
        claims.append(
            Claim(
                kind: pending.kind,
                speaker: speaker.0,
                cue: cueSegment,
                content: Segment(span: span, text: contentText),
                polarity: pending.polarity,
                reportingSource: reportingSource,
                confidence: (confidence * 100).rounded() / 100,
                checkWorthiness: nil,
                fingerprint: fingerprint,
                sentenceIndex: sentenceIndex(of: span.start),
                contentParts: parts,
                signature: signature
            )
        )
        claimEntity.append(speaker.1)
        claimUnit.append(pending.sentence.unit)
    }

    /// The fingerprint and signature of the text in `spans`, from the article's own tokens (same results as
    /// ``ClaimMatcher/fingerprint(_:)-(String)`` and ``ClaimMatcher/signature(_:)`` on that text).
    mutating func fingerprint(of spans: [TextSpan]) -> (fingerprint: String, signature: ClaimSignature) {
        var hashes: [UInt64] = []
        var numbers: [UInt64] = []
        hashes.reserveCapacity(32)
        for span in spans {
            let range = tokenRange(span)
            var cursor = range.lowerBound
            while let t = Canonicalizer.nextKept(doc.tokens, &cursor, range.upperBound) {
                if canonical[t].0 == 1 {
                    var first: UInt64 = 0
                    var second: UInt64 = 0
                    var number = false
                    canonicalizer.canonicalize(doc.tokens[t], doc.s) { scalars, hash in
                        if first == 0 {
                            first = hash
                            number = CharClass.isDigit(scalars[0])
                        } else {
                            second = hash
                        }
                    }
                    canonical[t] = (first, second)
                    isNumberToken[t] = number
                }
                let (first, second) = canonical[t]
                if first != 0 {
                    hashes.append(first)
                    if isNumberToken[t] { numbers.append(first) }
                }
                if second != 0 { hashes.append(second) }
            }
        }
        ClaimMatcher.sortUnique(&hashes)
        ClaimMatcher.sortUnique(&numbers)
        let signature = ClaimSignature(tokens: hashes, numbers: numbers)
        let fallback = hashes.isEmpty ? spans.map { doc.string($0.start, $0.end) }.joined(separator: " ") : ""
        return (ClaimMatcher.fingerprint(signature, fallback: fallback), signature)
    }

    /// Tokens lying inside a scalar span.
    func tokenRange(_ span: TextSpan) -> Range<Int> {
        var low = 0
        var high = doc.tokens.count
        while low < high {
            let mid = (low + high) / 2
            if Int(doc.tokens[mid].start) < span.start { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < doc.tokens.count && Int(doc.tokens[end].end) <= span.end { end += 1 }
        return low..<end
    }

    func sentenceIndex(of position: Int) -> Int {
        var low = 0
        var high = articleSentences.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let span = articleSentences[mid].span
            if position < span.start {
                high = mid - 1
            } else if position >= span.end {
                low = mid + 1
            } else {
                return mid
            }
        }
        return 0
    }
}
