/// A cheap language guess: the writing system first, then, for Latin script, the share of common function words
/// of a few languages in a sample of the body.
enum LanguageDetector {
    typealias Bytes = ByteText.Bytes

    private static let codes = ["en", "de", "fr", "es", "it", "pt", "nl"]
    private static let stopWords: [[String]] = [
        [
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he", "it", "as", "at",
            "by", "from", "his", "be", "are", "have", "has", "said", "this", "were", "not", "but", "an", "its",
            "which", "they", "had", "who", "will", "would", "been", "their",
        ],
        [
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "sich", "des",
            "auf", "für", "dem", "im", "auch", "es", "als", "wird", "sind", "bei", "aus", "nach", "hat", "wie",
            "dass", "sie", "er", "noch",
        ],
        [
            "le", "la", "les", "et", "des", "un", "une", "est", "du", "que", "dans", "pour", "pas", "sur", "au",
            "qui", "avec", "il", "elle", "ce", "sont", "par", "ont", "aux", "plus", "été", "cette", "mais",
        ],
        [
            "el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "es", "del", "por", "con", "para", "se",
            "no", "al", "lo", "como", "más", "su", "sus", "fue", "ha", "pero", "este", "esta",
        ],
        [
            "il", "lo", "la", "gli", "le", "di", "che", "e", "un", "una", "è", "per", "non", "con", "del", "della",
            "sono", "da", "si", "al", "nel", "dei", "ha", "anche", "alla", "nella", "delle", "ma",
        ],
        [
            "o", "a", "os", "as", "e", "de", "que", "em", "um", "uma", "do", "da", "dos", "das", "para", "com",
            "não", "por", "se", "no", "na", "é", "foi", "ao", "mais", "mas", "pelo", "pela",
        ],
        [
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "in", "niet", "met", "voor", "zijn", "die",
            "er", "aan", "ook", "als", "bij", "wordt", "naar", "heeft", "werd",
        ],
    ]

    /// Open-addressing table from a word packed into a UInt64 to a bit mask of languages.
    private static let table: (keys: [UInt64], masks: [UInt8]) = {
        var keys = [UInt64](repeating: 0, count: 1024)
        var masks = [UInt8](repeating: 0, count: 1024)
        for (language, words) in stopWords.enumerated() {
            for word in words {
                let key = pack(Array(word.utf8))
                var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> 54)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & 1023 }
                keys[slot] = key
                masks[slot] |= 1 << UInt8(language)
            }
        }
        return (keys, masks)
    }()

    /// Bit `i` of the index becomes a 1 in byte `i`.
    private static let spreadTable: [UInt64] = (0..<256).map { mask in
        var value: UInt64 = 0
        for bit in 0..<8 where mask & (1 << bit) != 0 { value |= 1 << UInt64(bit * 8) }
        return value
    }

    private static func pack(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (offset, byte) in bytes.prefix(8).enumerated() { key |= UInt64(byte) << UInt64(offset * 8) }
        return key
    }

    private enum Script: Int, CaseIterable {
        case latin, cyrillic, greek, arabic, hebrew, devanagari, thai, hangul, kana, han, other
    }

    @inline(__always)
    private static func script(of scalar: UInt32) -> Script {
        switch scalar {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x400...0x52F: return .cyrillic
        case 0x370...0x3FF: return .greek
        case 0x600...0x6FF, 0x750...0x77F: return .arabic
        case 0x590...0x5FF: return .hebrew
        case 0x900...0x97F: return .devanagari
        case 0xE00...0xE7F: return .thai
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return .hangul
        case 0x3040...0x30FF: return .kana
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return .han
        default: return .other
        }
    }

    /// Guesses the language of the first `sampleBytes` bytes of the ranges.
    static func detect(_ bytes: Bytes, ranges: [(Int, Int)], sampleBytes: Int = 512) -> LanguageInfo {
        let scriptCount = Script.allCases.count
        var counts = Counts()
        withUnsafeTemporaryAllocation(of: Int.self, capacity: scriptCount + codes.count) { storage in
            storage.initialize(repeating: 0)
            count(
                bytes,
                ranges: ranges,
                sampleBytes: sampleBytes,
                scripts: storage.baseAddress!,
                hits: storage.baseAddress! + scriptCount,
                counts: &counts
            )
            counts.scripts = Array(storage[0..<scriptCount])
            counts.hits = Array(storage[scriptCount...])
        }
        return decide(counts)
    }

    private struct Counts {
        var scripts: [Int] = []
        var hits: [Int] = []
        var words = 0
        var ukrainian = 0
    }

    private static func count(
        _ bytes: Bytes,
        ranges: [(Int, Int)],
        sampleBytes: Int,
        scripts: UnsafeMutablePointer<Int>,
        hits: UnsafeMutablePointer<Int>,
        counts: inout Counts
    ) {
        var words = 0
        var latin = 0
        var packed: UInt64 = 0
        let spread = spreadTable
        var key: UInt64 = 0
        var wordLength = 0
        var budget = sampleBytes
        let (keys, masks) = table
        keys.withUnsafeBufferPointer { keys in
            masks.withUnsafeBufferPointer { masks in
                @inline(__always) func endWord() {
                    if wordLength > 0 {
                        words += 1
                        if wordLength <= 8 {
                            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> 54)
                            while true {
                                let stored = keys[slot]
                                if stored == key {
                                    // One byte-wide counter per language, all bumped with one add.
                                    packed &+= spread[Int(masks[slot])]
                                    break
                                }
                                if stored == 0 { break }
                                slot = (slot + 1) & 1023
                            }
                        }
                    }
                    key = 0
                    wordLength = 0
                }
                for (start, end) in ranges where budget > 0 {
                    var index = start
                    let stop = min(end, start + budget)
                    while index < stop {
                        let byte = bytes[index]
                        if byte < 0x80 {
                            let folded = byte | 0x20
                            if folded >= 0x61 && folded <= 0x7A {
                                latin += 1
                                if wordLength < 8 { key |= UInt64(folded) << UInt64(wordLength * 8) }
                                wordLength += 1
                            } else if byte != 0x27 {
                                endWord()
                            }
                            index += 1
                            continue
                        }
                        let (scalar, length) = ByteText.decode(bytes, index)
                        let kind = script(of: scalar)
                        scripts[kind.rawValue] += 1
                        if kind == .latin {
                            // Lower-case Latin-1 capitals so that `È` and `è` pack the same.
                            var lowered = scalar
                            if (0xC0...0xDE).contains(scalar) && scalar != 0xD7 { lowered += 0x20 }
                            if length == 2 && wordLength + 2 <= 8 {
                                key |= UInt64(0xC0 | (lowered >> 6)) << UInt64(wordLength * 8)
                                key |= UInt64(0x80 | (lowered & 0x3F)) << UInt64((wordLength + 1) * 8)
                            }
                            wordLength += length
                        } else {
                            if kind == .cyrillic,
                                scalar == 0x456 || scalar == 0x457 || scalar == 0x454 || scalar == 0x491
                            {
                                counts.ukrainian += 1
                            }
                            endWord()
                        }
                        index += length
                    }
                    endWord()
                    budget -= stop - start
                }
            }
        }
        counts.words = words
        scripts[Script.latin.rawValue] += latin
        for language in 0..<codes.count { hits[language] = Int((packed >> UInt64(language * 8)) & 0xFF) }
    }

    private static func decide(_ counts: Counts) -> LanguageInfo {
        let scripts = counts.scripts
        let hits = counts.hits
        let words = counts.words
        let ukrainian = counts.ukrainian
        let letters = scripts.reduce(0, +) - scripts[Script.other.rawValue]
        guard letters >= 20 else { return .undetermined }
        let latin = scripts[Script.latin.rawValue]
        if latin * 2 < letters {
            let kana = scripts[Script.kana.rawValue]
            let han = scripts[Script.han.rawValue]
            var best = Script.cyrillic
            for script in Script.allCases where script != .latin && script != .other {
                if scripts[script.rawValue] > scripts[best.rawValue] { best = script }
            }
            var count = scripts[best.rawValue]
            let code: String
            switch best {
            case .han, .kana:
                code = kana * 10 >= kana + han && kana > 0 ? "ja" : "zh"
                count = kana + han
            case .cyrillic: code = ukrainian > 0 ? "uk" : "ru"
            case .greek: code = "el"
            case .arabic: code = "ar"
            case .hebrew: code = "he"
            case .devanagari: code = "hi"
            case .thai: code = "th"
            case .hangul: code = "ko"
            case .latin, .other: code = "und"
            }
            return LanguageInfo(code: code, isEnglish: false, confidence: min(1, Double(count) / Double(letters)))
        }
        guard words >= 12 else { return .undetermined }
        var best = 0
        for language in 1..<codes.count where hits[language] > hits[best] { best = language }
        var second = 0
        for language in 0..<codes.count where language != best { second = max(second, hits[language]) }
        let ratio = Double(hits[best]) / Double(words)
        if ratio < 0.12 { return LanguageInfo(code: "und", isEnglish: false, confidence: 0) }
        let margin = Double(hits[best] - second + 1) / Double(hits[best] + 1)
        let confidence = min(1, ratio / 0.3) * margin
        return LanguageInfo(code: codes[best], isEnglish: best == 0, confidence: (confidence * 1000).rounded() / 1000)
    }
}
