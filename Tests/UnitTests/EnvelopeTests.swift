import Foundation
import IngestCore
import Publishing
import Testing

@Suite struct EnvelopeTests {
    let envelope = ArticleEnvelope(
        key: "u-abc",
        outlet: "Harbour Herald",
        url: "https://example.test/a",
        fetchedAt: "2026-03-03T10:00:00.000Z",
        contentType: .text,
        title: "Strike ends",
        publishedAt: "2026-03-03",
        body: "Dockworkers went back to work on Tuesday. \"It is over,\" she said."
    )

    @Test func roundTrips() throws {
        let decoded = try ArticleEnvelope.decode(envelope.encoded())
        #expect(decoded == envelope)
        #expect(decoded.version == ArticleEnvelope.currentVersion)
    }

    /// The producer writes envelopes by hand; they must be the bytes JSONEncoder writes (sorted keys, unescaped
    /// slashes, absent optionals left out), whatever the text holds.
    @Test func encodingIsJSONEncodersBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var awkward = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        awkward += "\u{7F}\"\\/ é \u{2028} 😀 </script>"
        var sparse = envelope
        sparse.url = nil
        sparse.title = nil
        sparse.publishedAt = nil
        var odd = envelope
        odd.body = awkward
        odd.title = String(awkward.dropFirst())  // decoding refuses NUL outside the body
        odd.outlet = "Ünïcode \"Outlet\""
        odd.contentType = .json
        for value in [envelope, sparse, odd] {
            #expect(value.encoded() == Array(try encoder.encode(value)))
            #expect(try ArticleEnvelope.decode(value.encoded()) == value)
        }
    }

    @Test func usesDocumentedFieldNames() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(envelope.encoded())) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "v", "key", "outlet", "url", "fetched_at", "content_type", "title", "published_at", "body",
            ]
        )
        #expect(object["content_type"] as? String == "text/plain")
    }

    @Test(arguments: [
        ("{}", "malformed envelope: field 'v' missing"),
        ("[1,2]", "malformed envelope: not a JSON object"),
        ("not json", "malformed envelope: not valid JSON"),
        (#"{"v":"1"}"#, "malformed envelope: field 'v' must be an integer"),
        (#"{"v":2}"#, "malformed envelope: field 'v' unsupported version 2"),
        (
            #"{"v":1,"key":"k","outlet":"o","fetched_at":"t","content_type":"text/plain"}"#,
            "malformed envelope: field 'body' missing"
        ),
        (
            #"{"v":1,"key":"k","outlet":"o","fetched_at":"t","content_type":"text/plain","body":42}"#,
            "malformed envelope: field 'body' must be a string"
        ),
        (
            #"{"v":1,"key":"k","outlet":"o","fetched_at":"t","content_type":"image/png","body":"x"}"#,
            "malformed envelope: field 'content_type' unknown content type"
        ),
        (
            #"{"v":1,"key":"","outlet":"o","fetched_at":"t","content_type":"text/plain","body":"x"}"#,
            "malformed envelope: field 'key' empty"
        ),
    ])
    func rejectsMalformed(json: String, message: String) {
        #expect(throws: IngestError.self) { try ArticleEnvelope.decode(Array(json.utf8)) }
        do {
            _ = try ArticleEnvelope.decode(Array(json.utf8))
        } catch {
            #expect(error.description == message)
            #expect(error.errorClass == "malformed-envelope")
        }
    }

    /// Times are checked at decode, so a bad one is a dead letter naming the field, never a failed batch.
    @Test(arguments: [
        (#""fetched_at":"yesterday""#, "fetched_at", "is not an RFC 3339 date-time with a zone"),
        (#""fetched_at":"0000-01-01T00:00:00Z""#, "fetched_at", "is not an RFC 3339 date-time with a zone"),
        (#""fetched_at":"2026-02-30T10:00:00Z""#, "fetched_at", "is not an RFC 3339 date-time with a zone"),
        (#""fetched_at":"2026-03-03T10:00:00""#, "fetched_at", "is not an RFC 3339 date-time with a zone"),
        (#""fetched_at":"2026-03-03T25:00:00Z""#, "fetched_at", "is not an RFC 3339 date-time with a zone"),
        (#""fetched_at":"2026-03-03T10:00:00Z","published_at":"yesterday""#, "published_at", "is not a readable date"),
        (#""fetched_at":"2026-03-03T10:00:00Z","published_at":"0000-03-03""#, "published_at", "is not a readable date"),
        (#""fetched_at":"2026-03-03T10:00:00Z","outlet":"a\u0000b""#, "outlet", "contains U+0000 (NUL)"),
        (#""fetched_at":"2026-03-03T10:00:00Z","url":"https://x/\u0000""#, "url", "contains U+0000 (NUL)"),
        (#""fetched_at":"2026-03-03T10:00:00\u0000Z""#, "fetched_at", "contains U+0000 (NUL)"),
    ])
    func refusesUnreadableTimesAndNUL(fields: String, field: String, reason: String) {
        let outlet = fields.contains(#""outlet""#) ? "" : #""outlet":"o","#
        let json = #"{"v":1,"key":"k","content_type":"text/plain","body":"x","# + outlet + fields + "}"
        #expect(throws: IngestError.malformedEnvelope(field: field, reason: reason)) {
            try ArticleEnvelope.decode(Array(json.utf8))
        }
    }

    @Test func timesAreComparedAsInstants() throws {
        #expect(EnvelopeTime.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(
            EnvelopeTime.epochSeconds("2026-03-03T15:00:00+05:00") == EnvelopeTime.epochSeconds("2026-03-03T10:00:00Z")
        )
        #expect(EnvelopeTime.epochSeconds("2026-03-03T10:00:00.250Z") == 1_772_532_000.25)
        #expect(EnvelopeTime.epochSeconds("2024-02-29T00:00:00-00:30") == 1_709_166_600)
        // As text, 08:00Z sorts before 12:00+05:00; as instants it is an hour later.
        let zulu = try #require(EnvelopeTime.epochSeconds("2026-03-03T08:00:00Z"))
        let plusFive = try #require(EnvelopeTime.epochSeconds("2026-03-03T12:00:00+05:00"))
        #expect(plusFive < zulu)
        var blankDate = envelope
        blankDate.publishedAt = "  "
        #expect(try ArticleEnvelope.decode(blankDate.encoded()).publishedAt == nil)
    }

    @Test func rejectsInvalidUTF8() {
        let detail =
            "the message's byte 1 (0xFF) is not UTF-8; declare its charset or re-send it with "
            + "ingest-producer --encoding latin1|cp1252"
        #expect(throws: IngestError.invalidUTF8(detail: detail)) {
            try ArticleEnvelope.decode([0x7B, 0xFF, 0xFE, 0x7D])
        }
    }

    @Test func stableKeysDependOnIdentityOnly() {
        let byURL = ArticleEnvelope.stableKey(outlet: "A", url: "https://x/1", body: "one")
        #expect(byURL == ArticleEnvelope.stableKey(outlet: "B", url: "https://x/1", body: "two"))
        let byBody = ArticleEnvelope.stableKey(outlet: "A", url: nil, body: "one")
        #expect(byBody == ArticleEnvelope.stableKey(outlet: "A", url: nil, body: "one"))
        #expect(byBody != ArticleEnvelope.stableKey(outlet: "B", url: nil, body: "one"))
        #expect(byBody != byURL)
    }

    @Test func readerTakesOutletFromFolderAndKeepsJSONBodies() throws {
        let reader = ArticleReader(outletOverride: nil)
        let feed = """
            {"url":"https://w.test/1","outlet":"Wire","title":"One","body":"First."}

            {"title":"Two","body":"Second."}
            not json at all
            """
        let articles = reader.articles(in: feed, format: "jsonl", origin: "feed.jsonl", defaultOutlet: "folder")
        #expect(articles.count == 3)
        #expect(articles[0].outlet == "Wire")
        #expect(articles[0].url == "https://w.test/1")
        #expect(articles[1].outlet == "folder")
        #expect(articles[1].origin == "feed.jsonl:3")
        // Garbage is still published, so the worker can dead-letter it with a reason.
        #expect(articles[2].body == "not json at all")
        #expect(articles.allSatisfy { $0.contentType == .json })
    }
}
