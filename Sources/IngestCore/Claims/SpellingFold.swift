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

    @inline(__always)
    private static func hasSuffix(_ word: WordBuffer, _ suffix: [UInt32]) -> Bool {
        guard word.count >= suffix.count else { return false }
        let offset = word.count - suffix.count
        for index in 0..<suffix.count where word[offset + index] != suffix[index] { return false }
        return true
    }

    @inline(__always)
    private static func hasPrefix(_ word: WordBuffer, _ prefix: [UInt32]) -> Bool {
        guard word.count >= prefix.count else { return false }
        for index in 0..<prefix.count where word[index] != prefix[index] { return false }
        return true
    }

    private static let iseEndings: [[UInt32]] = [
        "isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise",
    ].map { scalars($0) }
    private static let ise = scalars("ise")

    /// Folds -ise/-isation, -our and -yse to the American spelling.
    static func fold(_ word: inout WordBuffer) {
        let n = word.count
        guard n >= 5 else { return }
        // -ise → -ize: the `s` sits right after `i`. Cheap first test: an `s` near the end after an `i`.
        var iseAt = -1
        for index in max(1, n - 6)..<n where word[index] == 115 && word[index - 1] == 105 {
            iseAt = index
            break
        }
        if iseAt > 0 {
            for ending in iseEndings where hasSuffix(word, ending) {
                let stemLength = n - ending.count
                guard stemLength >= 3 else { break }
                let base = Array(word.buffer[0..<stemLength]) + ise
                if !iseExceptions.contains(base) { word[stemLength + 1] = 122 }
                return
            }
        }
        // -our → -or.
        for index in 2..<(n - 2) where word[index] == 111 && word[index + 1] == 117 && word[index + 2] == 114 {
            for stem in ourStems where index == stem.count - 3 && hasPrefix(word, stem) {
                word.remove(at: index + 1)
                return
            }
            break
        }
        // -yse → -yze (analyse, paralyse).
        let c = word[0]
        if c == 97 || c == 112 || c == 99 || c == 100 || c == 101 {
            for stem in lysStems where word.count > stem.count && hasPrefix(word, stem) && word[stem.count] == 115 {
                word[stem.count] = 122
                return
            }
        }
    }

    @inline(__always)
    private static func isVowel(_ c: UInt32) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 }

    /// A light stem so that `supports`, `supported` and `supporting` meet; consistent, not linguistic.
    /// `asciiLetters`: the caller knows the word is lower-case ASCII letters (the spelling folds keep it so).
    static func stem(_ word: inout WordBuffer, asciiLetters: Bool = false) {
        guard word.count > 3 else { return }
        if !asciiLetters {
            for index in 0..<word.count where word[index] >= 128 || CharClass.isDigit(word[index]) { return }
        }
        let n = word.count
        if n > 4 && word[n - 3] == 105 && word[n - 2] == 101 && word[n - 1] == 115 {
            word.count -= 3
            word.append(121)  // -ies → -y
        } else if word[n - 1] == 115 && word[n - 2] != 115 && word[n - 2] != 117 && word[n - 2] != 105 {
            word.count -= 1
        }
        let m = word.count
        if m > 5 && word[m - 3] == 105 && word[m - 2] == 110 && word[m - 1] == 103 {
            word.count -= 3  // -ing
            undouble(&word)
        } else if m > 4 && word[m - 2] == 101 && word[m - 1] == 100 {
            word.count -= 2  // -ed
            undouble(&word)
        }
        if word.count > 3 && word[word.count - 1] == 101 { word.count -= 1 }
        if word.count > 3 && word[word.count - 1] == 121 && !isVowel(word[word.count - 2]) {
            word[word.count - 1] = 105  // -y → -i, so `deny`/`denied` meet
        }
    }

    private static func undouble(_ word: inout WordBuffer) {
        let n = word.count
        guard n >= 3, word[n - 1] == word[n - 2], !isVowel(word[n - 1]) else { return }
        let c = word[n - 1]
        if c != 108 && c != 115 && c != 122 { word.count -= 1 }
    }
}
