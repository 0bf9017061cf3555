/// Rule-based sentence splitting on UTF-8 bytes, tuned for news copy.
///
/// A sentence ends at `.`, `!`, `?`, `..` or an ellipsis, plus any closing quotes and brackets, when whitespace
/// follows and the next word does not continue the sentence: a lower-case word (`..." he said`), or a capitalised
/// word after a title (`Mr. Putin`), an initial (`J. Kirby`), an initialism (`U.N. Security Council`), a month
/// before a number (`Jul. 27`), or an ellipsis, unless that word typically starts sentences (`The`, `He`, `But`).
/// CJK full stops split without whitespace.
enum SentenceSplitter {
    typealias Bytes = ByteText.Bytes

    /// Appends the trimmed, non-empty sentences of `start..<end` to `output` as byte ranges.
    static func split(_ bytes: Bytes, _ start: Int, _ end: Int, into output: inout [(Int, Int)]) {
        var sentenceStart = start
        var index = start
        while index < end {
            // Skip eight bytes at a time while none is `.`, `!`, `?` or a non-ASCII lead byte.
            while index + 8 <= end {
                let word = ByteText.load8(bytes, index)
                let interesting =
                    (word & ByteText.highBits) | ByteText.bytesEqual(word, 0x2E) | ByteText.bytesEqual(word, 0x21)
                    | ByteText.bytesEqual(word, 0x3F)
                if interesting != 0 {
                    index += interesting.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < end else { break }
            let byte = bytes[index]
            let isTerminator: Bool
            var isHard = false
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                isTerminator = true
            } else if byte >= 0xE2 {
                let kind = terminatorKind(bytes, index, end)
                isTerminator = kind != 0
                isHard = kind == 2
            } else {
                isTerminator = false
            }
            if !isTerminator {
                index += 1
                continue
            }
            // Consume the run of terminators.
            var runEnd = index
            var dots = 0
            var hasEllipsis = false
            var hasBang = false
            while runEnd < end {
                let current = bytes[runEnd]
                if current == 0x2E {
                    dots += 1
                    runEnd += 1
                } else if current == 0x21 || current == 0x3F {
                    hasBang = true
                    runEnd += 1
                } else if current >= 0xE2, terminatorKind(bytes, runEnd, end) != 0 {
                    let kind = terminatorKind(bytes, runEnd, end)
                    if kind == 1 { hasEllipsis = true } else { isHard = true }
                    runEnd += 3
                } else {
                    break
                }
            }
            if dots >= 3 { hasEllipsis = true }
            // Closing quotes and brackets belong to the sentence they close.
            var closeEnd = runEnd
            var closed = false
            while closeEnd < end {
                let (scalar, length) = ByteText.decode(bytes, closeEnd)
                guard ByteText.isCloser(scalar) else { break }
                closeEnd += length
                closed = true
            }
            if closeEnd >= end { break }
            let spaceLength = ByteText.whitespaceLength(bytes, closeEnd, end)
            if spaceLength == 0 && !isHard {
                index = runEnd
                continue
            }
            let next = ByteText.skipWhitespace(bytes, closeEnd, end)
            if next >= end { break }
            let split: Bool
            if isHard {
                split = true
            } else {
                split = shouldSplit(
                    bytes,
                    terminatorStart: index,
                    singleDot: dots == 1 && !hasBang && !hasEllipsis && runEnd == index + 1,
                    ellipsis: hasEllipsis && !hasBang,
                    closed: closed,
                    next: next,
                    end: end,
                    lineStart: start
                )
            }
            if split {
                let (trimmedStart, trimmedEnd) = ByteText.trim(bytes, sentenceStart, closeEnd)
                if trimmedStart < trimmedEnd { output.append((trimmedStart, trimmedEnd)) }
                sentenceStart = next
                index = next
            } else {
                index = closeEnd
            }
        }
        let (trimmedStart, trimmedEnd) = ByteText.trim(bytes, sentenceStart, end)
        if trimmedStart < trimmedEnd { output.append((trimmedStart, trimmedEnd)) }
    }

    /// 1 for an ellipsis `…`, 2 for a CJK full stop, exclamation or question mark, else 0.
    @inline(__always)
    private static func terminatorKind(_ bytes: Bytes, _ index: Int, _ end: Int) -> Int {
        guard index + 2 < end else { return 0 }
        let first = bytes[index]
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if first == 0xE2 && second == 0x80 && third == 0xA6 { return 1 }
        if first == 0xE3 && second == 0x80 && third == 0x82 { return 2 }
        if first == 0xEF && second == 0xBC && (third == 0x81 || third == 0x9F) { return 2 }
        return 0
    }

    private static func shouldSplit(
        _ bytes: Bytes,
        terminatorStart: Int,
        singleDot: Bool,
        ellipsis: Bool,
        closed: Bool,
        next: Int,
        end: Int,
        lineStart: Int
    ) -> Bool {
        // Look through opening quotes and brackets at the next word.
        var wordStart = next
        while wordStart < end {
            let (scalar, length) = ByteText.decode(bytes, wordStart)
            guard ByteText.isOpener(scalar) else { break }
            wordStart += length
        }
        if wordStart >= end { return true }
        let first = bytes[wordStart]
        if ByteText.isLower(first) { return false }
        if first == 0x2C || first == 0x3B || first == 0x3A || first == 0x29 || first == 0x5D { return false }
        if first >= 0x80 {
            let (scalar, _) = ByteText.decode(bytes, wordStart)
            if let value = Unicode.Scalar(scalar), value.properties.isLowercase { return false }
        }
        let nextIsDigit = ByteText.isDigit(first)
        // `"Never!" Lee said.`: a quote closed by its terminator, then a name and a speech verb.
        if closed && !nextIsDigit && Abbreviations.isAttribution(bytes, wordStart, end) { return false }
        if ellipsis {
            // A mid-sentence ellipsis is followed by a name as often as by a new sentence.
            if closed && !nextIsDigit { return true }
            return Abbreviations.isSentenceStarter(bytes, wordStart, end)
        }
        guard singleDot else { return true }
        switch Abbreviations.kind(bytes, tokenEndingAt: terminatorStart, lineStart: lineStart) {
        case .none:
            return true
        case .neverFinal, .title:
            return false
        case .month, .ambiguous:
            if nextIsDigit { return false }
            return Abbreviations.isSentenceStarter(bytes, wordStart, end)
        }
    }
}
