import Foundation
import IngestCore

/// The generated evaluation corpus: the base articles, their variants, and the labelled pairs.
struct Corpus {
    var bases: [DedupEval.Base]
    var docs: [EvalDoc]
    var labelled: [LabelledPair]
    /// Pairs whose relation is ambiguous by construction (quote-sharing documents vs the source's other variants).
    var ambiguous: Set<ArticlePair<Int>>

    static let editRates = [0.02, 0.05, 0.10, 0.20, 0.30]

    static func generate(bases: [DedupEval.Base], generator: inout SplitMix64) -> Corpus {
        var vocabulary = Set<String>()
        for base in bases {
            for paragraph in base.paragraphs {
                for word in paragraph.split(separator: " ") {
                    let letters = word.lowercased().filter { $0.isLetter }
                    if letters.count >= 3 { vocabulary.insert(letters) }
                }
            }
        }
        let words = vocabulary.sorted()
        var corpus = Corpus(bases: bases, docs: [], labelled: [], ambiguous: [])
        for (index, base) in bases.enumerated() {
            corpus.add(family: index, kind: "base", paragraphs: base.paragraphs)
        }
        for (index, base) in bases.enumerated() {
            let original = base.paragraphs
            let make = VariantMaker(words: words)
            corpus.add(
                family: index,
                kind: "exact-bytes",
                paragraphs: original,
                text: original.joined(separator: "\n\n")
            )
            corpus.add(
                family: index,
                kind: "exact-whitespace",
                paragraphs: original,
                text: make.whitespace(original, &generator)
            )
            for count in 1...2 {
                corpus.add(family: index, kind: "para-drop", paragraphs: make.drop(original, count: count, &generator))
            }
            corpus.add(family: index, kind: "para-reorder", paragraphs: make.reorder(original, &generator))
            for rate in editRates {
                for _ in 0..<2 {
                    corpus.add(
                        family: index,
                        kind: "edit-\(Int(rate * 100))%",
                        paragraphs: make.edit(original, rate: rate, &generator)
                    )
                }
            }
            corpus.add(family: index, kind: "caption+trailer", paragraphs: make.captions(original, &generator))
            for count in [1, 3] {
                corpus.add(
                    family: index,
                    kind: "trimmed-lead",
                    paragraphs: make.trim(original, count: count, &generator)
                )
            }
            for _ in 0..<2 {
                corpus.add(family: index, kind: "partial-reprint", paragraphs: make.partial(original, &generator))
            }
            // Quote sharing: another story quotes two sentences of this one. The host is the other story of the same
            // topic for the first story of a topic, and the first story of the next topic for the second, so no two
            // articles quote each other (that would make them share four sentences).
            if let host = quoteHost(of: index, in: bases) {
                let paragraphs = make.quoteShare(host: bases[host].paragraphs, source: original, &generator)
                let id = corpus.add(family: host, kind: "quote-share", paragraphs: paragraphs, labelAgainstBase: false)
                corpus.labelled.append(LabelledPair(a: index, b: id, truth: .related, kind: "quote-share"))
                corpus.labelled.append(LabelledPair(a: host, b: id, truth: .nearDuplicate, kind: "quote-share-host"))
                for other in corpus.docs where other.family == index && other.id != index {
                    corpus.ambiguous.insert(ArticlePair(other.id, id))
                }
            }
        }
        // Quote-share docs were added before some of their source's variants; mark those pairs too.
        for doc in corpus.docs where doc.kind == "quote-share" {
            let source = corpus.labelled.first { $0.b == doc.id && $0.truth == .related }!.a
            for other in corpus.docs where other.family == source && other.id != source {
                corpus.ambiguous.insert(ArticlePair(other.id, doc.id))
            }
        }
        return corpus
    }

    static func quoteHost(of index: Int, in bases: [DedupEval.Base]) -> Int? {
        let topics = bases.map(\.topic).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let topic = bases[index].topic
        guard let partner = bases.indices.first(where: { $0 != index && bases[$0].topic == topic }) else { return nil }
        if index < partner { return partner }
        let next = topics[(topics.firstIndex(of: topic)! + 1) % topics.count]
        return bases.indices.first { bases[$0].topic == next && $0 != index }
    }

    @discardableResult
    mutating func add(
        family: Int,
        kind: String,
        paragraphs: [String],
        text: String? = nil,
        labelAgainstBase: Bool = true
    ) -> Int {
        let id = docs.count
        docs.append(
            EvalDoc(
                id: id,
                family: family,
                kind: kind,
                paragraphs: paragraphs,
                text: text ?? paragraphs.joined(separator: "\n\n")
            )
        )
        if kind != "base" && labelAgainstBase {
            let truth: DedupRelation
            switch kind {
            case "exact-bytes", "exact-whitespace": truth = .exact
            case "partial-reprint": truth = .reprint
            default: truth = .nearDuplicate
            }
            labelled.append(LabelledPair(a: family, b: id, truth: truth, kind: kind))
        }
        return id
    }
}
