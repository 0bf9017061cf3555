/// Recognisers for the kinds of lines found in news copy: bullets, date prefixes, datelines, bylines, photo
/// captions and credits, agency trailers and site boilerplate. Each works on a trimmed byte range.
enum LinePatterns {
    typealias Bytes = ByteText.Bytes

    // MARK: Bullets

    /// Length of a bullet marker and the whitespace after it (`- `, `• `, `* `), or 0.
    static func bulletLength(_ bytes: Bytes, _ start: Int, _ end: Int) -> Int {
        guard start < end else { return 0 }
        var markerEnd = start
        let byte = bytes[start]
        if byte == 0x2D || byte == 0x2A {
            markerEnd = start + 1
            if markerEnd < end, bytes[markerEnd] == byte { return 0 }
        } else if byte >= 0xC2 {
            let (scalar, length) = ByteText.decode(bytes, start)
            switch scalar {
            case 0x2022, 0xB7, 0x2013, 0x2014, 0x25AA, 0x25BA, 0x25A0, 0x25C6, 0x25CF, 0x2023, 0x2043:
                markerEnd = start + length
            default:
                return 0
            }
        } else {
            return 0
        }
        guard markerEnd < end, ByteText.whitespaceLength(bytes, markerEnd, end) > 0 else { return 0 }
        return ByteText.skipWhitespace(bytes, markerEnd, end) - start
    }

    // MARK: Line ends

    /// Whether the line ends like a sentence: `.`, `!`, `?`, `…`, `:` or `;`, possibly inside closing quotes.
    static func endsWithTerminal(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        var index = end
        while index > start {
            let scalarStart = ByteText.previousScalarStart(bytes, index, start)
            let (scalar, _) = ByteText.decode(bytes, scalarStart)
            if ByteText.isCloser(scalar) {
                index = scalarStart
                continue
            }
            switch scalar {
            case 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x2026, 0x3002, 0xFF01, 0xFF1F: return true
            default: return false
            }
        }
        return false
    }

    static func wordCount(_ bytes: Bytes, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var inWord = false
        for index in start..<end {
            let isSpace = ByteText.isASCIIWhitespace(bytes[index])
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

    // MARK: Dates

    /// `date 2023-07-27 ` glued to the start of the first line: the end of the prefix and the ISO date.
    static func datePrefix(_ bytes: Bytes, _ start: Int, _ end: Int) -> (end: Int, date: String)? {
        var index = start
        var matched = false
        for word: StaticString in ["date", "published", "updated", "posted"]
        where ByteText.matchesFolded(bytes, index, end, word) {
            index += word.utf8CodeUnitCount
            matched = true
            break
        }
        guard matched else { return nil }
        if index < end, bytes[index] == 0x3A { index += 1 }
        let dateStart = ByteText.skipWhitespace(bytes, index, end)
        guard dateStart > index || bytes[index - 1] == 0x3A else { return nil }
        // YYYY-MM-DD
        guard dateStart + 10 <= end else { return nil }
        for offset in 0..<10 {
            let byte = bytes[dateStart + offset]
            let ok = offset == 4 || offset == 7 ? (byte == 0x2D || byte == 0x2F) : ByteText.isDigit(byte)
            guard ok else { return nil }
        }
        var dateEnd = dateStart + 10
        // An optional time: T08:00:00Z or 08:00
        if dateEnd < end, bytes[dateEnd] == 0x54 {
            var cursor = dateEnd + 1
            while cursor < end, !ByteText.isASCIIWhitespace(bytes[cursor]) { cursor += 1 }
            dateEnd = cursor
        }
        guard dateEnd == end || ByteText.whitespaceLength(bytes, dateEnd, end) > 0 else { return nil }
        guard let iso = DateParsing.isoDate(ByteText.string(bytes, dateStart, dateStart + 10)) else { return nil }
        return (dateEnd, iso)
    }

    /// A line that is only a date, perhaps labelled: `Published: July 27, 2023 8:00 AM`.
    static func dateLine(_ bytes: Bytes, _ start: Int, _ end: Int) -> String? {
        guard end - start <= 64, end > start else { return nil }
        var hasDigit = false
        var hasMonthOrSeparator = false
        for index in start..<end {
            let byte = bytes[index]
            if ByteText.isDigit(byte) { hasDigit = true }
            if byte == 0x2D || byte == 0x2F { hasMonthOrSeparator = true }
        }
        guard hasDigit else { return nil }
        // Every word must be a date word: a label, a month, a weekday, a number, or a time marker.
        var index = start
        while index < end {
            while index < end, !ByteText.isASCIILetter(bytes[index]) { index += 1 }
            let wordStart = index
            while index < end, ByteText.isASCIILetter(bytes[index]) { index += 1 }
            guard index > wordStart else { break }
            let word = ByteText.string(bytes, wordStart, index)
            if DateParsing.month(named: word) != nil {
                hasMonthOrSeparator = true
                continue
            }
            switch word.lowercased() {
            case "published", "updated", "posted", "date", "dated", "first", "last", "on", "at", "am", "pm", "gmt",
                "utc", "est", "edt", "bst", "cet", "kst", "ist", "monday", "tuesday", "wednesday", "thursday",
                "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "t", "z", "st",
                "nd", "rd", "th":
                continue
            default:
                return nil
            }
        }
        guard hasMonthOrSeparator else { return nil }
        return DateParsing.isoDate(ByteText.string(bytes, start, end))
    }

    // MARK: Dateline

    struct DatelineMatch {
        var end: Int
        var place: String
        var date: String?
        var agency: String?
    }

    /// `SEOUL, July 27 (Reuters) -`, `WASHINGTON (AP) —`, `KYIV, Ukraine, March 3 -`, `Seoul (Yonhap) --`.
    static func dateline(_ bytes: Bytes, _ start: Int, _ end: Int) -> DatelineMatch? {
        var index = start
        var allCaps = true
        var upperLetters = 0
        var words = 0
        // The place: up to five capitalised words separated by spaces or slashes.
        while index < end, words < 6 {
            let wordStart = index
            guard ByteText.isUpper(bytes[index]) else { break }
            while index < end {
                let byte = bytes[index]
                if ByteText.isUpper(byte) {
                    upperLetters += 1
                } else if ByteText.isLower(byte) {
                    allCaps = false
                } else if byte == 0x2E || byte == 0x27 || byte == 0x2D {
                    // Part of the word (`ST. LOUIS`, `N'DJAMENA`, `PORT-AU-PRINCE`) unless a separator follows.
                    if byte == 0x2D, index + 1 < end, ByteText.isASCIIWhitespace(bytes[index + 1]) { break }
                } else if byte >= 0xC3 && byte <= 0xC5 {
                    index += 2
                    continue
                } else {
                    break
                }
                index += 1
            }
            guard index > wordStart else { break }
            words += 1
            if index < end, bytes[index] == 0x2F {
                index += 1
                continue
            }
            if index + 1 < end, bytes[index] == 0x20, ByteText.isUpper(bytes[index + 1]) {
                index += 1
                continue
            }
            break
        }
        guard words > 0, words <= 5 else { return nil }
        var placeEnd = index
        var date: String?
        // Up to two comma parts: a region and/or a month-day date.
        for _ in 0..<2 {
            guard index + 2 < end, bytes[index] == 0x2C, bytes[index + 1] == 0x20 else { break }
            let partStart = index + 2
            var cursor = partStart
            while cursor < end, ByteText.isASCIILetter(bytes[cursor]) { cursor += 1 }
            guard cursor > partStart, ByteText.isUpper(bytes[partStart]) else { break }
            if DateParsing.month(named: ByteText.string(bytes, partStart, cursor)) != nil {
                var dayCursor = cursor
                if dayCursor < end, bytes[dayCursor] == 0x2E { dayCursor += 1 }
                guard dayCursor < end, bytes[dayCursor] == 0x20 else { break }
                dayCursor += 1
                let dayStart = dayCursor
                while dayCursor < end, ByteText.isDigit(bytes[dayCursor]), dayCursor - dayStart < 2 { dayCursor += 1 }
                guard dayCursor > dayStart else { break }
                var dateEnd = dayCursor
                // An optional year: `, 2023`
                if dateEnd + 6 <= end, bytes[dateEnd] == 0x2C, bytes[dateEnd + 1] == 0x20,
                    (0..<4).allSatisfy({ ByteText.isDigit(bytes[dateEnd + 2 + $0]) })
                {
                    dateEnd += 6
                }
                date = ByteText.string(bytes, partStart, dateEnd)
                index = dateEnd
                break
            }
            // A region: one to three capitalised words.
            var regionEnd = cursor
            var regionWords = 1
            while regionWords < 3, regionEnd + 1 < end, bytes[regionEnd] == 0x20, ByteText.isUpper(bytes[regionEnd + 1])
            {
                var next = regionEnd + 1
                while next < end, ByteText.isASCIILetter(bytes[next]) || bytes[next] == 0x2E { next += 1 }
                regionEnd = next
                regionWords += 1
            }
            if regionEnd < end, bytes[regionEnd] == 0x2E { regionEnd += 1 }
            index = regionEnd
            placeEnd = regionEnd
        }
        var cursor = ByteText.skipWhitespace(bytes, index, end)
        var agency: String?
        if cursor < end, bytes[cursor] == 0x28 {
            let agencyStart = cursor + 1
            var close = agencyStart
            while close < end, close - agencyStart <= 40, bytes[close] != 0x29 { close += 1 }
            guard close < end, bytes[close] == 0x29, close > agencyStart, ByteText.isUpper(bytes[agencyStart]) else {
                return nil
            }
            let raw = ByteText.string(bytes, agencyStart, close)
            agency = AgencyCatalog.canonical(raw) ?? raw
            cursor = ByteText.skipWhitespace(bytes, close + 1, end)
        }
        // The separator.
        guard cursor < end else { return nil }
        var separatorEnd = cursor
        var isDash = true
        if bytes[cursor] == 0x2D {
            separatorEnd = cursor + 1
            if separatorEnd < end, bytes[separatorEnd] == 0x2D { separatorEnd += 1 }
        } else if ByteText.matches(bytes, cursor, end, "\u{2013}") || ByteText.matches(bytes, cursor, end, "\u{2014}") {
            separatorEnd = cursor + 3
        } else if bytes[cursor] == 0x3A, agency != nil || allCaps {
            separatorEnd = cursor + 1
            isDash = false
        } else {
            return nil
        }
        guard separatorEnd == end || ByteText.whitespaceLength(bytes, separatorEnd, end) > 0 else { return nil }
        let confirmed = agency != nil || (allCaps && upperLetters >= 3 && (date != nil || isDash))
        guard confirmed else { return nil }
        return DatelineMatch(
            end: separatorEnd,
            place: ByteText.string(bytes, start, placeEnd),
            date: date,
            agency: agency
        )
    }

    // MARK: Bylines

    /// `By Jane Doe and John Roe`: the names, when the line is a byline.
    static func byline(_ bytes: Bytes, _ start: Int, _ end: Int) -> String? {
        guard end - start <= 120, ByteText.matchesFolded(bytes, start, end, "by ") else { return nil }
        let nameStart = ByteText.skipWhitespace(bytes, start + 3, end)
        guard nameStart < end, ByteText.isUpper(bytes[nameStart]) || bytes[nameStart] >= 0xC3 else { return nil }
        guard wordCount(bytes, nameStart, end) <= 12, !endsWithSentenceStop(bytes, nameStart, end) else { return nil }
        return ByteText.string(bytes, nameStart, end)
    }

    private static func endsWithSentenceStop(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3, bytes[end - 1] == 0x2E else { return false }
        // `By J. Doe Jr.` is fine: an initial or abbreviation before the period.
        return ByteText.isLower(bytes[end - 2]) && ByteText.isLower(bytes[end - 3])
    }

    // MARK: Captions and credits

    enum CaptionPart {
        case caption
        case credit
        case licensing
    }

    /// Whether the line is photo-gallery debris: `[1/12]...`, `FILE PHOTO: ...`, or carries a licensing link.
    static func isCaptionLine(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        if bytes[start] == 0x5B {
            var index = start + 1
            while index < end, ByteText.isDigit(bytes[index]) { index += 1 }
            if index > start + 1, index < end, bytes[index] == 0x2F {
                index += 1
                let denominator = index
                while index < end, ByteText.isDigit(bytes[index]) { index += 1 }
                if index > denominator, index < end, bytes[index] == 0x5D { return true }
            }
        }
        for prefix: StaticString in ["file photo:", "photo:", "image:", "picture:", "caption:", "pictured:"]
        where ByteText.matchesFolded(bytes, start, end, prefix) {
            return true
        }
        // Reuters galleries end the caption with the licensing link.
        return ByteText.hasSuffixFolded(bytes, start, end, "licensing rights")
            || ByteText.matches(bytes, start, end, "REUTERS/")
    }

    /// Splits a caption line at runs of two or more spaces and classifies each part.
    static func captionParts(_ bytes: Bytes, _ start: Int, _ end: Int) -> [(Int, Int, CaptionPart)] {
        var parts: [(Int, Int, CaptionPart)] = []
        var partStart = start
        var index = start
        func close(_ partEnd: Int) {
            let (lower, upper) = ByteText.trim(bytes, partStart, partEnd)
            guard lower < upper else { return }
            let kind: CaptionPart
            if ByteText.containsFolded(bytes, lower, upper, "licensing rights") {
                kind = .licensing
            } else if isCredit(bytes, lower, upper) {
                kind = .credit
            } else {
                kind = .caption
            }
            parts.append((lower, upper, kind))
        }
        while index < end {
            let first = ByteText.whitespaceLength(bytes, index, end)
            if first > 0, index + first < end, ByteText.whitespaceLength(bytes, index + first, end) > 0 {
                close(index)
                index = ByteText.skipWhitespace(bytes, index, end)
                partStart = index
                continue
            }
            index += max(first, 1)
        }
        close(end)
        return parts
    }

    /// `KCNA via REUTERS`, `REUTERS/Kim Hong-Ji`, `(AP Photo/Ahn Young-joon)`, `Photo: AFP`, `Getty Images`.
    static func isCredit(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        guard end > start, end - start <= 100, bytes[end - 1] != 0x2E || end - start < 40 else { return false }
        guard wordCount(bytes, start, end) <= 10 else { return false }
        if ByteText.containsFolded(bytes, start, end, "via reuters")
            || ByteText.containsFolded(bytes, start, end, "reuters/")
            || ByteText.containsFolded(bytes, start, end, "getty images")
            || ByteText.containsFolded(bytes, start, end, "ap photo")
            || ByteText.containsFolded(bytes, start, end, "/afp") || ByteText.containsFolded(bytes, start, end, "afp/")
            || ByteText.containsFolded(bytes, start, end, "via afp")
        {
            return true
        }
        for prefix: StaticString in ["photo:", "photograph:", "photo credit", "credit:", "image credit", "image:"]
        where ByteText.matchesFolded(bytes, start, end, prefix) {
            return true
        }
        return false
    }

    // MARK: Trailers and boilerplate

    private static let trailerKeywords: [StaticString] = [
        "inputs from", "reporting by", "writing by", "editing by", "additional reporting", "compiled by",
        "agency inputs", "with agencies", "contributed to this", "contributed reporting", "edited by",
    ]

    /// `(With inputs from agencies)`, `(Reporting by ...; Editing by ...)`, `Reporting by ...` near the end.
    static func isAgencyTrailer(_ bytes: Bytes, _ start: Int, _ end: Int, nearEnd: Bool) -> Bool {
        guard end - start <= 400 else { return false }
        var lower = start
        // A leading dash: `-- With inputs from PTI`.
        while lower < end,
            bytes[lower] == 0x2D || ByteText.matches(bytes, lower, end, "\u{2014}")
                || ByteText.matches(bytes, lower, end, "\u{2013}")
        {
            lower += bytes[lower] == 0x2D ? 1 : 3
        }
        lower = ByteText.skipWhitespace(bytes, lower, end)
        guard lower < end else { return false }
        let parenthesised = bytes[lower] == 0x28 && bytes[end - 1] == 0x29
        if parenthesised {
            if end - lower <= 12 {
                // `(Reuters)`, `(AFP)` alone.
                let inner = ByteText.string(bytes, lower + 1, end - 1)
                return AgencyCatalog.canonical(inner) != nil
            }
            for keyword in trailerKeywords where ByteText.containsFolded(bytes, lower, end, keyword) { return true }
            return false
        }
        guard nearEnd || lower > start else { return false }
        for prefix: StaticString in [
            "with inputs from", "reporting by", "additional reporting by", "writing by", "editing by", "compiled by",
            "with agency inputs", "edited by",
        ] where ByteText.matchesFolded(bytes, lower, end, prefix) {
            return true
        }
        return false
    }

    /// The reporter named in a trailer (`Reporting by Hyonhee Shin; Editing by ...` → `Hyonhee Shin`).
    static func reporter(inTrailer bytes: Bytes, _ start: Int, _ end: Int) -> String? {
        var index = start
        while index + 13 <= end {
            if ByteText.matchesFolded(bytes, index, end, "reporting by ") {
                let nameStart = index + 13
                var nameEnd = nameStart
                while nameEnd < end, bytes[nameEnd] != 0x3B, bytes[nameEnd] != 0x29, bytes[nameEnd] != 0x0A {
                    nameEnd += 1
                }
                let (lower, upper) = ByteText.trim(bytes, nameStart, nameEnd)
                return lower < upper ? ByteText.string(bytes, lower, upper) : nil
            }
            index += 1
        }
        return nil
    }

    private static let boilerplateLines: Set<String> = [
        "advertisement", "story continues below advertisement", "story continues below", "continue reading",
        "read more", "share this article", "share", "share this", "skip to main content", "listen to this article",
        "sign up", "subscribe", "subscribe now", "related", "related articles", "related stories", "recommended",
        "most read", "trending", "opens new tab", "all rights reserved",
        "our standards: the thomson reuters trust principles",
        "the thomson reuters trust principles", "click here to read more", "scroll to continue with content",
        "highlights", "key points", "summary", "in brief", "top stories", "more from this section", "print",
        "comments", "follow us", "newsletter", "also read", "must read", "watch", "watch video", "video",
        "ad", "sponsored", "sponsored content", "partner content",
    ]

    private static let boilerplatePrefixes: [StaticString] = [
        "read more:", "also read:", "also read |", "read also:", "see also:", "related:", "watch:", "click here",
        "sign up for", "sign up to", "subscribe to", "follow us on", "follow us at", "follow the latest",
        "copyright \u{a9}", "\u{a9} 20", "(c) 20", "download the", "get the latest", "for more news", "join our",
        "listen:", "watch video:", "recommended:", "trending:",
    ]

    /// Site furniture that ended up in the body: `Advertisement`, `Read more: ...`, `Our Standards: ...`.
    static func isBoilerplate(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length > 0, length <= 200 else { return false }
        if length <= 60 {
            var upper = end
            while upper > start, bytes[upper - 1] == 0x2E || bytes[upper - 1] == 0x3A || bytes[upper - 1] == 0x20 {
                upper -= 1
            }
            if upper > start {
                let folded = ByteText.string(bytes, start, upper).lowercased()
                if boilerplateLines.contains(folded) { return true }
            }
        }
        if length <= 100, ByteText.containsFolded(bytes, start, end, "thomson reuters trust principles") { return true }
        guard length <= 160 else { return false }
        for prefix in boilerplatePrefixes where ByteText.matchesFolded(bytes, start, end, prefix) { return true }
        return false
    }
}
