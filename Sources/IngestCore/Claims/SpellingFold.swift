/// British → American suffix rules and a light suffix stemmer, on lower-case scalar arrays.
enum SpellingFold {
    private static func scalars(_ word: String) -> [UInt32] { word.unicodeScalars.map(\.value) }

    /// Words ending in -ise that are spelled that way in American English too.
    private static let iseExceptions: Set<[UInt32]> = Set(
        """
        advise surprise exercise otherwise promise franchise premise expertise compromise enterprise televise \
        supervise revise devise comprise despise disguise merchandise chastise advertise improvise circumcise \
        incise excise treatise concise precise demise praise cruise bruise poise paradise sunrise likewise \
        clockwise apprise reprise valise chemise tortoise porpoise turquoise mortise noise raise arise guise \
        anise reprise counterwise
        """.split(separator: " ").map { scalars(String($0)) }
    )

    /// Stems spelled -our in British English: `colour`, `behaviour`, `neighbouring`.
    private static let ourStems: [[UInt32]] =
        """
        colour favour honour labour neighbour behaviour harbour humour rumour vapour vigour valour armour odour \
        savour flavour endeavour clamour parlour splendour tumour candour fervour rigour saviour demeanour
        """.split(separator: " ").map { scalars(String($0)) }

    private static let lysStems: [[UInt32]] = ["analy", "paraly", "cataly", "dialy", "electroly"].map { scalars($0) }

    private static func hasSuffix(_ word: [UInt32], _ suffix: [UInt32]) -> Bool {
        word.count >= suffix.count && Array(word[(word.count - suffix.count)...]) == suffix
    }

    private static func hasPrefix(_ word: [UInt32], _ prefix: [UInt32]) -> Bool {
        word.count >= prefix.count && Array(word[0..<prefix.count]) == prefix
    }

    private static let iseEndings: [([UInt32], Int)] = [
        ("isations", 1), ("isation", 1), ("ising", 1), ("ised", 1), ("ises", 1), ("isers", 1), ("iser", 1),
        ("ise", 1),
    ].map { (scalars($0.0), $0.1) }

    /// Folds -ise/-isation, -our and -yse to the American spelling.
    static func fold(_ word: inout [UInt32]) {
        guard word.count >= 5 else { return }
        // -ise → -ize: the `s` sits right after `i`.
        for (ending, _) in iseEndings where hasSuffix(word, ending) {
            let stemLength = word.count - ending.count
            guard stemLength >= 3 else { break }
            let base = Array(word[0..<stemLength]) + scalars("ise")
            if !iseExceptions.contains(base) { word[stemLength + 1] = 122 }
            return
        }
        // -our → -or.
        if let index = firstIndex(of: scalars("our"), in: word) {
            for stem in ourStems where hasPrefix(word, stem) && index == stem.count - 3 {
                word.remove(at: index + 1)
                return
            }
        }
        for stem in lysStems where hasPrefix(word, stem) && word.count > stem.count && word[stem.count] == 115 {
            word[stem.count] = 122
            return
        }
    }

    private static func firstIndex(of needle: [UInt32], in word: [UInt32]) -> Int? {
        guard word.count >= needle.count else { return nil }
        for start in 0...(word.count - needle.count) where word[start] == needle[0] {
            var match = true
            for k in 1..<needle.count where word[start + k] != needle[k] {
                match = false
                break
            }
            if match { return start }
        }
        return nil
    }

    @inline(__always)
    private static func isVowel(_ c: UInt32) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 }

    /// A light stem so that `supports`, `supported` and `supporting` meet; consistent, not linguistic.
    static func stem(_ word: inout [UInt32]) {
        guard word.count > 3, word.allSatisfy({ $0 < 128 && !CharClass.isDigit($0) }) else { return }
        let n = word.count
        if n > 4 && word[n - 3] == 105 && word[n - 2] == 101 && word[n - 1] == 115 {
            word.removeLast(3)
            word.append(121)  // -ies → -y
        } else if word[n - 1] == 115 && word[n - 2] != 115 && word[n - 2] != 117 && word[n - 2] != 105 {
            word.removeLast()
        }
        let m = word.count
        if m > 5 && word[m - 3] == 105 && word[m - 2] == 110 && word[m - 1] == 103 {
            word.removeLast(3)  // -ing
            undouble(&word)
        } else if m > 4 && word[m - 2] == 101 && word[m - 1] == 100 {
            word.removeLast(2)  // -ed
            undouble(&word)
        }
        if word.count > 3 && word[word.count - 1] == 101 { word.removeLast() }
        if word.count > 3 && word[word.count - 1] == 121 && !isVowel(word[word.count - 2]) {
            word[word.count - 1] = 105  // -y → -i, so `deny`/`denied` meet
        }
    }

    private static func undouble(_ word: inout [UInt32]) {
        let n = word.count
        guard n >= 3, word[n - 1] == word[n - 2], !isVowel(word[n - 1]) else { return }
        let c = word[n - 1]
        if c != 108 && c != 115 && c != 122 { word.removeLast() }
    }
}
