/// Abbreviations and sentence-starting words, looked up by a hash of their (ASCII) scalars; read by
/// ``SentenceBoundaries``.
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

    typealias Scalars = UnsafeBufferPointer<UInt32>

    @inline(__always)
    private static func hash(_ s: Scalars, _ start: Int, _ end: Int) -> UInt64 {
        var hasher = FNV1a()
        for index in start..<end { hasher.add(UInt8(truncatingIfNeeded: s[index])) }
        return hasher.value
    }

    @inline(__always)
    private static func isUpper(_ c: UInt32) -> Bool { c >= 0x41 && c <= 0x5A }

    @inline(__always)
    private static func isLower(_ c: UInt32) -> Bool { c >= 0x61 && c <= 0x7A }

    @inline(__always)
    private static func isLetter(_ c: UInt32) -> Bool { isUpper(c) || isLower(c) }

    /// Classifies the token that ends at the period at `dot` (the token runs back to whitespace or an opener).
    static func kind(_ bytes: Scalars, tokenEndingAt dot: Int, lineStart: Int) -> Kind {
        var start = dot
        while start > lineStart {
            let previous = bytes[start - 1]
            if previous < 0x80 {
                if isLetter(previous) || previous == 0x2E {
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
            if !(CharClass.isSpace(before) || before == 0x28 || before == 0x5B || before == 0x22
                || before == 0x27 || before == 0x2D || before >= 0x80)
            {
                return .none
            }
        }
        if length == 1 {
            return isUpper(bytes[start]) ? .ambiguous : (bytes[start] == 0x76 ? .neverFinal : .none)
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

    /// `Lee said`, `Vedant Patel told`: up to three capitalised words, then a speech verb that no lower-case word
    /// follows, nor a colon or a comma and an opening quote (those introduce the next quote).
    static func isAttribution(_ bytes: Scalars, _ start: Int, _ end: Int) -> Bool {
        var index = start
        for _ in 0..<3 {
            guard index < end, isUpper(bytes[index]) else { return false }
            while index < end, isLetter(bytes[index]) || bytes[index] == 0x2E || bytes[index] == 0x2D {
                index += 1
            }
            guard index < end, bytes[index] == 0x20 else { return false }
            index += 1
            var wordEnd = index
            while wordEnd < end, isLower(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd > index, wordEnd - index <= 9, speechVerbs.contains(hash(bytes, index, wordEnd)) {
                // `Lee said.`, `Lee said Monday`, but not `He said that ...`: a lower-case word after the verb
                // makes it a sentence of its own.
                if wordEnd < end && isLetter(bytes[wordEnd]) { return false }
                var after = wordEnd
                while after < end && CharClass.isSpace(bytes[after]) { after += 1 }
                guard after < end else { return true }
                // `Zero Hedge asked, “Wait ...`, `Lee said: “...`: the verb introduces the next quote.
                if bytes[after] == 0x3A { return false }
                if bytes[after] == 0x2C {
                    after += 1
                    while after < end && CharClass.isSpace(bytes[after]) { after += 1 }
                    return after == end || !(bytes[after] == 0x22 || bytes[after] == 0x201C)
                }
                return !isLower(bytes[after])
            }
        }
        return false
    }

    /// Whether the word at `start` typically opens a sentence.
    static func isSentenceStarter(_ bytes: Scalars, _ start: Int, _ end: Int) -> Bool {
        var wordEnd = start
        while wordEnd < end, isLetter(bytes[wordEnd]) { wordEnd += 1 }
        guard wordEnd > start, wordEnd - start <= 12 else { return false }
        return starterSet.contains(hash(bytes, start, wordEnd))
    }
}
