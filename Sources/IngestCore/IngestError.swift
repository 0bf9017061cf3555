/// Why an input cannot be processed. Every case is permanent: retrying the same bytes fails the same way,
/// so the worker sends such messages to the dead-letter topic instead of retrying them.
public enum IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case invalidUTF8(detail: String)
    case binary
    case tooLarge(bytes: Int, limit: Int)
    case noExtractableText
    case malformedEnvelope(field: String?, reason: String)
    case processing(stage: String, reason: String)

    /// A short stable name, used for the `x-error-class` dead-letter header and in `ingest_errors`.
    public var errorClass: String {
        switch self {
        case .empty: return "empty"
        case .invalidUTF8: return "invalid-utf8"
        case .binary: return "binary"
        case .tooLarge: return "too-large"
        case .noExtractableText: return "no-extractable-text"
        case .malformedEnvelope: return "malformed-envelope"
        case .processing: return "processing"
        }
    }

    public var description: String {
        switch self {
        case .empty:
            return "the article body is empty or whitespace only"
        case .invalidUTF8(let detail):
            return "invalid UTF-8: \(detail)"
        case .binary:
            return "the body looks binary, not text"
        case .tooLarge(let bytes, let limit):
            return "the body is \(bytes) bytes, over the \(limit)-byte limit"
        case .noExtractableText:
            return "the HTML page has no extractable article text"
        case .malformedEnvelope(let field, let reason):
            if let field { return "malformed envelope: field '\(field)' \(reason)" }
            return "malformed envelope: \(reason)"
        case .processing(let stage, let reason):
            return "\(stage) failed: \(reason)"
        }
    }
}
