/// News agencies, by the names they are credited under, mapped to one canonical name each.
enum AgencyCatalog {
    /// Longer variants first so that `RIA Novosti` wins over `RIA`.
    private static let variants: [(String, String)] = [
        ("Korean Central News Agency", "KCNA"), ("Agence France-Presse", "AFP"), ("Agence France Presse", "AFP"),
        ("Press Trust of India", "PTI"), ("United Press International", "UPI"), ("Associated Press", "AP"),
        ("Thomson Reuters", "Reuters"), ("RIA Novosti", "RIA"), ("Reuters", "Reuters"), ("REUTERS", "Reuters"),
        ("KCNA", "KCNA"), ("Yonhap", "Yonhap"), ("YONHAP", "Yonhap"), ("RIA", "RIA"), ("TASS", "TASS"),
        ("Tass", "TASS"), ("Interfax", "Interfax"), ("Xinhua", "Xinhua"), ("XINHUA", "Xinhua"), ("AFP", "AFP"),
        ("AP", "AP"), ("Bloomberg", "Bloomberg"), ("PTI", "PTI"), ("ANI", "ANI"), ("IANS", "IANS"), ("DPA", "dpa"),
        ("EFE", "EFE"), ("ANSA", "ANSA"), ("Kyodo", "Kyodo"), ("KYODO", "Kyodo"), ("Jiji", "Jiji"),
        ("Anadolu", "Anadolu"), ("UPI", "UPI"), ("Sputnik", "Sputnik"), ("IRNA", "IRNA"), ("Bernama", "Bernama"),
        ("Antara", "Antara"),
    ]

    /// Variants bucketed by first byte (all start with an upper-case ASCII letter).
    private static let buckets: [[([UInt8], String)]] = {
        var buckets = [[([UInt8], String)]](repeating: [], count: 26)
        for (variant, canonical) in variants {
            let bytes = Array(variant.utf8)
            buckets[Int(bytes[0] - 0x41)].append((bytes, canonical))
        }
        return buckets
    }()

    /// The canonical name for an agency as written (`Reuters`, `AP`), or nil if unknown.
    static func canonical(_ name: String) -> String? {
        for (variant, canonical) in variants where variant == name { return canonical }
        let lowered = name.lowercased()
        for (variant, canonical) in variants where variant.lowercased() == lowered { return canonical }
        return nil
    }

    /// Canonical agencies mentioned in the ranges, in order of first mention.
    static func scan(_ bytes: ByteText.Bytes, ranges: [(Int, Int)], into found: inout [String]) {
        for (start, end) in ranges {
            var index = start
            while index < end {
                let byte = bytes[index]
                guard ByteText.isUpper(byte), index == start || !isWordByte(bytes[index - 1]) else {
                    index += 1
                    continue
                }
                for (variant, canonical) in buckets[Int(byte - 0x41)] {
                    let length = variant.count
                    guard index + length <= end else { continue }
                    var equal = true
                    for offset in 1..<length where bytes[index + offset] != variant[offset] {
                        equal = false
                        break
                    }
                    guard equal, index + length == end || !isWordByte(bytes[index + length]) else { continue }
                    if !found.contains(canonical) { found.append(canonical) }
                    break
                }
                index += 1
            }
        }
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        ByteText.isASCIILetter(byte) || ByteText.isDigit(byte)
    }
}
