import Foundation

/// The versioned message on `articles.raw`. One per article; the worker accepts every version it knows.
public struct ArticleEnvelope: Sendable, Codable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    /// Stable per article: the same article always gets the same key, so it lands on the same partition.
    public var key: String
    /// The outlet or source that published the article.
    public var outlet: String
    public var url: String?
    /// ISO 8601 time the producer read the article.
    public var fetchedAt: String
    public var contentType: ContentType
    public var title: String?
    public var publishedAt: String?
    /// The raw body, untouched: text, HTML, or a JSON article object.
    public var body: String

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case key
        case outlet
        case url
        case fetchedAt = "fetched_at"
        case contentType = "content_type"
        case title
        case publishedAt = "published_at"
        case body
    }

    public init(
        key: String,
        outlet: String,
        url: String? = nil,
        fetchedAt: String,
        contentType: ContentType,
        title: String? = nil,
        publishedAt: String? = nil,
        body: String
    ) {
        self.version = Self.currentVersion
        self.key = key
        self.outlet = outlet
        self.url = url
        self.fetchedAt = fetchedAt
        self.contentType = contentType
        self.title = title
        self.publishedAt = publishedAt
        self.body = body
    }

    /// A key that does not depend on when or from where the article was read.
    public static func stableKey(outlet: String, url: String?, body: String) -> String {
        if let url, !url.isEmpty {
            return "u-" + String(SHA256.hex(of: Array(url.utf8)).prefix(32))
        }
        return "b-" + String(SHA256.hex(of: Array((outlet + "\u{0}" + body).utf8)).prefix(32))
    }

    /// `fetchedAt` as seconds since 1970 (UTC); nil only for envelopes built in code, since decoding refuses
    /// unreadable times.
    public var fetchedAtSeconds: Double? { EnvelopeTime.epochSeconds(fetchedAt) }

    /// Decodes and validates an envelope, with a precise reason when it is unusable. Text fields never carry
    /// U+0000 (PostgreSQL text cannot hold it), and times must be readable: such envelopes are refused here, with
    /// the field named, rather than failing a whole batch in the database.
    public static func decode(_ bytes: [UInt8]) throws(IngestError) -> ArticleEnvelope {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .invalidUTF8(
                detail: "the message's \(BodyDecoder.firstInvalidByte(bytes)); declare its charset or "
                    + "re-send it with ingest-producer --encoding latin1|cp1252"
            )
        }
        guard case .object(let fields) = try JSONValue.parse(bytes) else {
            throw .malformedEnvelope(field: nil, reason: "not a JSON object")
        }
        func string(_ name: String, required: Bool) throws(IngestError) -> String? {
            switch fields[name] {
            case .none, .some(.null):
                if required { throw .malformedEnvelope(field: name, reason: "missing") }
                return nil
            case .some(.string(let text)):
                // The body is exempt: the parser judges control characters in it (binary, stripped).
                if name != "body" && text.unicodeScalars.contains("\u{0}") {
                    throw .malformedEnvelope(field: name, reason: "contains U+0000 (NUL)")
                }
                return text
            case .some:
                throw .malformedEnvelope(field: name, reason: "must be a string")
            }
        }
        guard case .number(let versionNumber) = fields["v"] ?? .null else {
            throw .malformedEnvelope(field: "v", reason: fields["v"] == nil ? "missing" : "must be an integer")
        }
        guard let version = Int(exactly: versionNumber) else {
            throw .malformedEnvelope(field: "v", reason: "must be an integer")
        }
        guard version == currentVersion else {
            throw .malformedEnvelope(field: "v", reason: "unsupported version \(version)")
        }
        guard let contentType = ContentType(rawValue: try string("content_type", required: true)!) else {
            throw .malformedEnvelope(field: "content_type", reason: "unknown content type")
        }
        let key = try string("key", required: true)!
        guard !key.isEmpty else { throw .malformedEnvelope(field: "key", reason: "empty") }
        var envelope = ArticleEnvelope(
            key: key,
            outlet: try string("outlet", required: true)!,
            url: try string("url", required: false),
            fetchedAt: try string("fetched_at", required: true)!,
            contentType: contentType,
            title: try string("title", required: false),
            publishedAt: try string("published_at", required: false),
            body: try string("body", required: true)!
        )
        envelope.version = version
        guard envelope.fetchedAtSeconds != nil else {
            throw .malformedEnvelope(field: "fetched_at", reason: "is not an RFC 3339 date-time with a zone")
        }
        if let published = envelope.publishedAt {
            if published.allSatisfy(\.isWhitespace) {
                envelope.publishedAt = nil
            } else if DateParsing.isoDate(published) == nil {
                throw .malformedEnvelope(field: "published_at", reason: "is not a readable date")
            }
        }
        return envelope
    }
}
