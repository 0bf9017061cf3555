import Foundation
import IngestCore

/// The human-readable report of `ingestctl analyze --format text`: what the parser saw, where, and what it
/// threw away, then the fingerprints and claims of the later stages.
public enum AnalysisReport {
    public static func text(_ record: AnalysisRecord) -> String {
        var out = "== \(record.source)\n"
        if let error = record.error {
            out += "ERROR [\(error.errorClass)] \(error.message)\n"
            return out
        }
        guard let processed = record.result else { return out + "(no result)\n" }
        out += text(processed)
        return out
    }

    public static func text(_ processed: ProcessedArticle) -> String {
        let article = processed.parsed
        var out = ""
        func line(_ label: String, _ value: String) {
            out += label.padding(toLength: 12, withPad: " ", startingAt: 0) + value + "\n"
        }
        line("Type", "\(article.contentType.rawValue), \(article.text.unicodeScalars.count) scalars")
        if let title = article.title {
            line("Title", "\(quoted(title.text)) \(spanText(title.span))")
        } else {
            line("Title", "-")
        }
        if let headline = article.headline, headline != article.title?.text { line("Headline", quoted(headline)) }
        if let dateline = article.dateline {
            let parts = [dateline.place, dateline.date, dateline.agency].map { $0 ?? "-" }
            line("Dateline", parts.joined(separator: " | ") + " " + spanText(dateline.span))
        } else {
            line("Dateline", "-")
        }
        line("Published", article.publishedDate ?? "-")
        line("Byline", article.byline ?? "-")
        line("Agencies", article.agencies.isEmpty ? "-" : article.agencies.joined(separator: ", "))
        let language = article.language
        line(
            "Language",
            "\(language.code)\(language.isEnglish ? "" : " (not English)"), confidence \(format(language.confidence))"
        )
        if let url = article.url { line("URL", url) }
        if let site = article.siteName { line("Site", site) }

        out += "\nHighlights (\(article.highlights.count))\n"
        for (index, highlight) in article.highlights.enumerated() {
            out += "  H\(index + 1) \(spanText(highlight.span)) \(highlight.text)\n"
        }

        let bodySentences = article.sentences.filter { $0.paragraph >= 0 }
        out += "\nParagraphs (\(article.paragraphs.count), \(bodySentences.count) sentences)\n"
        var sentenceNumber = 0
        var cursor = 0
        for (index, paragraph) in article.paragraphs.enumerated() {
            out += "  P\(index + 1) \(spanText(paragraph.span))\n"
            while cursor < bodySentences.count, bodySentences[cursor].paragraph <= index {
                let sentence = bodySentences[cursor]
                cursor += 1
                guard sentence.paragraph == index else { continue }
                sentenceNumber += 1
                out += "    S\(sentenceNumber) \(sentence.text)\n"
            }
        }

        out += "\nRemoved (\(article.removed.count))\n"
        for item in article.removed {
            out += "  " + item.reason.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
            out += "\(spanText(item.span)) \(quoted(item.text))\n"
        }

        let prints = processed.fingerprints
        out += "\nFingerprints\n"
        out += "  content hash    \(prints.contentHash)\n"
        out += "  minhash         \(prints.minhash.count) values, \(prints.bandKeys.count) band keys\n"
        out += "  sentences       \(prints.sentenceHashes.count) hashes\n"
        out += "  normalized      \(article.normalizedText.unicodeScalars.count) scalars: "
        out += quoted(String(article.normalizedText.prefix(80))) + (article.normalizedText.count > 80 ? "…" : "") + "\n"

        out += "\nClaims (\(processed.claims.count))\n"
        for (index, claim) in processed.claims.enumerated() {
            let speaker: String
            if let who = claim.speaker {
                speaker = (who.resolved ?? who.asWritten) + " [\(who.resolution.rawValue)]"
            } else {
                speaker = "-"
            }
            out += "  C\(index + 1) \(claim.kind.rawValue), speaker: \(speaker)"
            if let cue = claim.cue { out += ", cue: \(quoted(cue.text))" }
            if let source = claim.reportingSource { out += ", via \(source)" }
            out += ", confidence \(format(claim.confidence))\n"
            out += "     \(quoted(claim.content.text))\n"
        }
        out += "\nPipeline \(processed.pipelineVersion)\n"
        return out
    }

    private static func spanText(_ span: TextSpan) -> String { "[\(span.start)..<\(span.end)]" }

    private static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    private static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }
}
