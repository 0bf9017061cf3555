import Foundation
import IngestCore
import Testing

/// Helpers shared by the parsing tests.
enum ParsingSupport {
    /// The package root, three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let seedsDirectory = packageRoot.appendingPathComponent("../shared/fixtures/seeds").standardizedFileURL

    /// The text of the seed whose file name starts with `prefix` (`"003"`).
    static func seed(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
        let name = try #require(names.first { $0.hasPrefix(prefix + "_") }, "seed \(prefix) missing")
        return try String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    static func envelope(
        _ body: String,
        _ type: ContentType = .text,
        title: String? = nil,
        publishedAt: String? = nil
    ) -> ArticleEnvelope {
        ArticleEnvelope(
            key: "test",
            outlet: "test",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: type,
            title: title,
            publishedAt: publishedAt,
            body: body
        )
    }

    static func parse(
        _ body: String,
        _ type: ContentType = .text,
        title: String? = nil,
        publishedAt: String? = nil
    ) throws(IngestError) -> ParsedArticle {
        try ArticleParser.parse(
            envelope(body, type, title: title, publishedAt: publishedAt),
            options: PipelineOptions()
        )
    }

    /// The error a parse throws, or nil when it succeeds.
    static func parseError(_ body: String, _ type: ContentType = .text, maxBodyBytes: Int? = nil) -> IngestError? {
        do {
            _ = try ArticleParser.parse(
                envelope(body, type),
                options: PipelineOptions(maxBodyBytes: maxBodyBytes ?? PipelineOptions().maxBodyBytes)
            )
            return nil
        } catch {
            return error
        }
    }

    /// `text[span]` in Unicode scalars, or nil when the span is out of bounds.
    static func slice(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> String? {
        guard span.start >= 0, span.start <= span.end, span.end <= scalars.count else { return nil }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[span.start..<span.end])
        return String(result)
    }

    /// Every problem with the article's spans: out of bounds, not slicing back to the reported text, untrimmed,
    /// empty, unordered or overlapping. Empty when all is well.
    static func spanProblems(_ article: ParsedArticle) -> [String] {
        let scalars = Array(article.text.unicodeScalars)
        var problems: [String] = []
        func check(_ kind: String, _ span: TextSpan, _ text: String) {
            guard let sliced = slice(scalars, span) else {
                problems.append("\(kind) span \(span) out of bounds (\(scalars.count))")
                return
            }
            if !sliced.unicodeScalars.elementsEqual(text.unicodeScalars) {
                problems.append(
                    "\(kind) span \(span) slices \(sliced.debugDescription), reported \(text.debugDescription)"
                )
            }
            if text.isEmpty { problems.append("\(kind) span \(span) is empty") }
            if let first = text.unicodeScalars.first, first.properties.isWhitespace {
                problems.append("\(kind) \(text.debugDescription) starts with whitespace")
            }
            if let last = text.unicodeScalars.last, last.properties.isWhitespace {
                problems.append("\(kind) \(text.debugDescription) ends with whitespace")
            }
        }
        func checkOrdered(_ kind: String, _ spans: [TextSpan]) {
            for (previous, next) in zip(spans, spans.dropFirst()) where next.start < previous.end {
                problems.append("\(kind) spans \(previous) and \(next) overlap or are out of order")
            }
        }
        if let title = article.title { check("title", title.span, title.text) }
        for item in article.highlights { check("highlight", item.span, item.text) }
        for item in article.paragraphs { check("paragraph", item.span, item.text) }
        for item in article.removed { check("removed", item.span, item.text) }
        for item in article.sentences { check("sentence", item.span, item.text) }
        if let dateline = article.dateline, slice(scalars, dateline.span) == nil {
            problems.append("dateline span \(dateline.span) out of bounds")
        }
        checkOrdered("paragraph", article.paragraphs.map(\.span))
        checkOrdered("highlight", article.highlights.map(\.span))
        checkOrdered("removed", article.removed.map(\.span))
        checkOrdered("sentence", article.sentences.map(\.span))
        // Body sentences lie inside their paragraph; debris never overlaps the body.
        for sentence in article.sentences where sentence.paragraph >= 0 {
            guard sentence.paragraph < article.paragraphs.count else {
                problems.append("sentence paragraph \(sentence.paragraph) out of range")
                continue
            }
            let paragraph = article.paragraphs[sentence.paragraph].span
            if sentence.span.start < paragraph.start || sentence.span.end > paragraph.end {
                problems.append("sentence \(sentence.span) outside paragraph \(paragraph)")
            }
        }
        for removed in article.removed {
            for paragraph in article.paragraphs
            where removed.span.start < paragraph.span.end && paragraph.span.start < removed.span.end {
                problems.append("removed \(removed.span) overlaps paragraph \(paragraph.span)")
            }
        }
        return problems
    }
}

extension ParsedArticle {
    var bodySentences: [Sentence] { sentences.filter { $0.paragraph >= 0 } }

    /// The body sentence that starts with `prefix`, if any.
    func sentence(startingWith prefix: String) -> Sentence? {
        bodySentences.first { $0.text.hasPrefix(prefix) }
    }
}
