import IngestCore

/// Deterministic ~4 KB articles over a large invented vocabulary (unrelated articles share almost no word pairs),
/// with a quote from one of 160,000 speakers in about every other paragraph;
/// `nearShare` of them are lightly edited copies (3 % of words replaced, sometimes a paragraph dropped) of an
/// earlier article; each ends with one of five boilerplate sentences, which every article shares with a fifth of
/// the others (the case the candidate caps exist for).
struct SyntheticArticles {
    private var state: UInt64
    private let nearShare: Double
    private var bodies: [String] = []
    private var produced = 0
    private let vocabulary: [String]

    init(seed: UInt64, nearShare: Double) {
        state = seed
        self.nearShare = nearShare
        var words: [String] = []
        var vocabularyState: UInt64 = 7
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0..<20_000 {
            let length = 3 + Int(Self.mix(&vocabularyState) % 7)
            var word = ""
            for _ in 0..<length { word.append(letters[Int(Self.mix(&vocabularyState) % 26)]) }
            words.append(word)
        }
        vocabulary = words
    }

    static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func random(_ bound: Int) -> Int {
        Int(Self.mix(&state) % UInt64(bound))
    }

    static let boilerplate = [
        "Reporting by the newsroom staff and editing by the regional desk team.",
        "This article was produced with the help of local correspondents in the region.",
        "Follow our live coverage for further updates on this developing story.",
        "The company did not immediately respond to a request for further comment.",
        "Additional reporting by correspondents and editing by the weekend news desk.",
    ]

    mutating func next() -> ArticleEnvelope {
        let body: String
        if !bodies.isEmpty && Double(random(10_000)) / 10_000 < nearShare {
            body = edit(bodies[random(bodies.count)])
        } else {
            body = fresh()
        }
        // A bounded window of earlier articles to copy: the bench's own memory must not grow with the run.
        if bodies.count < 2000 { bodies.append(body) } else { bodies[produced % 2000] = body }
        produced += 1
        return ArticleEnvelope(
            key: "bench-\(produced)",
            outlet: "outlet-\(produced % 37)",
            fetchedAt: "2026-03-03T10:00:00.000Z",
            contentType: .text,
            body: body
        )
    }

    private mutating func fresh() -> String {
        var paragraphs: [String] = []
        var bytes = 0
        while bytes < 3900 {
            var sentences: [String] = []
            for _ in 0..<(2 + random(3)) {
                var words: [String] = []
                for _ in 0..<(10 + random(12)) { words.append(vocabulary[random(vocabulary.count)]) }
                sentences.append(words.joined(separator: " ").capitalizedFirst + ".")
            }
            let paragraph = sentences.joined(separator: " ")
            bytes += paragraph.utf8.count + 2
            paragraphs.append(paragraph)
            // One quote per paragraph or so, so claims and their variant linking are exercised too.
            if random(2) == 0 {
                var words: [String] = []
                for _ in 0..<(8 + random(10)) { words.append(vocabulary[random(vocabulary.count)]) }
                let speaker = vocabulary[random(400)].capitalizedFirst + " " + vocabulary[random(400)].capitalizedFirst
                let quote = "\"" + words.joined(separator: " ").capitalizedFirst + ",\" said " + speaker + "."
                bytes += quote.utf8.count + 2
                paragraphs.append(quote)
            }
        }
        paragraphs.append(Self.boilerplate[random(Self.boilerplate.count)])
        return paragraphs.joined(separator: "\n\n")
    }

    private mutating func edit(_ body: String) -> String {
        var paragraphs = body.components(separatedBy: "\n\n")
        if paragraphs.count > 4 && random(2) == 0 { paragraphs.remove(at: 1 + random(paragraphs.count - 2)) }
        return paragraphs.map { paragraph in
            paragraph.split(separator: " ").map { word in
                random(100) < 3 ? vocabulary[random(vocabulary.count)] : String(word)
            }.joined(separator: " ")
        }.joined(separator: "\n\n")
    }
}

extension String {
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
