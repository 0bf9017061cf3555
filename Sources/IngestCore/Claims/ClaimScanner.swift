/// Runs the attribution rules over one article, sentence by sentence, in text order (so pronouns see only
/// what came before them).
struct ClaimScanner {
    var doc: ClaimDocument
    var registry = EntityRegistry()
    var claims: [Claim] = []
    /// Token ranges of each claim's content, to skip cues inside content already attributed.
    var used: [Bool]
    /// The entity behind each claim's speaker, and the sentence it came from.
    var claimEntity: [Int?] = []
    var claimUnit: [Int] = []
    let articleSentences: [Sentence]
    /// Canonical content hashes per token, computed on first use: (first, second) with 1 = not computed yet,
    /// 0 = none; `second` is the `not` of a contraction.
    var canonical: [(UInt64, UInt64)]
    var canonicalizer = Canonicalizer(lexicon: .shared)
    var isNumberToken: [Bool]
    /// Scratch buffers for fingerprints, reused across claims.
    var hashScratch: [UInt64] = []
    var numberScratch: [UInt64] = []

    init(article: ParsedArticle) {
        doc = ClaimDocument(article: article)
        used = [Bool](repeating: false, count: doc.tokens.count)
        articleSentences = article.sentences
        canonical = [(UInt64, UInt64)](repeating: (1, 0), count: doc.tokens.count)
        isNumberToken = [Bool](repeating: false, count: doc.tokens.count)
        claims.reserveCapacity(16)
        claimEntity.reserveCapacity(16)
        claimUnit.reserveCapacity(16)
    }

    mutating func run() -> [Claim] {
        registerNames()
        for index in doc.sentences.indices { processSentence(index) }
        // Trailing attributions are taken first within a sentence; report claims in text order.
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

    // MARK: Names

    /// Full person names anywhere in the article, so that a later surname maps to the first full mention.
    private mutating func registerNames() {
        for unit in doc.units {
            let range = unit.firstToken..<unit.endToken
            var capitalized = 0
            var words = 0
            for t in range where tok(t).isWord {
                words += 1
                if tok(t).isCapitalized { capitalized += 1 }
            }
            // Title-case headlines make every word look like a name.
            if words >= 4 && capitalized * 10 > words * 7 { continue }
            var cursor = range.lowerBound
            while let run = nextCapitalizedRun(&cursor, in: range) {
                guard let name = personName(run: run) else { continue }
                let nameWords = wordCount(name)
                // `Mr. Lee`: a single name counts when an honorific gives it away as a person.
                let gender = gender(ofName: name)
                guard nameWords >= 2 || (gender != .unknown && name.lowerBound > run.lowerBound) else { continue }
                let role = roleBefore(name.lowerBound, limit: max(unit.firstToken, name.lowerBound - 8))
                    .flatMap { cleanedText($0) }
                registry.registerPerson(name: nameText(name), hashes: hashes(name), gender: gender, role: role)
            }
        }
    }

    /// Person names (strong at the start of the sentence, weak elsewhere) and document phrases, as antecedents
    /// for later pronouns.
    private mutating func registerMentions(_ sentence: SentenceRange) {
        var subject = sentence.first
        while subject < sentence.end && tok(subject).isWord && tok(subject).is([.conjunction, .aux])
            && !tok(subject).is(.relative)
        {
            subject += 1
        }
        var t = sentence.first
        while t < sentence.end {
            if inQuote(t) || !(tok(t).isWord && tok(t).isCapitalized) {
                t += 1
                continue
            }
            var e = t + 1
            if !tok(t).flags.contains(.possessive) {
                while e < sentence.end && isNamePart(e, end: sentence.end) {
                    e += 1
                    if tok(e - 1).flags.contains(.possessive) { break }
                }
            }
            if let name = personName(run: t..<e) {
                let strong = t == subject
                var entity: Int?
                if wordCount(name) >= 2 {
                    entity = registry.registerPerson(
                        name: nameText(name),
                        hashes: hashes(name),
                        gender: gender(ofName: name),
                        role: nil
                    )
                } else if let alias = registry.alias(firstWordHash(name)) {
                    entity = alias
                } else if let known = registry.person(named: nameText(name)) {
                    entity = known
                }
                if let entity { registry.mention(entity, at: Int(tok(name.lowerBound).start), strong: strong) }
            }
            t = e
        }
        registerSubjectOrganization(sentence, subject: subject)
        // `a letter from Russian President Vladimir Putin`: what a later `it read` refers to.
        var k = sentence.first
        while k < sentence.end {
            if inQuote(k) {
                k += 1
                continue
            }
            let token = tok(k)
            if token.isWord && token.is(.documentWord) && !token.isCapitalized && k > sentence.first
                && (tok(k - 1).is(.determiner) || (k - 2 >= sentence.first && tok(k - 2).is(.determiner)))
                && !tok(k - 1).is(.pronoun)
            {
                var end = k + 1
                if end + 1 < sentence.end && (tok(end).hash == W.from || tok(end).hash == W.by || tok(end).hash == W.of)
                {
                    var e = end + 1
                    while e < sentence.end && isNamePart(e, end: sentence.end) { e += 1 }
                    if e > end + 1 { end = e }
                }
                let start = tok(k - 1).is(.determiner) ? k : k - 1
                let name = cleanedText(start..<end)
                let entity = registry.register(name: name, type: .document, plural: false)
                registry.mention(entity, at: Int(token.start))
            }
            k += 1
        }
    }

    /// `Suncor disclosed ...`, `Procter & Gamble rallied ...`: a capitalised subject that is no person, before a
    /// lower-case verb, is an organisation a later `the company` may stand for.
    private mutating func registerSubjectOrganization(_ sentence: SentenceRange, subject: Int) {
        guard subject < sentence.end, !inQuote(subject), tok(subject).isWord, tok(subject).isCapitalized,
            !tok(subject).is([.determiner, .pronoun, .place, .nationality, .day, .month, .title, .notName])
        else { return }
        var e = subject + 1
        while e < sentence.end {
            if isNamePart(e, end: sentence.end) && !tok(e).flags.contains(.possessive) {
                e += 1
            } else if tok(e).isPunct(38) && e + 1 < sentence.end && tok(e + 1).isCapitalized {
                e += 2
            } else {
                break
            }
        }
        guard e < sentence.end, e - subject <= 4, tok(e).isWord, !tok(e).isCapitalized,
            tok(e).is([.aux, .verb, .cue, .intent, .objectCue]) || endsWith(e, "ed") || endsWith(e, "s")
        else { return }
        if let name = personName(run: subject..<e), wordCount(name) >= 2 || gender(ofName: name) != .unknown {
            return
        }
        if e - subject == 1 {
            // A surname already known, or a capitalised plural (`Investors said`), is no organisation.
            if registry.alias(tok(subject).hash) != nil || tok(subject).is([.sourceNoun, .pluralNoun]) { return }
            let last = doc.s[Int(tok(subject).end) - 1] | 0x20
            if last == 115 && !tok(subject).flags.contains(.allCaps) { return }
        }
        let entity = registry.register(name: text(subject..<e), type: .organization, plural: false)
        registry.mention(entity, at: Int(tok(subject).start), strong: false)
    }

    // MARK: Sentences

    private mutating func processSentence(_ index: Int) {
        let sentence = doc.sentences[index]
        let before = claims.count
        registerMentions(sentence)
        if sentence.first == doc.units[sentence.unit].firstToken { labelledSpeech(sentence) }
        if claims.count == before { dashAttribution(sentence) }
        // An attribution at the end governs the whole sentence; take it first so inner cues stay inside it.
        var last = wordsEnd(sentence) - 1
        while last >= sentence.first && !(tok(last).isWord && tok(last).is(.cue) && !inQuote(last)) {
            if tok(last).isWord && tok(last).is(.according) { break }
            last -= 1
        }
        if last > sentence.first && tok(last).is(.cue) && !tok(last).is(.participle) {
            cue(last, sentence: sentence, firstClaim: before, trailingOnly: true)
        }
        var t = sentence.first
        while t < sentence.end {
            let q = doc.quoteAt[t]
            if q >= 0 {
                t = max(t, doc.quotes[Int(q)].close) + 1
                continue
            }
            let token = tok(t)
            if token.isWord && !used[t] {
                if token.hash == W.according && t + 1 < sentence.end && tok(t + 1).hash == W.to {
                    according(t, cueEnd: t + 2, sentence: sentence, firstClaim: before)
                } else if token.hash == W.per && t > sentence.first && tok(t - 1).hash == W.as_ {
                    according(t - 1, cueEnd: t + 1, sentence: sentence, firstClaim: before)
                } else {
                    let count = claims.count
                    if token.is(.cue) { cue(t, sentence: sentence, firstClaim: before) }
                    if claims.count == count && token.is([.intent, .objectCue, .callVerb, .thatOnly, .topicVerb]) {
                        stance(t, sentence: sentence, firstClaim: before)
                    }
                }
            }
            t += 1
        }
        if claims.count == before {
            if !continuation(sentence) { unattributed(sentence) }
        }
    }

    /// Token after which the sentence's words end: terminal punctuation and closing brackets are left out.
    func wordsEnd(_ sentence: SentenceRange) -> Int {
        var e = sentence.end
        while e > sentence.first && !inQuote(e - 1) && tok(e - 1).kind == .punct {
            e -= 1
        }
        return e
    }

    /// Where a reported-speech complement starting at `start` ends: the sentence end, or a trailing
    /// `, according to`, `, adding`, or `and said` that opens another attribution.
    func complementEnd(from start: Int, sentence: SentenceRange) -> Int {
        let limit = wordsEnd(sentence)
        var t = start
        while t < limit {
            let q = doc.quoteAt[t]
            if q >= 0 {
                t = max(t, doc.quotes[Int(q)].close) + 1
                continue
            }
            let token = tok(t)
            if used[t] && t > start {
                var e = t
                while e > start && tok(e - 1).kind == .punct && !inQuote(e - 1) { e -= 1 }
                return e
            }
            if isComma(t) && t + 1 < limit {
                let next = tok(t + 1)
                if next.isWord && (next.is(.trailingParticiple) || next.is(.participle) || next.hash == W.according) {
                    return t
                }
            }
            if token.isWord && (token.hash == W.and || token.hash == W.but) && !token.isCapitalized {
                var k = t + 1
                // `..., but he said ...`, `and Patel added ...`: a new speaker takes over.
                if k < limit && tok(k).isWord && tok(k).is(.pronoun) && !tok(k).is(.determiner)
                    && !tok(k).is(.pronounIt)
                {
                    k += 1
                } else {
                    var e = k
                    while e < limit && e < k + 4 && isNamePart(e, end: limit) { e += 1 }
                    if e > k && e < limit && tok(e).isWord && !tok(e).isCapitalized { k = e }
                }
                while k < limit && tok(k).isWord && tok(k).is(.aux) && !tok(k).is(.pronoun) { k += 1 }
                if k < limit && tok(k).is([.speech, .denial]) && !tok(k).is(.documentWord) && k > t {
                    return t > start && isComma(t - 1) ? t - 1 : t
                }
            }
            t += 1
        }
        return limit
    }

    // MARK: Claims

    struct Pending {
        var kind: ClaimKind
        var speaker: Speaker?
        var entity: Int?
        var cue: Range<Int>?
        var content: Range<Int>
        var polarity: Polarity = .positive
        var reportingSource: String?
        var confidence: Double
        var quote: Int?
        /// Content pieces around an interrupting attribution.
        var parts: [Range<Int>] = []
        /// Whether cues inside the content may still make claims of their own (nested attributions).
        var blocksContent = true
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

    mutating func emit(_ pending: Pending, unit: Int) {
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
        let fingerprint = fingerprint(of: parts.isEmpty ? [span] : parts.map(\.span))
        let cueSegment = pending.cue.map { doc.segment(Int(tok($0.lowerBound).start), Int(tok($0.upperBound - 1).end)) }
        var confidence = pending.confidence
        switch pending.speaker?.resolution {
        case .alias: confidence *= 0.95
        case .pronoun: confidence *= 0.85
        case .unresolved: confidence *= 0.75
        default: break
        }
        claims.append(
            Claim(
                kind: pending.kind,
                speaker: pending.speaker,
                cue: cueSegment,
                content: Segment(span: span, text: contentText),
                polarity: pending.polarity,
                reportingSource: pending.reportingSource,
                confidence: (confidence * 100).rounded() / 100,
                checkWorthiness: nil,
                fingerprint: fingerprint,
                sentenceIndex: sentenceIndex(of: span.start),
                contentParts: parts
            )
        )
        claimEntity.append(pending.entity)
        claimUnit.append(unit)
    }

    /// The fingerprint of the text in `spans`, from the article's own tokens (same result as
    /// ``ClaimMatcher/fingerprint(_:)-(String)`` on that text).
    mutating func fingerprint(of spans: [TextSpan]) -> String {
        var hashes = hashScratch
        var numbers = numberScratch
        hashScratch = []
        numberScratch = []
        hashes.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
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
        let signature = ClaimSignature(tokens: hashes, numbers: [])
        let fallback = hashes.isEmpty ? spans.map { doc.string($0.start, $0.end) }.joined(separator: " ") : ""
        let fingerprint = ClaimMatcher.fingerprint(signature, fallback: fallback)
        hashScratch = signature.tokens
        numberScratch = numbers
        return fingerprint
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

    /// Kind from what the content is: a whole quote, text with a quote in it, or plain text.
    func kind(of content: Range<Int>, cueToken: Int?) -> (ClaimKind, Int?) {
        if let cueToken, tok(cueToken).is(.denial) { return (.denial, nil) }
        let first = doc.quoteAt[content.lowerBound]
        if first >= 0 {
            let q = doc.quotes[Int(first)]
            if q.open == content.lowerBound && q.close == content.upperBound - 1 { return (.directQuote, Int(first)) }
        }
        for t in content where doc.quoteAt[t] >= 0 { return (.partialQuote, nil) }
        return (.reportedSpeech, nil)
    }
}
