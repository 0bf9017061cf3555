import Foundation
import IngestCore
import Worker

/// Hostile input built from a seed: every envelope field given hostile values, arbitrary key bytes, payloads one
/// byte either side of each size limit the defaults imply, and pathological shapes. Each message says whether it
/// must be stored, must be dead-lettered, or may be either (a value PostgreSQL may or may not accept).
struct PoisonGenerator {
    enum Expectation: String {
        case stored
        case deadLettered
        case either
    }

    struct Message {
        var kind: String
        var key: [UInt8]?
        var value: [UInt8]
        var expectation: Expectation
    }

    var random: SplitMix64
    private var serial = 0

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The limits a worker has with no settings: the body limit, the dead-letter record size above which the
    /// payload is left out, librdkafka's default `message.max.bytes` and Apache Kafka's broker default.
    static let bodyLimit = PipelineOptions().maxBodyBytes
    static let recordLimits = [
        ("dead-letter record", WorkerConfiguration(brokers: "", databaseURL: "").deadLetterPayloadLimit),
        ("librdkafka message.max.bytes", 1_000_000),
        ("Kafka broker message.max.bytes", 1_048_588),
    ]

    mutating func messages(good: Int) -> [Message] {
        var messages = (0..<good).map { _ in goodArticle("good") }
        messages += hostileEnvelopes()
        messages += sizeLimits()
        messages += pathological()
        // Keys of any bytes, NUL and invalid UTF-8 included, on a tenth of everything.
        for index in messages.indices where random.next() % 10 == 0 {
            messages[index].key = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
        messages.shuffle(using: &random)
        return messages
    }

    private mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }

    private mutating func envelope(body: String? = nil) -> ArticleEnvelope {
        var envelope = TestEnvironment.article(2_000_000 + nextSerial())
        if let body {
            envelope.body = body
            envelope.key = ArticleEnvelope.stableKey(outlet: envelope.outlet, url: nil, body: body)
        }
        return envelope
    }

    private mutating func goodArticle(_ kind: String) -> Message {
        let envelope = envelope()
        return Message(kind: kind, key: Array(envelope.key.utf8), value: envelope.encoded(), expectation: .stored)
    }

    /// A valid envelope as a JSON object, one field set to `value` (a raw JSON fragment).
    private mutating func replacing(_ field: String, with value: String, expectation: Expectation) -> Message {
        let base = envelope()
        let fields = try! JSONSerialization.jsonObject(with: Data(base.encoded())) as! [String: Any]
        var members = fields.filter { $0.key != field }.sorted { $0.key < $1.key }.map { name, original in
            let encoded = try! JSONSerialization.data(withJSONObject: original, options: [.fragmentsAllowed])
            return "\"\(name)\":" + String(decoding: encoded, as: UTF8.self)
        }
        members.append("\"\(field)\":\(value)")
        let object = "{" + members.joined(separator: ",") + "}"
        return Message(
            kind: "hostile \(field)",
            key: Array(base.key.utf8),
            value: Array(object.utf8),
            expectation: expectation
        )
    }

    private mutating func hostileEnvelopes() -> [Message] {
        var messages: [Message] = []
        let strings = ["key", "outlet", "url", "title", "fetched_at", "published_at", "content_type", "body"]
        for field in strings {
            messages.append(
                replacing(field, with: #""a\u0000b""#, expectation: field == "body" ? .either : .deadLettered)
            )
            messages.append(replacing(field, with: "42", expectation: .deadLettered))
            messages.append(replacing(field, with: #"{"nested":[1,2,{"x":null}]}"#, expectation: .deadLettered))
            messages.append(replacing(field, with: "[]", expectation: .deadLettered))
            // 300 KB of varied text: PostgreSQL may refuse it in an index (54000), a data error of this message.
            let huge = (0..<30_000).map { _ in String(random.next() % 100_000) }.joined(separator: " ")
            let hugeExpectation: Expectation =
                ["fetched_at", "published_at", "content_type"].contains(field) ? .deadLettered : .either
            messages.append(replacing(field, with: "\"\(huge)\"", expectation: hugeExpectation))
        }
        for value in ["yesterday", "0000-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T10:00:00Z", "1e308"] {
            messages.append(replacing("fetched_at", with: "\"\(value)\"", expectation: .deadLettered))
            messages.append(replacing("published_at", with: "\"\(value)\"", expectation: .deadLettered))
        }
        // Mixed time zones are valid: stored, and ordered by instant.
        for zone in ["+05:30", "-08:00", "Z", "+14:00", "-00:00"] {
            messages.append(replacing("fetched_at", with: "\"2026-03-03T10:00:00.5\(zone)\"", expectation: .stored))
        }
        messages.append(replacing("v", with: "1.5", expectation: .deadLettered))
        messages.append(replacing("v", with: "99999999999999999999999", expectation: .deadLettered))
        return messages
    }

    /// One byte either side of every size limit: bodies around the body limit, and bad payloads around each
    /// record limit (a valid JSON object missing its version, so it is dead-lettered whatever its size).
    private mutating func sizeLimits() -> [Message] {
        var messages: [Message] = []
        for (delta, expectation) in [(-1, Expectation.stored), (1, .deadLettered)] {
            let body = filler(bytes: Self.bodyLimit + delta)
            let envelope = envelope(body: body)
            messages.append(
                Message(
                    kind: "body limit \(delta > 0 ? "+1" : "-1")",
                    key: Array(envelope.key.utf8),
                    value: envelope.encoded(),
                    expectation: expectation
                )
            )
        }
        for (name, limit) in Self.recordLimits {
            for delta in [-1, 1] {
                let prefix = Array(#"{"body":""#.utf8)
                let suffix = Array(#""}"#.utf8)
                let value =
                    prefix + Array(repeating: UInt8(ascii: "z"), count: limit + delta - prefix.count - suffix.count)
                    + suffix
                messages.append(
                    Message(
                        kind: "\(name) \(delta > 0 ? "+1" : "-1")",
                        key: nil,
                        value: value,
                        expectation: .deadLettered
                    )
                )
            }
        }
        return messages
    }

    private mutating func pathological() -> [Message] {
        var messages: [Message] = []
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        var nested = envelope(body: #"{"title":"Deep","body":"Deep nesting.","extra":"# + deep + "}")
        nested.contentType = .json
        messages.append(Message(kind: "deep JSON nesting", key: nil, value: nested.encoded(), expectation: .either))
        let deepEnvelope = #"{"v":1,"x":"# + deep + "}"
        messages.append(
            Message(
                kind: "deep envelope nesting",
                key: nil,
                value: Array(deepEnvelope.utf8),
                expectation: .deadLettered
            )
        )
        var markup = envelope(
            body: "<html><body>" + String(repeating: "<div><p><b>", count: 30_000) + "Endless markup."
        )
        markup.contentType = .html
        messages.append(
            Message(kind: "markup nesting without end", key: nil, value: markup.encoded(), expectation: .either)
        )
        let longLine = envelope(body: filler(bytes: 600_000).replacingOccurrences(of: "\n", with: " "))
        messages.append(Message(kind: "one 600 KB line", key: nil, value: longLine.encoded(), expectation: .stored))
        let repeated = envelope(
            body: String(
                repeating: "\"We will not allow it,\" said Amina Osei. The council met again today.\n\n",
                count: 4_000
            )
        )
        messages.append(Message(kind: "extreme repetition", key: nil, value: repeated.encoded(), expectation: .stored))
        let control = envelope(body: String(repeating: "\u{1}\u{2}\u{7F}", count: 2_000))
        messages.append(
            Message(kind: "control characters", key: nil, value: control.encoded(), expectation: .deadLettered)
        )
        messages.append(Message(kind: "empty payload", key: nil, value: [], expectation: .deadLettered))
        return messages
    }

    /// Plain text of exactly `bytes` bytes, in sentences that differ from one article to the next.
    private mutating func filler(bytes: Int) -> String {
        var text = ""
        text.reserveCapacity(bytes)
        let vocabulary = TestEnvironment.vocabulary
        while text.utf8.count < bytes - 200 {
            let words = (0..<12).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
            text += "The " + words.joined(separator: " ") + " \(random.next() % 10_000).\n"
        }
        text += String(repeating: "x", count: bytes - text.utf8.count)
        return text
    }
}
