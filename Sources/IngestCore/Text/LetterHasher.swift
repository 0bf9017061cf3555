/// Hash of the letters and digits of a text, in order, with case, whitespace and punctuation ignored
/// (``Fingerprints/tokenHash``): ASCII is lower-cased, other scalars are kept as bytes, except U+00A0 and
/// U+2000...U+203F (spaces, dashes, curly quotes, ellipsis), which count as punctuation. Word breaks are ignored too,
/// which only matters for two texts that are otherwise letter-for-letter identical. The tokenizer's decoding pass
/// feeds it (``ArticleText/letterHash``), so the text is read once.
struct LetterHasher {
    static let seed: UInt64 = 0x464f_524d_4154_5431

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

    private var state = seed
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var total = 0

    /// Adds one byte mapped by ``textBytes`` (0 adds nothing).
    @inline(__always)
    mutating func add(_ mapped: UInt8) {
        let take = mapped != 0
        pending = take ? pending << 8 | UInt64(mapped) : pending
        pendingCount &+= take ? 1 : 0
        if pendingCount == 8 {
            state = (state ^ pending) &* DedupHash.foldMultiplier
            total &+= 8
            pending = 0
            pendingCount = 0
        }
    }

    /// Whether the scalar in `bytes[start..<end]` is U+00A0 or in U+2000...U+203F.
    @inline(__always)
    static func isPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let lead = bytes[start]
        if lead == 0xC2 { return end - start == 2 && bytes[start + 1] == 0xA0 }
        return lead == 0xE2 && end - start == 3 && bytes[start + 1] == 0x80
    }

    /// The hash; 0 for a text without letters or digits.
    func finish() -> Int64 {
        let count = total &+ pendingCount
        guard count > 0 else { return 0 }
        let hash = DedupHash.mix((state ^ pending) &* DedupHash.foldMultiplier ^ UInt64(count))
        return Int64(bitPattern: hash == 0 ? 1 : hash)
    }

    /// The hash of a whole text.
    static func hash(_ text: String) -> Int64 {
        Tokenizer.scalarsAndOffsets(of: text).letterHash
    }
}
