import Foundation
import IngestCore
import Testing

/// Shared helpers for the claims tests: run the pipeline on text, find claims, slice spans.
enum ClaimsFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("../shared/fixtures/seeds").standardizedFileURL
    static let polnear = root.appendingPathComponent("../shared/eval/polnear-dev/text").standardizedFileURL

    static func process(_ text: String) throws -> ProcessedArticle {
        let envelope = ArticleEnvelope(
            key: "test",
            outlet: "test",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: .text,
            body: text
        )
        return try Pipeline().process(envelope)
    }

    static func claims(_ text: String) throws -> [Claim] {
        try process(text).claims
    }

    /// The seed whose file name starts with `prefix` (`"003"`), read at run time.
    static func seed(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()
        let name = try #require(names.first { $0.hasPrefix(prefix) })
        return try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
    }

    static func seedClaims(_ prefix: String) throws -> [Claim] {
        try claims(try seed(prefix))
    }

    /// The claim whose content contains `snippet`.
    static func claim(_ claims: [Claim], containing snippet: String) throws -> Claim {
        try #require(claims.first { $0.content.text.contains(snippet) }, "no claim contains «\(snippet)»")
    }

    /// `text[span]` with Python slicing semantics over Unicode scalars.
    static func slice(_ text: String, _ span: TextSpan) -> String {
        let scalars = Array(text.unicodeScalars)
        guard span.start >= 0, span.end <= scalars.count, span.start <= span.end else { return "<out of range>" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span.start..<span.end])
        return String(view)
    }
}
