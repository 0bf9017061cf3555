/// Runs the attribution rules over one article, sentence by sentence, in text order (so pronouns see only
/// what came before them). Each rule (`*Rule.swift`, `*Rules.swift`) is a non-mutating function of the
/// ``RuleContext`` that returns ``RuleFinding``s; the scanner applies them in order: ``SpeakerResolver`` names
/// every speaker and ``ClaimMerger`` turns candidates into claims and marks the tokens they take.
struct ClaimScanner {
    private(set) var context: RuleContext
    var speakers: SpeakerResolver
    /// The resolved speaker and reporter of the candidate applied last, for ``CandidateSpeaker/sameAsPrevious``.
    private var previous: ((Speaker, Int?), String?)?

    init(article: ParsedArticle) {
        let doc = ClaimDocument(article: article)
        context = RuleContext(doc: doc, merger: ClaimMerger(doc: doc, sentences: article.sentences))
        speakers = SpeakerResolver(doc: doc)
    }

    mutating func run() -> [Claim] {
        speakers.registerNames()
        for index in context.doc.sentences.indices { processSentence(index) }
        return context.merger.inTextOrder()
    }

    private var claimCount: Int { context.merger.claims.count }

    private mutating func processSentence(_ index: Int) {
        let sentence = context.doc.sentences[index]
        let before = claimCount
        speakers.registerMentions(sentence)
        if sentence.first == context.doc.units[sentence.unit].firstToken { apply(context.labelledSpeech(sentence)) }
        if claimCount == before { apply(context.dashAttribution(sentence)) }
        // An attribution at the end governs the whole sentence; take it first so inner cues stay inside it.
        let trailing = context.trailingCue(sentence)
        if let trailing { apply(context.cue(trailing, sentence: sentence, firstClaim: before, trailingOnly: true)) }
        var t = sentence.first
        while t < sentence.end {
            let q = context.doc.quoteAt[t]
            if q >= 0 {
                t = max(t, context.doc.quotes[Int(q)].close) + 1
                continue
            }
            let token = context.tok(t)
            if token.isWord && !context.merger.used[t] {
                if token.hash == W.according && t + 1 < sentence.end && context.tok(t + 1).hash == W.to {
                    apply(context.according(t, cueEnd: t + 2, sentence: sentence, firstClaim: before))
                } else if token.hash == W.per && t > sentence.first && context.tok(t - 1).hash == W.as_ {
                    apply(context.according(t - 1, cueEnd: t + 1, sentence: sentence, firstClaim: before))
                } else {
                    let count = claimCount
                    if token.is([.cue, .colonCue]) || context.isPointOut(t) {
                        apply(context.cue(t, sentence: sentence, firstClaim: before))
                    }
                    if claimCount == count && token.is([.intent, .objectCue, .callVerb, .thatOnly, .topicVerb]) {
                        apply(context.stance(t, sentence: sentence, firstClaim: before))
                    }
                    if claimCount == count && token.is(.attitude) {
                        apply(context.attitude(t, sentence: sentence, firstClaim: before))
                    }
                    if claimCount == count { apply(context.possessiveClaim(t, sentence: sentence)) }
                }
            }
            t += 1
        }
        if claimCount == before { apply(context.documentFrame(sentence)) }
        if claimCount == before { apply(context.prepositionFrame(sentence)) }
        if claimCount == before {
            let continued = context.continuation(sentence)
            if !continued.isEmpty {
                apply(continued)
            } else if let (range, score) = context.unattributed(sentence) {
                context.merger.addUnattributed(range, checkWorthiness: score, unit: sentence.unit)
            }
        }
    }

    /// Applies a rule's findings in order: resolves speakers and reporters, then merges.
    private mutating func apply(_ findings: [RuleFinding]) {
        for finding in findings {
            switch finding {
            case .claim(let candidate): accept(candidate)
            case .sourceOfLastClaim(let np, let takes, let sentence):
                let (source, _) = speakers.resolve(np, sentenceStart: sentence.first)
                let name = source.resolved ?? source.asWritten
                if let last = context.merger.claims.last, last.reportingSource == nil && last.speaker?.resolved != name
                {
                    context.merger.setLastReportingSource(name)
                }
                context.merger.take(takes)
            case .mention(let np, let sentence): _ = speakers.resolve(np, sentenceStart: sentence.first)
            case .extendsLastClaim(let range, let quote): context.merger.extendLast(with: range, quote: quote)
            }
        }
    }

    private mutating func accept(_ candidate: ClaimCandidate) {
        let sentenceStart = candidate.sentence.first
        var reporter = candidate.reportingSource
        if case .phrase(let np, let takes, true, _) = candidate.reporter {
            reporter = reporterName(np, takes: takes, sentenceStart: sentenceStart)
        }
        let speaker: (Speaker, Int?)
        switch candidate.speaker {
        case .phrase(let np, let saying, let takes):
            let said = saying.map { context.doc.tokens.spanOf($0) } ?? 0..<0
            speaker = speakers.resolve(np, sentenceStart: sentenceStart, saying: said)
            if takes { context.merger.take(np) }
        case .known(let known, let entity): speaker = (known, entity)
        case .sameAsPrevious:
            guard let previous else { return }
            speaker = previous.0
        }
        switch candidate.reporter {
        case .phrase(let np, let takes, false, let unlessSpeaker):
            reporter = reporterName(np, takes: takes, sentenceStart: sentenceStart)
            if unlessSpeaker && reporter == speaker.0.resolved { reporter = nil }
        case .sameAsPrevious: reporter = previous?.1
        default: break
        }
        previous = (speaker, reporter)
        context.merger.add(candidate, speaker: speaker, reportingSource: reporter)
        if let takes = candidate.takes { context.merger.take(takes) }
    }

    private mutating func reporterName(_ np: Range<Int>, takes: Range<Int>?, sentenceStart: Int) -> String {
        if let takes { context.merger.take(takes) }
        let (source, _) = speakers.resolve(np, sentenceStart: sentenceStart)
        return source.resolved ?? source.asWritten
    }
}

extension [Token] {
    /// The scalar span of a token range.
    fileprivate func spanOf(_ range: Range<Int>) -> Range<Int> {
        Int(self[range.lowerBound].start)..<Int(self[range.upperBound - 1].end)
    }
}

extension RuleContext {
    /// The last cue of the sentence outside quotes, when an attribution may trail it (`..., officials said.`).
    func trailingCue(_ sentence: SentenceRange) -> Int? {
        var last = wordsEnd(sentence) - 1
        while last >= sentence.first && !(tok(last).isWord && tok(last).is(.cue) && !inQuote(last)) {
            if tok(last).isWord && tok(last).is(.according) { break }
            last -= 1
        }
        guard last > sentence.first && tok(last).is(.cue) && !tok(last).is(.participle) else { return nil }
        return last
    }

    /// A claim candidate; the content's kind (whole quote, partial quote, reported speech or denial) comes from
    /// the content unless the rule knows it.
    func candidate(
        _ speaker: CandidateSpeaker,
        content: Range<Int>,
        cue: Range<Int>?,
        cueToken: Int?,
        sentence: SentenceRange,
        confidence: Double,
        polarity: Polarity = .positive,
        reporter: CandidateReporter? = nil,
        kind fixed: (ClaimKind, Int?)? = nil,
        parts: [Range<Int>] = [],
        nested: NestedCues = .blocked
    ) -> ClaimCandidate {
        let (kind, quote) = fixed ?? self.kind(of: content, cueToken: cueToken)
        let blocks: Bool
        switch nested {
        case .blocked: blocks = true
        case .allowedOutsideWholeQuotes: blocks = quote != nil
        case .allowedInReportedSpeech: blocks = quote != nil || kind != .reportedSpeech
        case .allowed: blocks = false
        }
        return ClaimCandidate(
            kind: kind,
            speaker: speaker,
            sentence: sentence,
            cue: cue,
            content: content,
            polarity: polarity,
            reporter: reporter,
            confidence: confidence,
            quote: quote,
            parts: parts,
            blocksContent: blocks
        )
    }

    /// ``candidate(_:content:cue:cueToken:sentence:confidence:polarity:reporter:kind:parts:nested:)`` at a cue.
    func candidate(
        _ speaker: CandidateSpeaker,
        content: Range<Int>,
        at site: CueSite,
        confidence: Double,
        reporter: CandidateReporter? = nil,
        kind: (ClaimKind, Int?)? = nil,
        parts: [Range<Int>] = [],
        nested: NestedCues = .blocked
    ) -> ClaimCandidate {
        candidate(
            speaker,
            content: content,
            cue: site.cue,
            cueToken: site.token,
            sentence: site.sentence,
            confidence: confidence,
            polarity: site.polarity,
            reporter: reporter,
            kind: kind,
            parts: parts,
            nested: nested
        )
    }

    /// A claim by the speaker phrase `np`, which it takes.
    func attribution(
        _ np: Range<Int>,
        content: Range<Int>,
        cue: Range<Int>?,
        cueToken: Int?,
        sentence: SentenceRange,
        confidence: Double,
        kind fixed: (ClaimKind, Int?)? = nil
    ) -> RuleFinding {
        .claim(
            candidate(
                .phrase(np, saying: nil, takes: true),
                content: content,
                cue: cue,
                cueToken: cueToken,
                sentence: sentence,
                confidence: confidence,
                kind: fixed
            )
        )
    }
}
