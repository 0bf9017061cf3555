/// The formatting-free hash of a whole text (``Fingerprints/tokenHash``): its letters and digits in order, with
/// case, whitespace and punctuation ignored.
enum FormattingFreeHash {
    static let formattingSeed: UInt64 = 0x464f_524d_4154_5431

    /// Per byte: the lower-cased letter or digit, 0 for ASCII that is not one, the byte itself above ASCII.
    static let textBytes: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
        case 0x80...: return byte
        default: return 0
        }
    }

    /// Hash of the letters and digits of a text, in order, with case, whitespace and punctuation ignored: ASCII is
    /// lower-cased, other scalars are kept as bytes, except U+00A0 and U+2000...U+203F (spaces, dashes, curly
    /// quotes, ellipsis), which count as punctuation. Word breaks are ignored too, which only matters for two texts
    /// that are otherwise letter-for-letter identical. 0 for a text without letters or digits.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var state = formattingSeed
        var pending: UInt64 = 0
        var pendingCount = 0
        var total = 0
        var index = 0
        let count = bytes.count
        textBytes.withUnsafeBufferPointer { table in
            while index < count {
                let byte = bytes[index]
                if byte >= 0xC2 {
                    if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                        index &+= 2
                        continue
                    }
                    if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 {
                        index &+= 3
                        continue
                    }
                }
                let mapped = table[Int(byte)]
                let take = mapped != 0
                pending = take ? pending << 8 | UInt64(mapped) : pending
                pendingCount &+= take ? 1 : 0
                if pendingCount == 8 {
                    state = (state ^ pending) &* DedupHash.foldMultiplier
                    total &+= 8
                    pending = 0
                    pendingCount = 0
                }
                index &+= 1
            }
        }
        total &+= pendingCount
        guard total > 0 else { return 0 }
        let hash = DedupHash.mix((state ^ pending) &* DedupHash.foldMultiplier ^ UInt64(total))
        return Int64(bitPattern: hash == 0 ? 1 : hash)
    }
}
