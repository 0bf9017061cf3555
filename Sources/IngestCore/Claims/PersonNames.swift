/// Person names inside capitalised runs: where a name starts after titles, its gender, the role before it, its
/// text and word hashes.
extension DocumentReading {
    /// The person name inside a capitalised run, after titles and nationality words: `Vladimir Putin` from
    /// `Russian President Vladimir Putin`. Returns (nameStart, nameEnd) or nil if the run is not a person.
    func personName(run: Range<Int>) -> Range<Int>? {
        var r0 = run.lowerBound
        while r0 < run.upperBound {
            let token = tok(r0)
            let strip: WordClass = [
                .title, .notName, .nationality, .place, .honorificMale, .honorificFemale, .determiner, .conjunction,
                .preposition, .aux, .sourceNoun, .pronoun,
            ]
            let afterHonorific =
                r0 >= 1 && tok(r0 - 1).is([.honorificMale, .honorificFemale])
                || (r0 >= 2 && tok(r0 - 1).isPunct(46) && tok(r0 - 2).is([.honorificMale, .honorificFemale]))
            if token.isWord && token.is([.month, .day]) && afterHonorific { break }
            // `Will Young`: a capitalised modal that is also a first name, before a capitalised word, is the name.
            let firstName =
                token.isWord && token.is(.aux) && token.is([.firstNameMale, .firstNameFemale])
                && r0 + 1 < run.upperBound && tok(r0 + 1).isWord && tok(r0 + 1).isCapitalized
            if token.isPunct(46)
                || (token.isWord && (token.is(strip) || token.flags.contains(.possessive)) && !firstName)
                || token.flags.contains(.dotted)
                || isBasedModifier(r0)
            {
                r0 += 1
                continue
            }
            // `NDP MP Nathan Cullen`: acronyms before a first name are the person's party and office.
            if token.isWord && token.flags.contains(.allCaps) {
                var k = r0 + 1
                while k < run.upperBound && tok(k).isWord && tok(k).flags.contains(.allCaps) { k += 1 }
                if k + 1 < run.upperBound && tok(k).isWord && tok(k).is([.firstNameMale, .firstNameFemale]) {
                    r0 = k
                    continue
                }
            }
            break
        }
        // `Conservative Leader Andrew Scheer`, `Foreign Affairs Minister Chrystia Freeland`: the name follows the
        // last title of the run, whatever modifies the title.
        var lastTitle = -1
        for t in r0..<run.upperBound
        where tok(t).isWord && tok(t).is(.title) && !tok(t).is(.honorificMale)
            && !tok(t).is(.honorificFemale) && !tok(t).is([.firstNameMale, .firstNameFemale])
            && !tok(t).flags.contains(.possessive) && !isTitleSurname(t, run: run)
        {
            lastTitle = t
        }
        if lastTitle >= r0 && lastTitle + 1 < run.upperBound {
            r0 = lastTitle + 1
            while r0 < run.upperBound
                && (tok(r0).isPunct(46) || tok(r0).is([.honorificMale, .honorificFemale]) || tok(r0).is(.title))
            {
                r0 += 1
            }
        }
        guard r0 < run.upperBound, tok(r0).isWord else { return nil }
        // `Global Affairs`, `Northern Gateway`: one word left after a nationality or place alone is a name of
        // something else; a person keeps a title (`Chinese spokeswoman Hua`) or a first name.
        if r0 > run.lowerBound && r0 == run.upperBound - 1 && !tok(r0).is([.firstNameMale, .firstNameFemale])
            && (run.lowerBound..<r0).allSatisfy({ !tok($0).isWord || tok($0).is([.nationality, .place, .determiner]) })
            && (run.lowerBound..<r0).contains(where: { tok($0).isWord && tok($0).is([.nationality, .place]) })
        {
            return nil
        }
        var words = 0
        for t in r0..<run.upperBound {
            let token = tok(t)
            guard token.isWord else { continue }
            words += 1
            let reject: WordClass = [
                .orgWord, .mediaWord, .mediaName, .placeSuffix, .day, .month, .title, .notName, .documentWord,
            ]
            // `Theresa May`, `Ms. May`: a month after a first name or an honorific is a surname.
            let afterName =
                t > r0 || (t >= 2 && tok(t - 1).isPunct(46) && tok(t - 2).is([.honorificMale, .honorificFemale]))
                || (t >= 1 && tok(t - 1).is([.honorificMale, .honorificFemale]))
            let surname =
                afterName && token.is([.month, .day]) && !token.is([.title, .orgWord, .mediaWord])
                || isTitleSurname(t, run: run) || isInstitutionSurname(t, nameStart: r0, run: run)
            if token.is(reject) && !token.is(.firstNameMale) && !token.is(.firstNameFemale) && !surname {
                return nil
            }
            if token.flags.contains(.possessive) && t != run.upperBound - 1 { return nil }
            if token.flags.contains(.allCaps) && (run.upperBound - r0 == 1 || token.end - token.start <= 3) {
                return nil
            }
        }
        if words > 5 { return nil }
        // `Prominent Canadian`: a run ending in a nationality is no person's name unless a first name says so.
        let last = run.upperBound - 1
        if last > r0, tok(last).is(.nationality),
            !(r0..<run.upperBound).contains(where: { tok($0).is([.firstNameMale, .firstNameFemale]) })
        {
            return nil
        }
        return r0..<run.upperBound
    }

    /// `Calgary-based`: where a firm or person is based modifies the name and is no part of it.
    func isBasedModifier(_ t: Int) -> Bool {
        let token = tok(t)
        let suffix = Array("-based".unicodeScalars)
        guard token.isWord, Int(token.end - token.start) > suffix.count else { return false }
        let start = Int(token.end) - suffix.count
        return suffix.indices.allSatisfy { doc.s[start + $0] == suffix[$0].value }
    }

    /// `Robert Major`: a title word ending a run right after a first name is a surname.
    func isTitleSurname(_ t: Int, run: Range<Int>) -> Bool {
        t == run.upperBound - 1 && t > run.lowerBound && tok(t).is(.title) && tok(t - 1).isWord
            && tok(t - 1).is([.firstNameMale, .firstNameFemale]) && !tok(t - 1).is(.title)
    }

    /// `artistic director Christopher House`: an institution word after a first name, in a two-word name that a
    /// role introduces, is a surname.
    func isInstitutionSurname(_ t: Int, nameStart: Int, run: Range<Int>) -> Bool {
        t == run.upperBound - 1 && t == nameStart + 1 && tok(t).is(.orgWord) && !tok(t).is(.companyNoun)
            && tok(nameStart).isWord && tok(nameStart).is([.firstNameMale, .firstNameFemale])
            && !tok(nameStart).is([.title, .orgWord])
            && roleBefore(nameStart, limit: max(0, nameStart - 8)) != nil
    }

    /// The next capitalised run inside `range` at or after `cursor`, which moves past it; nil when none is left.
    /// Runs come in order, without an array per call.
    func nextCapitalizedRun(_ cursor: inout Int, in range: Range<Int>) -> Range<Int>? {
        var t = cursor
        while t < range.upperBound {
            if tok(t).isWord && tok(t).isCapitalized {
                var e = t + 1
                if !tok(t).flags.contains(.possessive) {
                    while e < range.upperBound && isNamePart(e, end: range.upperBound) {
                        e += 1
                        if tok(e - 1).flags.contains(.possessive) { break }
                    }
                }
                cursor = e
                return t..<e
            }
            t += 1
        }
        cursor = t
        return nil
    }

    /// How many word tokens `range` holds.
    func wordCount(_ range: Range<Int>) -> Int {
        var count = 0
        for t in range where tok(t).isWord { count += 1 }
        return count
    }

    func gender(ofName name: Range<Int>) -> Gender {
        var t = name.lowerBound - 1
        // An honorific just before (`Mr. Putin`), then the first name.
        while t >= 0 && t >= name.lowerBound - 3 {
            let token = tok(t)
            if token.is(.honorificMale) { return .male }
            if token.is(.honorificFemale) { return .female }
            if !(token.isWord || token.isPunct(46)) { break }
            t -= 1
        }
        // `husband Omar Roe`, `his daughter Jo Roe`: a kinship word right before the name.
        if name.lowerBound >= 1 && tok(name.lowerBound - 1).isWord,
            let kin = Gender.kinship[tok(name.lowerBound - 1).hash]
        {
            return kin
        }
        if name.count >= 2 {
            let first = tok(name.lowerBound)
            if first.is(.firstNameMale) && !first.is(.firstNameFemale) { return .male }
            if first.is(.firstNameFemale) && !first.is(.firstNameMale) { return .female }
        }
        return .unknown
    }

    /// Role words just before a name (`North Korean leader`, `U.S. State Department deputy spokesperson`).
    func roleBefore(_ nameStart: Int, limit: Int) -> Range<Int>? {
        var t = nameStart - 1
        var sawTitle = false
        var start = nameStart
        while t >= limit && nameStart - t <= 8 {
            let token = tok(t)
            if token.isPunct(46) && !token.flags.contains(.spaceBefore) {
                t -= 1
                continue
            }
            guard token.isWord, !inQuote(t) else { break }
            if token.is([.conjunction, .verb, .preposition, .pronoun, .relative]) && !token.isCapitalized { break }
            if token.is(.determiner) { break }
            if token.is(.title) { sawTitle = true }
            start = t
            t -= 1
        }
        return sawTitle && start < nameStart ? start..<nameStart : nil
    }

    /// A name's text without a possessive ending: `Hillary Clinton` from `Hillary Clinton's`.
    func nameText(_ range: Range<Int>) -> String {
        var end = Int(tok(range.upperBound - 1).end)
        if tok(range.upperBound - 1).flags.contains(.possessive) { end -= 2 }
        return doc.string(Int(tok(range.lowerBound).start), end)
    }

    func hashes(_ range: Range<Int>) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(range.count)
        for t in range where tok(t).isWord { out.append(tok(t).hash) }
        return out
    }

    /// The hash of the first word in `range`, or 0: `hashes(range).first ?? 0` without the array.
    func firstWordHash(_ range: Range<Int>) -> UInt64 {
        for t in range where tok(t).isWord { return tok(t).hash }
        return 0
    }
}
