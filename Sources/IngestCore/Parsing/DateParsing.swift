/// Reads calendar dates in the forms news sources use and writes them as ISO `YYYY-MM-DD`.
enum DateParsing {
    private static let monthNames: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
        ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
        ("oct", 10), ("nov", 11), ("dec", 12),
    ]

    /// The month number of an English month name or abbreviation (case-insensitive).
    static func month(named word: some StringProtocol) -> Int? {
        guard word.utf8.count >= 3, word.utf8.count <= 9 else { return nil }
        let lowered = word.lowercased()
        for (name, number) in monthNames where name == lowered { return number }
        return nil
    }

    /// Month names packed little-endian into their first eight bytes, with their length and number.
    private static let packedMonths: [(key: UInt64, length: Int, number: Int)] = monthNames.map { name, number in
        var key: UInt64 = 0
        for (offset, byte) in name.utf8.prefix(8).enumerated() { key |= UInt64(byte) << UInt64(offset * 8) }
        return (key, name.utf8.count, number)
    }

    /// The month number of the English month name in `start..<end`, without allocating.
    static func month(_ bytes: ByteText.Bytes, _ start: Int, _ end: Int) -> Int? {
        let length = end - start
        guard length >= 3, length <= 9 else { return nil }
        var key: UInt64 = 0
        for offset in 0..<min(length, 8) { key |= UInt64(ByteText.lower(bytes[start + offset])) << UInt64(offset * 8) }
        // Only `september` is longer than eight bytes.
        if length == 9 && ByteText.lower(bytes[start + 8]) != 0x72 { return nil }
        for entry in packedMonths where entry.key == key && entry.length == length { return entry.number }
        return nil
    }

    /// `YYYY-MM-DD` if the date exists.
    static func iso(year: Int, month: Int, day: Int) -> String? {
        guard (1800...2200).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private enum Token {
        case number(Int, digits: Int)
        case word(Substring)
        case separator(UInt8)
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let utf8 = Array(text.utf8.prefix(200))
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if ByteText.isDigit(byte) {
                var value = 0
                var digits = 0
                while index < utf8.count, ByteText.isDigit(utf8[index]) {
                    if digits < 9 { value = value * 10 + Int(utf8[index] - 0x30) }
                    digits += 1
                    index += 1
                }
                tokens.append(.number(value, digits: digits))
            } else if ByteText.isASCIILetter(byte) {
                let start = index
                while index < utf8.count, ByteText.isASCIILetter(utf8[index]) { index += 1 }
                let word = String(decoding: utf8[start..<index], as: UTF8.self)
                tokens.append(.word(Substring(word)))
            } else {
                if byte == 0x2D || byte == 0x2F || byte == 0x2E {
                    tokens.append(.separator(byte))
                }
                index += 1
            }
        }
        return tokens
    }

    /// Reads `2023-07-27`, `2023-07-27T08:00:00Z`, `2023/07/27`, `July 27, 2023`, `Jul. 27 2023`,
    /// `27 July 2023`, `Thu, 27 Jul 2023 08:00:00 GMT`, and unambiguous `27/07/2023`.
    static func isoDate(_ text: String) -> String? {
        let tokens = tokenize(text)
        // ISO-like: year sep month sep day at the start.
        if tokens.count >= 5, case .number(let year, 4) = tokens[0], case .separator = tokens[1],
            case .number(let month, let monthDigits) = tokens[2], monthDigits <= 2,
            case .separator = tokens[3], case .number(let day, let dayDigits) = tokens[4], dayDigits <= 2
        {
            return iso(year: year, month: month, day: day)
        }
        // Month name with a day next to it and a four-digit year.
        for (position, token) in tokens.enumerated() {
            guard case .word(let word) = token, let month = month(named: word) else { continue }
            var day: Int?
            // `Jul. 27`: look past the abbreviation's period.
            var after = position + 1
            if after < tokens.count, case .separator(0x2E) = tokens[after] { after += 1 }
            if after < tokens.count, case .number(let value, let digits) = tokens[after], digits <= 2 {
                day = value
            } else if position > 0, case .number(let value, let digits) = tokens[position - 1], digits <= 2 {
                day = value
            }
            var year: Int?
            for candidate in tokens[position...] {
                if case .number(let value, 4) = candidate {
                    year = value
                    break
                }
            }
            if year == nil {
                for candidate in tokens[..<position] {
                    if case .number(let value, 4) = candidate { year = value }
                }
            }
            if let day, let year { return iso(year: year, month: month, day: day) }
            return nil
        }
        // Numeric day/month/year when only one reading is possible.
        let numbers = tokens.compactMap { token -> (Int, Int)? in
            if case .number(let value, let digits) = token { return (value, digits) }
            return nil
        }
        if numbers.count >= 3, numbers[2].1 == 4, numbers[0].1 <= 2, numbers[1].1 <= 2 {
            let (first, second, year) = (numbers[0].0, numbers[1].0, numbers[2].0)
            if first > 12 { return iso(year: year, month: second, day: first) }
            if second > 12 { return iso(year: year, month: first, day: second) }
            if first == second { return iso(year: year, month: first, day: first) }
        }
        return nil
    }

    /// The UTC calendar date of a Unix time in seconds.
    static func isoDate(epochSeconds: Double) -> String? {
        guard epochSeconds.isFinite, abs(epochSeconds) < 1e11 else { return nil }
        let days = Int((epochSeconds / 86_400).rounded(.down))
        // Howard Hinnant's civil-from-days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return iso(year: year, month: month, day: day)
    }
}
