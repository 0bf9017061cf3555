/// Parse → claims → fingerprints (which read the claims' quotes), for one envelope; the worker then writes the batch. Pure and deterministic: the same input and version always
/// give the same output, which is what makes replays leave the database unchanged.
public struct Pipeline: Sendable {
    /// Bumped whenever any stage changes its output; stored with every result.
    public static let defaultVersion = "2026.11.11"

    public var version: String
    public var options: PipelineOptions

    public init(version: String = Pipeline.defaultVersion, options: PipelineOptions = PipelineOptions()) {
        self.version = version
        self.options = options
    }

    public func process(_ envelope: ArticleEnvelope) throws(IngestError) -> ProcessedArticle {
        var ignored = StageDurations()
        return try process(envelope, durations: &ignored)
    }

    /// Processes one envelope and adds the time each stage took to `durations` (for the worker's histograms; the
    /// clock is only read, so the output stays deterministic).
    public func process(
        _ envelope: ArticleEnvelope,
        durations: inout StageDurations
    ) throws(IngestError)
        -> ProcessedArticle
    {
        let clock = ContinuousClock()
        let started = clock.now
        // The parser tokenizes the text once (``ArticleText``); claims and fingerprints read that tokenization.
        var parsed = try ArticleParser.parse(envelope, options: options)
        let parsedAt = clock.now
        let claims = ClaimExtractor.extract(parsed)
        let quotes = QuoteWords.of(claims)
        let claimedAt = clock.now
        let fingerprints = Fingerprinter.fingerprint(parsed, quotes: quotes)
        durations.parse += parsedAt - started
        durations.claims += claimedAt - parsedAt
        durations.fingerprint += clock.now - claimedAt
        // Every stage has read the tokens: a batch of results need not hold them.
        parsed.textLayer = nil
        return ProcessedArticle(
            envelope: envelope,
            parsed: parsed,
            fingerprints: fingerprints,
            claims: claims,
            pipelineVersion: version
        )
    }

    /// Decodes a raw Kafka message value, then processes it.
    public func process(messageValue: [UInt8]) throws(IngestError) -> ProcessedArticle {
        try process(try ArticleEnvelope.decode(messageValue))
    }

    /// Decodes a raw Kafka message value (timed as parsing), then processes it, adding stage times to `durations`.
    public func process(
        messageValue: [UInt8],
        durations: inout StageDurations
    ) throws(IngestError)
        -> ProcessedArticle
    {
        let clock = ContinuousClock()
        let started = clock.now
        let envelope = try ArticleEnvelope.decode(messageValue)
        durations.parse += clock.now - started
        return try process(envelope, durations: &durations)
    }
}
