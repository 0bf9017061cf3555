import Foundation
import IngestCore

/// The copy relation against the story relation, on real articles (`ingest-bench dedup-eval`, section "real pairs").
///
/// Built at evaluation time from `../shared/eval` (the PolNeAR and Gender Gap Tracker texts and the MRPC sentences;
/// nothing is copied into the project), with a fixed-seed generator, so every run judges the same pairs:
/// - every real article is a *base*, its own family;
/// - one copy of each base, the kind cycling over: `trimmed` (headline and the last 20–50 % of paragraphs dropped),
///   `lead-only` (the headline and the first half of the body), `embedded` (the body under a new headline, between a
///   new opening and a new closing paragraph made of MRPC sentences), `highlights` (four to six bullet lines of
///   MRPC sentences above the body), `edited` (one paragraph dropped, 5 % of the words edited). Copy and story
///   positive against its base;
/// - bases paired two by two; in each pair the *reporter* B gets 1–3 of the *source* A's quoted sentences (a
///   sentence holding a quotation of at least six words), in their own paragraphs: scattered, or (every other pair
///   with two or more) together in one paragraph in A's order, as when two reports give the same statement. Both
///   sides also get 0–2 MRPC paraphrase pairs (sentence 1 into A, sentence 2 into B: the same fact worded by two
///   reporters). The two new documents are copy negatives and story positives: different reports quoting the same
///   people. Each is also a copy of its own base;
/// - for each quote pair with two quotes or more, two *briefs* (the reporter's headline and lead paragraph, or the next base's, and the same
///   two quoted sentences), families of their own: copy negative, story positive. Short reports made mostly of the
///   same quotes share many word pairs;
/// - every other pair of documents of different families is a copy and story negative, except the pairs between two
///   families joined by a quote pair or a brief, which are left out (same story through the quotes, no label).
struct RealPairs {
    struct Doc {
        var family: Int
        var kind: String
        var text: String
    }

    struct Pair {
        var a: Int
        var b: Int
        var copy: Bool
        var story: Bool
        var kind: String
    }

    var docs: [Doc] = []
    var pairs: [Pair] = []
    var baseNames: [String] = []

    static let copyKinds = ["trimmed", "lead-only", "embedded", "highlights", "edited"]

    /// Bases: `polnear-dev/text` and `ggt-dev/text`, sorted by path; MRPC sentences from `mrpc-train.tsv`.
    static func load(evalRoot: URL, seed: UInt64) throws -> RealPairs {
        var texts: [(String, String)] = []
        for folder in ["polnear-dev/text", "ggt-dev/text"] {
            let directory = evalRoot.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasSuffix(".txt")
            }.sorted()
            for name in names {
                texts.append(
                    (
                        folder + "/" + name,
                        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                    )
                )
            }
        }
        let mrpc = try String(contentsOf: evalRoot.appendingPathComponent("mrpc-train.tsv"), encoding: .utf8)
        var paraphrases: [(String, String)] = []
        var filler: [String] = []
        for line in mrpc.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else { continue }
            let first = fields[3].trimmingCharacters(in: .whitespaces)
            let second = fields[4].trimmingCharacters(in: .whitespacesAndNewlines)
            if fields[0] == "1" { paraphrases.append((first, second)) } else { filler.append(first) }
        }
        var generator = SplitMix64(seed: seed)
        return generate(texts: texts, paraphrases: paraphrases, filler: filler, generator: &generator)
    }

    /// Paragraphs: lines (some texts put a paragraph on each line, with no blank line between).
    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
    }

    /// Sentences of a paragraph: a split after `. ? !` (and closing quotes) before a space and a capital or an
    /// opening quote. Only used to pick quoted sentences; the fingerprints split sentences their own way.
    static func sentences(_ paragraph: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(paragraph)
        var index = 0
        while index < characters.count {
            current.append(characters[index])
            if ".?!".contains(characters[index]) {
                var end = index + 1
                while end < characters.count, "\"”’'".contains(characters[end]) {
                    current.append(characters[end])
                    end += 1
                }
                if end + 1 < characters.count, characters[end] == " ",
                    characters[end + 1].isUppercase || "\"“".contains(characters[end + 1])
                {
                    result.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                    index = end
                    continue
                }
                index = end
                continue
            }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    /// A sentence holding a quotation of at least six words.
    static func isQuoted(_ sentence: String) -> Bool {
        for (open, close) in [("“", "”"), ("\"", "\"")] {
            guard let start = sentence.range(of: open),
                let end = sentence.range(of: close, range: start.upperBound..<sentence.endIndex)
            else { continue }
            if sentence[start.upperBound..<end.lowerBound].split(separator: " ").count >= 6 { return true }
        }
        return false
    }

    static func generate(
        texts: [(String, String)],
        paraphrases: [(String, String)],
        filler: [String],
        generator: inout SplitMix64
    ) -> RealPairs {
        var set = RealPairs()
        let bases = texts.map { paragraphs($0.1) }
        var vocabulary = Set<String>()
        for base in bases {
            for paragraph in base {
                for word in paragraph.split(separator: " ") where word.count >= 3 && word.allSatisfy(\.isLetter) {
                    vocabulary.insert(word.lowercased())
                }
            }
        }
        let maker = VariantMaker(words: vocabulary.sorted())
        func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
        // A brief's headline and its own lead: the first body paragraph of at least eight words.
        func lead(_ base: [String]) -> String {
            base[0] + "\n\n" + (base.dropFirst().first { $0.split(separator: " ").count >= 8 } ?? "")
        }
        func fillerParagraph(_ count: Int) -> String { (0..<count).map { _ in pick(filler) }.joined(separator: " ") }

        for (family, base) in bases.enumerated() {
            set.baseNames.append(texts[family].0)
            set.docs.append(Doc(family: family, kind: "base", text: base.joined(separator: "\n\n")))
        }
        // One copy per base.
        for (family, base) in bases.enumerated() where base.count >= 4 {
            let kind = copyKinds[family % copyKinds.count]
            let body = Array(base.dropFirst())
            var copy: [String]
            switch kind {
            case "trimmed":
                let keep = max(2, Int((Double(body.count) * (0.5 + 0.3 * generator.nextUnit())).rounded()))
                copy = Array(body.prefix(keep))
            case "lead-only":
                copy = [base[0]] + body.prefix(max(2, body.count / 2))
            case "embedded":
                copy = [pick(filler), fillerParagraph(2)] + body + [fillerParagraph(2)]
            case "highlights":
                copy = (0..<(4 + Int(generator.next() % 3))).map { _ in "- " + pick(filler) } + body
            default:
                copy = maker.edit(maker.drop(base, count: 1, &generator), rate: 0.05, &generator)
            }
            set.docs.append(Doc(family: family, kind: kind, text: copy.joined(separator: "\n\n")))
            set.pairs.append(Pair(a: family, b: set.docs.count - 1, copy: true, story: true, kind: kind))
        }
        // Quote pairs: bases in a shuffled order, two by two; the source needs quoted sentences.
        var order = Array(bases.indices)
        order.shuffle(using: &generator)
        var joined = Set<ArticlePair<Int>>()
        var quotePairs = 0
        var position = 0
        while position + 1 < order.count {
            let source = order[position]
            let reporter = order[position + 1]
            position += 2
            let quoted = bases[source].dropFirst().flatMap(sentences).filter(isQuoted)
            guard !quoted.isEmpty, bases[reporter].count >= 3 else { continue }
            let count = min(quoted.count, 1 + quotePairs % 3)
            let together = count >= 2 && (quotePairs / 3) % 2 == 1
            quotePairs += 1
            let first = Int(generator.next() % UInt64(quoted.count - count + 1))
            let chosen = Array(quoted[first..<(first + count)])
            var a = bases[source]
            var b = bases[reporter]
            let inserts = together ? [chosen.joined(separator: " ")] : chosen
            for insert in inserts { b.insert(insert, at: 1 + Int(generator.next() % UInt64(b.count))) }
            let shared = Int(generator.next() % 3)
            for _ in 0..<shared {
                let (left, right) = pick(paraphrases)
                a.insert(left, at: 1 + Int(generator.next() % UInt64(a.count)))
                b.insert(right, at: 1 + Int(generator.next() % UInt64(b.count)))
            }
            let kind = "quotes-\(count)\(together ? "-together" : "")"
            set.docs.append(Doc(family: source, kind: "quote-source", text: a.joined(separator: "\n\n")))
            let aID = set.docs.count - 1
            set.docs.append(Doc(family: reporter, kind: "quote-reporter", text: b.joined(separator: "\n\n")))
            let bID = set.docs.count - 1
            set.pairs.append(Pair(a: aID, b: bID, copy: false, story: true, kind: kind))
            set.pairs.append(Pair(a: source, b: aID, copy: true, story: true, kind: "quote-source-base"))
            set.pairs.append(Pair(a: reporter, b: bID, copy: true, story: true, kind: "quote-reporter-base"))
            joined.insert(ArticlePair(source, reporter))
            // Two briefs: each reporter's lead paragraph and the same two quotes, families of their own.
            guard quoted.count >= 2 else { continue }
            let quotes = Array(quoted[first..<min(first + 2, quoted.count)])
            let briefQuotes = quotes.count == 2 ? quotes : Array(quoted.prefix(2))
            let briefFamilies = [bases.count + 2 * quotePairs, bases.count + 2 * quotePairs + 1]
            for (family, lead) in zip(
                briefFamilies,
                [lead(bases[reporter]), lead(bases[order[position % order.count]])]
            ) {
                set.docs.append(
                    Doc(family: family, kind: "quote-brief", text: ([lead] + briefQuotes).joined(separator: "\n\n"))
                )
            }
            set.pairs.append(
                Pair(a: set.docs.count - 2, b: set.docs.count - 1, copy: false, story: true, kind: "quote-briefs")
            )
            for family in briefFamilies {
                for other in [source, reporter, order[position % order.count], briefFamilies[0], briefFamilies[1]]
                where other != family {
                    joined.insert(ArticlePair(family, other))
                }
            }
        }
        // Cross-family negatives.
        var labelled = Set(set.pairs.map { ArticlePair($0.a, $0.b) })
        for a in set.docs.indices {
            for b in (a + 1)..<set.docs.count where set.docs[a].family != set.docs[b].family {
                let key = ArticlePair(a, b)
                if labelled.contains(key) || joined.contains(ArticlePair(set.docs[a].family, set.docs[b].family)) {
                    continue
                }
                labelled.insert(key)
                set.pairs.append(Pair(a: a, b: b, copy: false, story: false, kind: "negative"))
            }
        }
        // Same-family pairs not labelled above (a copy against the quote-source doc): copies of one base.
        for a in set.docs.indices {
            for b in (a + 1)..<set.docs.count where set.docs[a].family == set.docs[b].family {
                let key = ArticlePair(a, b)
                if labelled.contains(key) { continue }
                labelled.insert(key)
                set.pairs.append(Pair(a: a, b: b, copy: true, story: true, kind: "same-base"))
            }
        }
        return set
    }

    /// The base article a family comes from; briefs have no base.
    func name(_ family: Int) -> String {
        family < baseNames.count ? baseNames[family] : "brief"
    }

    /// Prints copy and story precision/recall, per kind; returns the targets.
    func report(thresholds: DedupThresholds, listMisses: Bool) -> [(String, Bool)] {
        let fingerprints = docs.enumerated().map {
            // Real article text; the parser does not refuse it.
            try! DedupEval.fingerprint($0.element.text, key: "real-\($0.offset)", parameters: .standard)
        }
        var index = DedupIndex<Int>()
        for (id, fingerprint) in fingerprints.enumerated() { index.insert(id, fingerprint) }
        let verdicts = Evaluation.judge(fingerprints, index: index, thresholds: thresholds)
        let f = DedupEval.format
        let bases = docs.filter { $0.kind == "base" }.count
        print("\n== real pairs: \(bases) real articles, \(docs.count) documents, \(pairs.count) labelled pairs")
        print("kind                   n  copy-truth story-truth | exact near  repr  rel   none | copy-acc story-acc")
        var kinds: [String] = []
        for pair in pairs where !kinds.contains(pair.kind) { kinds.append(pair.kind) }
        for kind in kinds.sorted() {
            let group = pairs.filter { $0.kind == kind }
            var byRelation: [DedupRelation: Int] = [:]
            var copyRight = 0
            var storyRight = 0
            for pair in group {
                let verdict = verdicts[ArticlePair(pair.a, pair.b)]
                byRelation[verdict?.relation ?? .none, default: 0] += 1
                if (verdict?.relation.isCopy ?? false) == pair.copy { copyRight += 1 }
                if (verdict?.sameStory ?? false) == pair.story { storyRight += 1 }
            }
            let cells = [DedupRelation.exact, .nearDuplicate, .reprint, .related, .none].map {
                String(format: "%5d", byRelation[$0] ?? 0)
            }
            print(
                kind.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%5d  ", group.count)
                    + (group[0].copy ? "yes       " : "no        ") + (group[0].story ? " yes        " : " no         ")
                    + "|" + cells.joined(separator: " ") + " | "
                    + String(
                        format: "%6.3f   %6.3f",
                        Double(copyRight) / Double(group.count),
                        Double(storyRight) / Double(group.count)
                    )
            )
        }
        var copy = Evaluation.Counts()
        var story = Evaluation.Counts()
        for pair in pairs {
            let verdict = verdicts[ArticlePair(pair.a, pair.b)]
            let isCopy = verdict?.relation.isCopy ?? false
            let sameStory = verdict?.sameStory ?? false
            copy.add(predicted: isCopy, truth: pair.copy)
            story.add(predicted: sameStory, truth: pair.story)
        }
        print(
            "copy pairs (exact, near-duplicate, reprint): P \(f(copy.precision)) R \(f(copy.recall)) F1 \(f(copy.f1))"
                + " (\(copy.truePositive) right, \(copy.falsePositive) wrong, \(copy.falseNegative) missed)"
        )
        print(
            "story pairs (same story): P \(f(story.precision)) R \(f(story.recall)) F1 \(f(story.f1))"
                + " (\(story.truePositive) right, \(story.falsePositive) wrong, \(story.falseNegative) missed)"
        )
        let quoteCopies = pairs.filter {
            $0.kind.hasPrefix("quotes-") && (verdicts[ArticlePair($0.a, $0.b)]?.relation.isCopy ?? false)
        }
        if listMisses {
            print("\n== real pairs: wrong copy verdicts")
            for pair in pairs {
                let verdict = verdicts[ArticlePair(pair.a, pair.b)]
                guard (verdict?.relation.isCopy ?? false) != pair.copy else { continue }
                print(
                    "\(pair.kind) #\(pair.a) \(docs[pair.a].kind) \(name(docs[pair.a].family)) / #\(pair.b)"
                        + " \(docs[pair.b].kind) \(name(docs[pair.b].family)):"
                        + " \(verdict?.relation.rawValue ?? "not a candidate") Jest \(f(verdict?.estimatedJaccard ?? 0))"
                        + " C \(f(verdict?.containment ?? 0)) shared \(verdict?.sharedSentences ?? 0)/\(verdict?.comparedSentences ?? 0)"
                )
            }
        }
        return [
            ("real pairs: copy precision \(f(copy.precision)) >= 0.98", copy.precision >= 0.98),
            ("real pairs: copy recall \(f(copy.recall)) >= 0.95", copy.recall >= 0.95),
            ("real pairs: no quote pair called a copy (\(quoteCopies.count))", quoteCopies.isEmpty),
        ]
    }
}
