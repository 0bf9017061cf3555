/// Runs the attribution rules over one article, sentence by sentence, in text order (so pronouns see only
/// what came before them). Each rule (`*Rule.swift`, `*Rules.swift`) reads the document and the tokens already
/// used, and hands what it finds to ``attribute(_:sentence:content:cue:cueToken:confidence:)`` or
/// ``ClaimMerger/add(_:unit:)``; ``SpeakerResolver`` names every speaker; ``ClaimMerger`` is where candidates become
/// claims.
struct ClaimScanner: DocumentReading {
    let doc: ClaimDocument
    var speakers: SpeakerResolver
    var merger: ClaimMerger

    init(article: ParsedArticle) {
        doc = ClaimDocument(article: article)
        speakers = SpeakerResolver(doc: doc)
        merger = ClaimMerger(doc: doc, sentences: article.sentences)
    }

    mutating func run() -> [Claim] {
        speakers.registerNames()
        for index in doc.sentences.indices { processSentence(index) }
        return merger.inTextOrder()
    }

    private mutating func processSentence(_ index: Int) {
        let sentence = doc.sentences[index]
        let before = merger.claims.count
        speakers.registerMentions(sentence)
        if sentence.first == doc.units[sentence.unit].firstToken { labelledSpeech(sentence) }
        if merger.claims.count == before { dashAttribution(sentence) }
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
            if token.isWord && !merger.used[t] {
                if token.hash == W.according && t + 1 < sentence.end && tok(t + 1).hash == W.to {
                    according(t, cueEnd: t + 2, sentence: sentence, firstClaim: before)
                } else if token.hash == W.per && t > sentence.first && tok(t - 1).hash == W.as_ {
                    according(t - 1, cueEnd: t + 1, sentence: sentence, firstClaim: before)
                } else {
                    let count = merger.claims.count
                    if token.is([.cue, .colonCue]) { cue(t, sentence: sentence, firstClaim: before) }
                    if merger.claims.count == count
                        && token.is([.intent, .objectCue, .callVerb, .thatOnly, .topicVerb])
                    {
                        stance(t, sentence: sentence, firstClaim: before)
                    }
                }
            }
            t += 1
        }
        if merger.claims.count == before { documentFrame(sentence) }
        if merger.claims.count == before {
            if !continuation(sentence) { unattributed(sentence) }
        }
    }
}

extension ClaimScanner {
    /// Resolves a rule's speaker phrase and takes its tokens, so that no other cue reads them as a speaker.
    mutating func takeSpeaker(_ np: Range<Int>, sentence: SentenceRange, saying: Range<Int>? = nil) -> (Speaker, Int?) {
        let said = saying.map { Int(tok($0.lowerBound).start)..<Int(tok($0.upperBound - 1).end) } ?? 0..<0
        let speaker = speakers.resolve(np, sentenceStart: sentence.first, saying: said)
        for t in np { merger.used[t] = true }
        return speaker
    }

    /// The common end of every rule: classifies the content (whole quote, partial quote, reported speech or
    /// denial) unless the rule knows its kind, and hands the candidate to the merger.
    mutating func record(
        _ speaker: (Speaker, Int?),
        content: Range<Int>,
        cue: Range<Int>?,
        cueToken: Int?,
        sentence: SentenceRange,
        confidence: Double,
        polarity: Polarity = .positive,
        reportingSource: String? = nil,
        kind fixed: (ClaimKind, Int?)? = nil,
        parts: [Range<Int>] = [],
        nested: NestedCues = .blocked
    ) {
        let (kind, quote) = fixed ?? self.kind(of: content, cueToken: cueToken)
        let blocks: Bool
        switch nested {
        case .blocked: blocks = true
        case .allowedOutsideWholeQuotes: blocks = quote != nil
        case .allowedInReportedSpeech: blocks = quote != nil || kind != .reportedSpeech
        case .allowed: blocks = false
        }
        var candidate = ClaimCandidate(
            kind: kind,
            speaker: speaker.0,
            entity: speaker.1,
            cue: cue,
            content: content,
            polarity: polarity,
            reportingSource: reportingSource,
            confidence: confidence,
            quote: quote,
            blocksContent: blocks
        )
        candidate.parts = parts
        merger.add(candidate, unit: sentence.unit)
    }

    /// ``record(_:content:cue:cueToken:sentence:confidence:polarity:reportingSource:kind:parts:nested:)`` at a cue.
    mutating func record(
        _ speaker: (Speaker, Int?),
        content: Range<Int>,
        at site: CueSite,
        confidence: Double,
        reportingSource: String? = nil,
        kind: (ClaimKind, Int?)? = nil,
        parts: [Range<Int>] = [],
        nested: NestedCues = .blocked
    ) {
        record(
            speaker,
            content: content,
            cue: site.cue,
            cueToken: site.token,
            sentence: site.sentence,
            confidence: confidence,
            polarity: site.polarity,
            reportingSource: reportingSource,
            kind: kind,
            parts: parts,
            nested: nested
        )
    }

    /// ``takeSpeaker(_:sentence:)`` then ``record(_:content:cue:cueToken:sentence:confidence:polarity:reportingSource:kind:parts:nested:)``.
    mutating func attribute(
        _ np: Range<Int>,
        content: Range<Int>,
        cue: Range<Int>?,
        cueToken: Int?,
        sentence: SentenceRange,
        confidence: Double,
        kind fixed: (ClaimKind, Int?)? = nil
    ) {
        let speaker = takeSpeaker(np, sentence: sentence)
        record(
            speaker,
            content: content,
            cue: cue,
            cueToken: cueToken,
            sentence: sentence,
            confidence: confidence,
            kind: fixed
        )
    }
}
