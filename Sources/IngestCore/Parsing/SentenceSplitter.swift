/// Rule-based sentence splitting on UTF-8 bytes, tuned for news copy.
///
/// A sentence ends at `.`, `!`, `?`, `..` or an ellipsis, plus any closing quotes and brackets, when whitespace
/// follows and the next word does not continue the sentence: a lower-case word (`..." he said`), or a capitalised
/// word after a title (`Mr. Putin`), an initial (`J. Kirby`), an initialism (`U.N. Security Council`), a month
/// before a number (`Jul. 27`), or an ellipsis, unless that word typically starts sentences (`The`, `He`, `But`).
/// CJK full stops split without whitespace.
enum SentenceSplitter {
    typealias Bytes = ByteText.Bytes

    /// Appends the trimmed, non-empty sentences of `start..<end` to `output` as byte ranges.
    static func split(_ bytes: Bytes, _ start: Int, _ end: Int, into output: inout [(Int, Int)]) {
        var sentenceStart = start
        var index = start
        while index < end {
            // Skip eight bytes at a time while none is `.`, `!`, `?` or a non-ASCII lead byte.
            while index + 8 <= end {
                let word = ByteText.load8(bytes, index)
                let interesting =
                    (word & ByteText.highBits) | ByteText.bytesEqual(word, 0x2E) | ByteText.bytesEqual(word, 0x21)
                    | ByteText.bytesEqual(word, 0x3F)
                if interesting != 0 {
                    index += interesting.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < end else { break }
            let byte = bytes[index]
            let isTerminator: Bool
            var isHard = false
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                isTerminator = true
            } else if byte >= 0xE2 {
                let kind = terminatorKind(bytes, index, end)
                isTerminator = kind != 0
                isHard = kind == 2
            } else {
                isTerminator = false
            }
            if !isTerminator {
                index += 1
                continue
            }
            // Consume the run of terminators.
            var runEnd = index
            var dots = 0
            var hasEllipsis = false
            var hasBang = false
            while runEnd < end {
                let current = bytes[runEnd]
                if current == 0x2E {
                    dots += 1
                    runEnd += 1
                } else if current == 0x21 || current == 0x3F {
                    hasBang = true
                    runEnd += 1
                } else if current >= 0xE2, terminatorKind(bytes, runEnd, end) != 0 {
                    let kind = terminatorKind(bytes, runEnd, end)
                    if kind == 1 { hasEllipsis = true } else { isHard = true }
                    runEnd += 3
                } else {
                    break
                }
            }
            if dots >= 3 { hasEllipsis = true }
            // Closing quotes and brackets belong to the sentence they close.
            var closeEnd = runEnd
            var closed = false
            while closeEnd < end {
                let (scalar, length) = ByteText.decode(bytes, closeEnd)
                guard ByteText.isCloser(scalar) else { break }
                closeEnd += length
                closed = true
            }
            if closeEnd >= end { break }
            let spaceLength = ByteText.whitespaceLength(bytes, closeEnd, end)
            if spaceLength == 0 && !isHard {
                index = runEnd
                continue
            }
            let next = ByteText.skipWhitespace(bytes, closeEnd, end)
            if next >= end { break }
            let split: Bool
            if isHard {
                split = true
            } else {
                split = shouldSplit(
                    bytes,
                    terminatorStart: index,
                    singleDot: dots == 1 && !hasBang && !hasEllipsis && runEnd == index + 1,
                    ellipsis: hasEllipsis && !hasBang,
                    closed: closed,
                    next: next,
                    end: end,
                    lineStart: start
                )
            }
            if split {
                let (trimmedStart, trimmedEnd) = ByteText.trim(bytes, sentenceStart, closeEnd)
                if trimmedStart < trimmedEnd { output.append((trimmedStart, trimmedEnd)) }
                sentenceStart = next
                index = next
            } else {
                index = closeEnd
            }
        }
        let (trimmedStart, trimmedEnd) = ByteText.trim(bytes, sentenceStart, end)
        if trimmedStart < trimmedEnd { output.append((trimmedStart, trimmedEnd)) }
    }

    /// 1 for an ellipsis `…`, 2 for a CJK full stop, exclamation or question mark, else 0.
    @inline(__always)
    private static func terminatorKind(_ bytes: Bytes, _ index: Int, _ end: Int) -> Int {
        guard index + 2 < end else { return 0 }
        let first = bytes[index]
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if first == 0xE2 && second == 0x80 && third == 0xA6 { return 1 }
        if first == 0xE3 && second == 0x80 && third == 0x82 { return 2 }
        if first == 0xEF && second == 0xBC && (third == 0x81 || third == 0x9F) { return 2 }
        return 0
    }

    private static func shouldSplit(
        _ bytes: Bytes,
        terminatorStart: Int,
        singleDot: Bool,
        ellipsis: Bool,
        closed: Bool,
        next: Int,
        end: Int,
        lineStart: Int
    ) -> Bool {
        // Look through opening quotes and brackets at the next word.
        var wordStart = next
        while wordStart < end {
            let (scalar, length) = ByteText.decode(bytes, wordStart)
            guard ByteText.isOpener(scalar) else { break }
            wordStart += length
        }
        if wordStart >= end { return true }
        let first = bytes[wordStart]
        if ByteText.isLower(first) { return false }
        if first == 0x2C || first == 0x3B || first == 0x3A || first == 0x29 || first == 0x5D { return false }
        if first >= 0x80 {
            let (scalar, _) = ByteText.decode(bytes, wordStart)
            if let value = Unicode.Scalar(scalar), value.properties.isLowercase { return false }
        }
        let nextIsDigit = ByteText.isDigit(first)
        // `"Never!" Lee said.`: a quote closed by its terminator, then a name and a speech verb.
        if closed && !nextIsDigit && Abbreviations.isAttribution(bytes, wordStart, end) { return false }
        if ellipsis {
            // A mid-sentence ellipsis is followed by a name as often as by a new sentence.
            if closed && !nextIsDigit { return true }
            return Abbreviations.isSentenceStarter(bytes, wordStart, end)
        }
        guard singleDot else { return true }
        switch Abbreviations.kind(bytes, tokenEndingAt: terminatorStart, lineStart: lineStart) {
        case .none:
            return true
        case .neverFinal, .title:
            return false
        case .month, .ambiguous:
            if nextIsDigit { return false }
            return Abbreviations.isSentenceStarter(bytes, wordStart, end)
        }
    }
}

/// Abbreviations and sentence-starting words, looked up by a hash of their bytes.
enum Abbreviations {
    enum Kind {
        case none
        /// `Mr.`, `Dr.`, `Gen.`: a name follows, never a new sentence.
        case title
        /// `e.g.`, `i.e.`, `cf.`: never final.
        case neverFinal
        /// `Jul.`: final unless a number or a name follows.
        case month
        /// `Inc.`, `U.S.`, `J.`: final only before a typical sentence starter.
        case ambiguous
    }

    private static let titles = [
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Sgt", "Cpl",
        "Pvt", "Adm", "Brig", "Gov", "Sen", "Rep", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Amb",
        "Atty", "Messrs", "Mme", "Mlle", "Msgr", "Sr", "Sra", "Lieut", "Gens", "Sens", "Reps", "Govs", "Rt",
        "St", "Mt", "Ft", "Dept", "Univ", "Assn", "Hr", "Hrn", "MM", "Dres", "Sec", "Secy", "Ald",
    ]
    private static let neverFinal = ["e.g", "i.e", "eg", "ie", "cf", "viz", "approx", "vs", "v", "ca", "incl", "esp"]
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]
    private static let ambiguous = [
        "Inc", "Ltd", "Co", "Corp", "Bros", "Plc", "Jr", "etc", "al", "No", "Nos", "no", "Vol", "vol", "pp", "p",
        "Fig", "fig", "Art", "art", "Ave", "Blvd", "Rd", "Hwy", "est", "Est", "Ph.D", "Ed", "ed", "Nr", "nr",
        "Mio", "Mrd", "bzw",
    ]
    private static let starters = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our",
        "My", "This", "That", "These", "Those", "There", "Then", "Thus", "But", "And", "Or", "So", "Yet", "Nor",
        "However", "Meanwhile", "Also", "In", "On", "At", "For", "If", "When", "While", "After", "Before", "As",
        "Since", "Although", "Though", "Despite", "Some", "Many", "Most", "Other", "Such", "Last", "Earlier",
        "Later", "Now", "Still", "Yesterday", "Today", "Officials", "Analysts", "What", "Why", "How", "Who",
        "Where", "No", "Yes", "One", "Two", "Both", "All", "Each", "Under", "According", "Instead", "Even",
        "Here", "Among", "During", "Over", "Until", "Asked", "Speaking", "Following", "Separately", "Further",
        "Furthermore", "Moreover", "Indeed", "Overall", "Only", "Not", "With", "From", "By", "To", "Of",
        "THE", "IT", "HE", "SHE", "WE", "THEY", "BUT",
    ]

    private static let table: [UInt64: Kind] = {
        var table: [UInt64: Kind] = [:]
        for word in ambiguous { table[hash(word)] = .ambiguous }
        for word in months { table[hash(word)] = .month }
        for word in titles { table[hash(word)] = .title }
        for word in neverFinal { table[hash(word)] = .neverFinal }
        return table
    }()

    private static let starterSet: Set<UInt64> = Set(starters.map(hash))

    private static func hash(_ word: String) -> UInt64 { FNV1a.hash(word.utf8) }

    @inline(__always)
    private static func hash(_ bytes: ByteText.Bytes, _ start: Int, _ end: Int) -> UInt64 {
        var hasher = FNV1a()
        for index in start..<end { hasher.add(bytes[index]) }
        return hasher.value
    }

    /// Classifies the token that ends at the period at `dot` (the token runs back to whitespace or an opener).
    static func kind(_ bytes: ByteText.Bytes, tokenEndingAt dot: Int, lineStart: Int) -> Kind {
        var start = dot
        while start > lineStart {
            let previous = bytes[start - 1]
            if previous < 0x80 {
                if ByteText.isASCIILetter(previous) || previous == 0x2E {
                    start -= 1
                    continue
                }
                break
            }
            // Non-ASCII letters (accented abbreviations are rare): stop at the scalar.
            break
        }
        let length = dot - start
        if length == 0 { return .none }
        // A letter glued to something else before it (`Day".`, `$5.`) is not an abbreviation.
        if start > lineStart {
            let before = bytes[start - 1]
            if !(ByteText.isASCIIWhitespace(before) || before == 0x28 || before == 0x5B || before == 0x22
                || before == 0x27 || before == 0x2D || before >= 0x80)
            {
                return .none
            }
        }
        if length == 1 {
            return ByteText.isUpper(bytes[start]) ? .ambiguous : (bytes[start] == 0x76 ? .neverFinal : .none)
        }
        if let known = table[hash(bytes, start, dot)] { return known }
        // Initialisms with inner periods: U.S, U.N, a.m, D.C, U.S.A.
        var hasInnerDot = false
        var run = 0
        var longestRun = 0
        for index in start..<dot {
            if bytes[index] == 0x2E {
                hasInnerDot = true
                run = 0
            } else {
                run += 1
                longestRun = max(longestRun, run)
            }
        }
        if hasInnerDot && longestRun <= 2 { return .ambiguous }
        return .none
    }

    private static let speechVerbs: Set<UInt64> = Set(
        [
            "said", "says", "told", "asked", "added", "wrote", "replied", "noted", "explained", "insisted",
            "declared", "stated", "tweeted", "continued", "warned", "shouted", "countered", "argued",
        ].map(hash)
    )

    /// `Lee said`, `Vedant Patel told`: up to three capitalised words, then a speech verb.
    static func isAttribution(_ bytes: ByteText.Bytes, _ start: Int, _ end: Int) -> Bool {
        var index = start
        for _ in 0..<3 {
            guard index < end, ByteText.isUpper(bytes[index]) else { return false }
            while index < end, ByteText.isASCIILetter(bytes[index]) || bytes[index] == 0x2E || bytes[index] == 0x2D {
                index += 1
            }
            guard index < end, bytes[index] == 0x20 else { return false }
            index += 1
            var wordEnd = index
            while wordEnd < end, ByteText.isLower(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd > index, wordEnd - index <= 9, speechVerbs.contains(hash(bytes, index, wordEnd)) {
                return wordEnd == end || !ByteText.isASCIILetter(bytes[wordEnd])
            }
        }
        return false
    }

    /// Whether the word at `start` typically opens a sentence.
    static func isSentenceStarter(_ bytes: ByteText.Bytes, _ start: Int, _ end: Int) -> Bool {
        var wordEnd = start
        while wordEnd < end, ByteText.isASCIILetter(bytes[wordEnd]) { wordEnd += 1 }
        guard wordEnd > start, wordEnd - start <= 12 else { return false }
        return starterSet.contains(hash(bytes, start, wordEnd))
    }
}
