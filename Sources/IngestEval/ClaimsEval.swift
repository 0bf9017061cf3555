import Foundation
import IngestCore

/// `ingest-eval claims`: span-level attribution scores on PolNeAR dev, "same claim" on MRPC, or a claim dump.
///
///     ingest-eval claims [--data DIR] [--raw]            PolNeAR Source/Cue/Content P/R/F1, exact and overlap
///     ingest-eval claims --mrpc [--data DIR]             isSameClaim and fingerprint vs MRPC paraphrase labels
///     ingest-eval claims --dump FILE...                  print the claims of text files
package enum ClaimsEval {
    package enum Failure: Error, CustomStringConvertible {
        case missing(String)

        package var description: String {
            switch self {
            case .missing(let path): "not found: \(path)"
            }
        }
    }

    package static func run(_ arguments: ArraySlice<String>) throws {
        let args = Array(arguments)
        var data = "../shared/eval"
        if let index = args.firstIndex(of: "--data"), index + 1 < args.count { data = args[index + 1] }
        if let index = args.firstIndex(of: "--dump") {
            for path in args[(index + 1)...] where !path.hasPrefix("--") { try dump(path) }
            return
        }
        if args.contains("--mrpc") {
            try mrpc(data + "/mrpc-train.tsv")
            return
        }
        try polnear(data + "/polnear-dev", raw: args.contains("--raw"), verbose: args.contains("--verbose"))
    }

    package static func process(_ text: String) throws -> ProcessedArticle {
        let envelope = ArticleEnvelope(
            key: "eval",
            outlet: "eval",
            fetchedAt: "2026-01-01T00:00:00Z",
            contentType: .text,
            body: text
        )
        return try Pipeline().process(envelope)
    }

    package static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure.missing(path) }
        return text
    }

    // MARK: Dump

    static func dump(_ path: String) throws {
        let processed = try process(try read(path))
        print("=== \(path): \(processed.claims.count) claims")
        for claim in processed.claims {
            var line = "[\(claim.kind.rawValue)] "
            if let speaker = claim.speaker {
                line += "\(speaker.asWritten) → \(speaker.resolved ?? "nil") (\(speaker.type.rawValue), "
                line += "\(speaker.resolution.rawValue))"
                if let role = speaker.role { line += " role=\(role)" }
                if let affiliation = speaker.affiliation { line += " aff=\(affiliation)" }
            }
            if let cue = claim.cue { line += " cue=\(cue.text)" }
            if let source = claim.reportingSource { line += " via=\(source)" }
            if claim.polarity == .negative { line += " NEG" }
            if let worth = claim.checkWorthiness { line += " cw=\(worth)" }
            line += " conf=\(claim.confidence) s\(claim.sentenceIndex)"
            print(line)
            print("    «\(claim.content.text)»")
        }
    }

    // MARK: PolNeAR

    /// One attribution part: its fragments as scalar ranges.
    struct Part: Hashable {
        var fragments: [Range<Int>]
    }

    struct Score {
        var predicted = 0
        var gold = 0
        var exactPredicted = 0
        var exactGold = 0
        var overlapPredicted = 0
        var overlapGold = 0

        mutating func add(predicted: [Part], gold: [Part], exact: (Part, Part) -> Bool, overlap: (Part, Part) -> Bool) {
            self.predicted += predicted.count
            self.gold += gold.count
            exactPredicted += predicted.filter { p in gold.contains { exact(p, $0) } }.count
            exactGold += gold.filter { g in predicted.contains { exact($0, g) } }.count
            overlapPredicted += predicted.filter { p in gold.contains { overlap(p, $0) } }.count
            overlapGold += gold.filter { g in predicted.contains { overlap($0, g) } }.count
        }

        func row(_ name: String) -> String {
            func f(_ hitP: Int, _ hitG: Int) -> (Double, Double, Double) {
                let p = predicted == 0 ? 0 : Double(hitP) / Double(predicted)
                let r = gold == 0 ? 0 : Double(hitG) / Double(gold)
                return (p * 100, r * 100, p + r == 0 ? 0 : 200 * p * r / (p + r))
            }
            let e = f(exactPredicted, exactGold)
            let o = f(overlapPredicted, overlapGold)
            return String(
                format: "%-8@ %6d %6d | %5.1f %5.1f %5.1f | %5.1f %5.1f %5.1f",
                name as NSString,
                predicted,
                gold,
                e.0,
                e.1,
                e.2,
                o.0,
                o.1,
                o.2
            )
        }
    }

    static func parseAnnotations(_ text: String) -> [String: [Part]] {
        var spans: [String: (String, Part)] = [:]
        var events: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2 else { continue }
            if columns[0].hasPrefix("T") {
                let head = columns[1].split(separator: " ", maxSplits: 1)
                guard head.count == 2 else { continue }
                var fragments: [Range<Int>] = []
                for range in head[1].split(separator: ";") {
                    let bounds = range.split(separator: " ").compactMap { Int($0) }
                    if bounds.count == 2 { fragments.append(bounds[0]..<bounds[1]) }
                }
                spans[String(columns[0])] = (String(head[0]), Part(fragments: fragments))
            } else if columns[0].hasPrefix("E") {
                events.append(columns[1].split(separator: " ").map(String.init))
            }
        }
        var parts: [String: Set<String>] = [:]
        for event in events {
            for argument in event {
                let pieces = argument.split(separator: ":")
                guard pieces.count == 2, let (label, _) = spans[String(pieces[1])] else { continue }
                if ["Source", "Cue", "Content"].contains(label) { parts[label, default: []].insert(String(pieces[1])) }
            }
        }
        var out: [String: [Part]] = [:]
        for (label, ids) in parts { out[label] = ids.sorted().compactMap { spans[$0]?.1 } }
        return out
    }

    /// Our spans in PolNeAR's conventions: sources with their appositive commas, quotes with their marks and
    /// `that` before a complement. Pieces of one quote (same cue) form one multi-fragment Content.
    static func predictedParts(_ claims: [Claim], scalars: [Unicode.Scalar], raw: Bool) -> [String: [Part]] {
        func isQuote(_ index: Int) -> Bool {
            guard index >= 0 && index < scalars.count else { return false }
            return "\"“”'‘’".unicodeScalars.contains(scalars[index])
        }
        var sources: Set<Part> = []
        var cues: Set<Part> = []
        var contents: [Range<Int>: [Range<Int>]] = [:]
        var order: [Range<Int>] = []
        for claim in claims where claim.kind != .unattributedFactual {
            guard let cue = claim.cue else { continue }
            let cueRange = cue.span.start..<cue.span.end
            cues.insert(Part(fragments: [cueRange]))
            if let speaker = claim.speaker {
                var span = speaker.mentionSpan ?? speaker.span
                if !raw, span.end < scalars.count, scalars[span.end] == ",",
                    scalars[span.start..<span.end].contains(",")
                {
                    span.end += 1
                }
                sources.insert(Part(fragments: [span.start..<span.end]))
            }
            var content = claim.content.span
            if !raw {
                if claim.kind == .directQuote || isQuote(content.start - 1) {
                    if isQuote(content.start - 1) { content.start -= 1 }
                    var end = content.end
                    while end < scalars.count && ",.!?".unicodeScalars.contains(scalars[end]) { end += 1 }
                    if isQuote(end) { content.end = end + 1 }
                }
                let before = content.start - 5
                if ProcessInfo.processInfo.environment["NOTHAT"] == nil, before >= 0,
                    String(String.UnicodeScalarView(scalars[before..<content.start])) == "that "
                {
                    content.start = before
                }
            }
            if contents[cueRange] == nil { order.append(cueRange) }
            contents[cueRange, default: []].append(content.start..<content.end)
        }
        return [
            "Source": Array(sources),
            "Cue": Array(cues),
            "Content": order.map { Part(fragments: contents[$0]!.sorted { $0.lowerBound < $1.lowerBound }) },
        ]
    }

    static func polnear(_ directory: String, raw: Bool, verbose: Bool) throws {
        let manager = FileManager.default
        let textDirectory = directory + "/text"
        let annotationDirectory = directory + "/attributions"
        guard
            let names = try? manager.contentsOfDirectory(atPath: textDirectory).filter({ $0.hasSuffix(".txt") })
                .sorted(),
            let annotations = try? manager.contentsOfDirectory(atPath: annotationDirectory).sorted()
        else { throw Failure.missing(directory) }
        var scores: [String: Score] = ["Source": Score(), "Cue": Score(), "Content": Score()]
        var articles = 0
        var claimCount = 0
        for name in names {
            let stem = String(name.dropLast(4))
            guard let annotation = annotations.first(where: { $0.hasPrefix(stem + "_") && $0.hasSuffix(".ann") }) else {
                continue
            }
            let text = try read(textDirectory + "/" + name)
            let gold = parseAnnotations(try read(annotationDirectory + "/" + annotation))
            let processed = try process(text)
            claimCount += processed.claims.count
            let predicted = predictedParts(processed.claims, scalars: Array(text.unicodeScalars), raw: raw)
            let scalars = Array(text.unicodeScalars)
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var lower = range.lowerBound
                var upper = min(range.upperBound, scalars.count)
                while lower < upper && scalars[lower].properties.isWhitespace { lower += 1 }
                while upper > lower && scalars[upper - 1].properties.isWhitespace { upper -= 1 }
                return lower..<upper
            }
            let exact: (Part, Part) -> Bool = { p, g in
                p.fragments.map(trimmed) == g.fragments.map(trimmed)
            }
            let overlap: (Part, Part) -> Bool = { p, g in
                p.fragments.contains { a in g.fragments.contains { b in a.overlaps(b) } }
            }
            for label in ["Source", "Cue", "Content"] {
                scores[label]!.add(
                    predicted: predicted[label] ?? [],
                    gold: gold[label] ?? [],
                    exact: exact,
                    overlap: overlap
                )
            }
            if verbose {
                let show: (Part) -> String = { part in
                    part.fragments.map { String(String.UnicodeScalarView(scalars[$0])) }.joined(separator: " | ")
                }
                for label in ["Source", "Cue", "Content"] {
                    for p in predicted[label] ?? [] where !(gold[label] ?? []).contains(where: { exact(p, $0) }) {
                        let near = (gold[label] ?? []).first { overlap(p, $0) }.map(show) ?? "-"
                        print("FP \(label): \(show(p))   gold≈ \(near)")
                    }
                    for g in gold[label] ?? [] where !(predicted[label] ?? []).contains(where: { exact($0, g) }) {
                        let at = g.fragments[0]
                        let from = max(0, at.lowerBound - 120)
                        let to = min(scalars.count, at.upperBound + 80)
                        let context =
                            String(String.UnicodeScalarView(scalars[from..<at.lowerBound])) + "[["
                            + String(String.UnicodeScalarView(scalars[at])) + "]]"
                            + String(String.UnicodeScalarView(scalars[at.upperBound..<to]))
                        print("FN \(label): \(show(g))   ‖ \(context.replacingOccurrences(of: "\n", with: " / "))")
                    }
                }
            }
            articles += 1
        }
        print(
            "PolNeAR dev: \(articles) articles, \(claimCount) claims (\(raw ? "raw spans" : "PolNeAR span conventions"))"
        )
        print("part      pred   gold |  exact P     R    F1 | overlap P   R    F1")
        for label in ["Source", "Cue", "Content"] { print(scores[label]!.row(label)) }
    }

    // MARK: MRPC

    static func mrpc(_ path: String) throws {
        let lines = try read(path).split(whereSeparator: \.isNewline).dropFirst()
        var pairs: [(Bool, ClaimSignature, ClaimSignature, String, String)] = []
        for line in lines {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 5 else { continue }
            let a = String(columns[3])
            let b = String(columns[4])
            pairs.append((columns[0] == "1", ClaimMatcher.signature(a), ClaimMatcher.signature(b), a, b))
        }
        let positives = pairs.filter(\.0).count
        print("MRPC train: \(pairs.count) pairs, \(positives) paraphrases")
        func report(_ name: String, _ decide: ((Bool, ClaimSignature, ClaimSignature, String, String)) -> Bool) {
            var tp = 0
            var fp = 0
            var fn = 0
            var tn = 0
            for pair in pairs {
                switch (decide(pair), pair.0) {
                case (true, true): tp += 1
                case (true, false): fp += 1
                case (false, true): fn += 1
                case (false, false): tn += 1
                }
            }
            let p = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let r = Double(tp) / Double(max(1, tp + fn))
            let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
            let accuracy = Double(tp + tn) / Double(pairs.count)
            print(
                String(
                    format: "%-34@ P %5.1f  R %5.1f  F1 %5.1f  acc %5.1f",
                    name as NSString,
                    p * 100,
                    r * 100,
                    f * 100,
                    accuracy * 100
                )
            )
        }
        report("fingerprint equal") { ClaimMatcher.fingerprint($0.3) == ClaimMatcher.fingerprint($0.4) }
        for threshold in [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0] {
            let marker = threshold == ClaimMatcher.sameClaimThreshold ? " (default)" : ""
            report("isSameClaim @ \(threshold)\(marker)") { ClaimMatcher.isSameClaim($0.1, $0.2, threshold: threshold) }
        }
    }
}
