import IngestCore

/// One article read from an input, before it is wrapped in an envelope.
public struct RawArticle: Sendable {
    /// Where it came from, for messages: `path` or `path:line`.
    public var origin: String
    public var outlet: String
    public var url: String?
    public var title: String?
    public var publishedAt: String?
    public var contentType: ContentType
    public var body: String
    /// The input's bytes when they could not be decoded (not UTF-8, no charset declared or given): sent as they are
    /// so the worker dead-letters them with the reason, instead of storing mangled text.
    public var undecodedBytes: [UInt8]? = nil
    /// Why the bytes could not be decoded.
    public var decodingProblem: String? = nil
}
