import Foundation
import IngestCore

/// The variant generators. Paragraph 0 of a base is its headline.
struct VariantMaker {
    var words: [String]

    func randomWord(_ generator: inout SplitMix64) -> String {
        words[Int(generator.next() % UInt64(words.count))]
    }

    /// New text: random vocabulary words in sentence shape, so it shares no copied passage with any article.
    func newSentence(_ generator: inout SplitMix64) -> String {
        let count = 10 + Int(generator.next() % 13)
        var sentence = (0..<count).map { _ in randomWord(&generator) }
        sentence[0] = sentence[0].prefix(1).uppercased() + sentence[0].dropFirst()
        return sentence.joined(separator: " ") + "."
    }

    func newParagraph(_ generator: inout SplitMix64) -> String {
        (0..<(2 + Int(generator.next() % 2))).map { _ in newSentence(&generator) }.joined(separator: " ")
    }

    func whitespace(_ paragraphs: [String], _ generator: inout SplitMix64) -> String {
        var out = "\n"
        for paragraph in paragraphs {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty {
                    line += generator.next() % 8 == 0 ? "  " : (generator.next() % 20 == 0 ? "\t" : " ")
                }
                line += word
            }
            out += line + (generator.next() % 3 == 0 ? "   " : "") + (generator.next() % 2 == 0 ? "\n\n" : "\n \n\n")
        }
        return out
    }

    func drop(_ paragraphs: [String], count: Int, _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        for _ in 0..<count {
            result.remove(at: 1 + Int(generator.next() % UInt64(result.count - 1)))
        }
        return result
    }

    func reorder(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        let from = 2 + Int(generator.next() % UInt64(result.count - 2))
        let moved = result.remove(at: from)
        var to = 1 + Int(generator.next() % UInt64(result.count - 1))
        if to == from { to = 1 }
        result.insert(moved, at: to)
        return result
    }

    /// Substitutions, deletions and insertions of whole words, each word edited with probability `rate`.
    func edit(_ paragraphs: [String], rate: Double, _ generator: inout SplitMix64) -> [String] {
        paragraphs.map { paragraph in
            var out: [String] = []
            for word in paragraph.split(separator: " ") {
                guard generator.nextUnit() < rate else {
                    out.append(String(word))
                    continue
                }
                switch generator.next() % 4 {
                case 0, 1: out.append(randomWord(&generator))
                case 2: break
                default:
                    out.append(randomWord(&generator))
                    out.append(String(word))
                }
            }
            return out.joined(separator: " ")
        }
    }

    static let names = [
        "Anna Kovac", "Tom Hale", "Priya Natarajan", "Lukas Berg", "Sara Lind", "Omar Haddad", "Mei Tanaka",
        "Jon Ellis", "Clara Weiss", "Diego Ramos",
    ]

    func captions(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        var result = paragraphs
        let photographer = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        let caption =
            "FILE PHOTO: " + newSentence(&generator).dropLast() + ", in this undated handout picture. "
            + "Meridian News/\(photographer)/File Photo"
        result.insert(caption, at: min(2, result.count))
        let reporter = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        let editor = Self.names[Int(generator.next() % UInt64(Self.names.count))]
        result.append("(Reporting by \(reporter); Editing by \(editor))")
        return result
    }

    func trim(_ paragraphs: [String], count: Int, _ generator: inout SplitMix64) -> [String] {
        // Drop the headline and the first `count` body paragraphs; keep the rest as is.
        Array(paragraphs.dropFirst(1 + count))
    }

    /// 30–50 % of the body paragraphs, in order, inside new text of about the same length, under a new headline.
    func partial(_ paragraphs: [String], _ generator: inout SplitMix64) -> [String] {
        let body = Array(paragraphs.dropFirst())
        let share = 0.3 + 0.2 * generator.nextUnit()
        let keep = max(3, Int((Double(body.count) * share).rounded()))
        var chosen = Set<Int>()
        while chosen.count < keep { chosen.insert(Int(generator.next() % UInt64(body.count))) }
        var result = [newSentence(&generator)]
        result.append(newParagraph(&generator))
        result.append(newParagraph(&generator))
        for (offset, index) in chosen.sorted().enumerated() {
            result.append(body[index])
            if offset % 2 == 1 { result.append(newParagraph(&generator)) }
        }
        result.append(newParagraph(&generator))
        result.append(newParagraph(&generator))
        return result
    }

    /// The host article with a new paragraph quoting two long sentences of the source.
    func quoteShare(host: [String], source: [String], _ generator: inout SplitMix64) -> [String] {
        var sentences: [String] = []
        for paragraph in source.dropFirst(2) {
            for sentence in paragraph.split(separator: ". ") where sentence.split(separator: " ").count >= 12 {
                sentences.append(
                    sentence.hasSuffix(".") || sentence.hasSuffix("\"") ? String(sentence) : sentence + "."
                )
            }
        }
        let first = Int(generator.next() % UInt64(sentences.count))
        var second = Int(generator.next() % UInt64(sentences.count))
        if second == first { second = (first + 1) % sentences.count }
        var result = host
        let quoted = "In a separate development, " + sentences[first] + " " + sentences[second]
        result.insert(quoted, at: max(2, result.count - 2))
        return result
    }
}
