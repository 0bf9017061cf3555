import Foundation
import IngestCore

/// Shared helpers for the dedup tests.
enum DedupFixtures {
    /// The package root, three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A parsed article built directly from paragraphs, independent of the parser.
    static func article(_ paragraphs: [String]) -> ParsedArticle {
        var segments: [Segment] = []
        var offset = 0
        for paragraph in paragraphs {
            let length = paragraph.unicodeScalars.count
            segments.append(Segment(span: TextSpan(start: offset, end: offset + length), text: paragraph))
            offset += length + 2
        }
        return ParsedArticle(
            text: paragraphs.joined(separator: "\n\n"),
            contentType: .text,
            paragraphs: segments,
            normalizedText: paragraphs.joined(separator: "\n").lowercased()
        )
    }

    static func fingerprint(_ paragraphs: [String]) -> Fingerprints {
        Fingerprinter.fingerprint(article(paragraphs))
    }

    /// Fingerprints of a text file through the pipeline's parser, as the worker computes them.
    static func fingerprint(file url: URL) throws -> Fingerprints {
        let body = try String(contentsOf: url, encoding: .utf8)
        let envelope = ArticleEnvelope(
            key: url.lastPathComponent,
            outlet: "test",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: .text,
            body: body
        )
        // The whole pipeline: the fingerprints a worker stores, with its claims' quote keys.
        return try Pipeline().process(envelope).fingerprints
    }

    static func seedFiles() throws -> [URL] {
        let folder = root.appendingPathComponent("../shared/fixtures/seeds").standardized
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    static func base(_ name: String) -> URL {
        root.appendingPathComponent("Evaluation/dedup/base/\(name).txt")
    }
}
