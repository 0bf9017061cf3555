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

    /// All variant bytes in one array; per first letter, the (offset, length, canonical index) of each variant.
    /// Plain integers only, so the scan does no reference counting.
    private static let flat:
        (bytes: [UInt8], entries: [(offset: Int, length: Int, canonical: Int)], ranges: [Range<Int>]) = {
            var bytes: [UInt8] = []
            var entries: [(offset: Int, length: Int, canonical: Int)] = []
            var ranges: [Range<Int>] = []
            for letter in UInt8(0x41)...UInt8(0x5A) {
                let first = entries.count
                for (variant, canonical) in variants where variant.utf8.first == letter {
                    let offset = bytes.count
                    bytes.append(contentsOf: variant.utf8)
                    entries.append((offset, variant.utf8.count, canonicals.firstIndex(of: canonical)!))
                }
                ranges.append(first..<entries.count)
            }
            return (bytes, entries, ranges)
        }()

    /// Per first letter, a bit for each second byte (`byte & 63`) some variant has: most capitalised words fail it.
    private static let secondBytes: [UInt64] = {
        var masks = [UInt64](repeating: 0, count: 26)
        for (variant, _) in variants {
            let bytes = Array(variant.utf8)
            masks[Int(bytes[0] - 0x41)] |= 1 << UInt64(bytes[1] & 63)
        }
        return masks
    }()

    private static let canonicals: [String] = {
        var names: [String] = []
        for (_, canonical) in variants where !names.contains(canonical) { names.append(canonical) }
        return names
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
        let (variantBytes, entries, letterRanges) = flat
        let seconds = secondBytes
        var seen: UInt64 = 0
        for name in found { if let index = canonicals.firstIndex(of: name) { seen |= 1 << UInt64(index) } }
        variantBytes.withUnsafeBufferPointer { variantBytes in
            entries.withUnsafeBufferPointer { entries in
                /// Tries every variant starting with the capital at `index`.
                func check(_ index: Int, _ start: Int, _ end: Int) {
                    let byte = bytes[index]
                    guard index + 1 < end, seconds[Int(byte - 0x41)] & (1 << UInt64(bytes[index + 1] & 63)) != 0,
                        index == start || !isWordByte(bytes[index - 1])
                    else { return }
                    for entry in letterRanges[Int(byte - 0x41)] {
                        let (offset, length, canonical) = entries[entry]
                        guard index + length <= end else { continue }
                        var equal = true
                        for position in 1..<length where bytes[index + position] != variantBytes[offset + position] {
                            equal = false
                            break
                        }
                        guard equal, index + length == end || !isWordByte(bytes[index + length]) else { continue }
                        if seen & (1 << UInt64(canonical)) == 0 {
                            seen |= 1 << UInt64(canonical)
                            found.append(canonicals[canonical])
                        }
                        return
                    }
                }
                for (start, end) in ranges {
                    var index = start
                    // Eight bytes at a time: visit each upper-case ASCII letter of the window, then move on.
                    while index + 8 <= end {
                        let word = ByteText.load8(bytes, index)
                        var upper = ~ByteText.bytesBelow(word, 0x41) & ByteText.bytesBelow(word, 0x5B)
                        while upper != 0 {
                            check(index + upper.trailingZeroBitCount >> 3, start, end)
                            upper &= upper &- 1
                        }
                        index += 8
                    }
                    while index < end {
                        if ByteText.isUpper(bytes[index]) { check(index, start, end) }
                        index += 1
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        ByteText.isASCIILetter(byte) || ByteText.isDigit(byte)
    }
}
