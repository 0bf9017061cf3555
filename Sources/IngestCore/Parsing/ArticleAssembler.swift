/// Turns text plus its blocks into a ``ParsedArticle``: finds the title, date prefix, highlights, dateline,
/// byline and debris, groups body lines into paragraphs, and folds the normalised text; then tokenizes the text
/// once (``ArticleText``), which gives the sentences.
enum ArticleAssembler {
    typealias Bytes = ByteText.Bytes

    private struct BodyLine {
        var start: Int
        var end: Int
        /// A plain-text line that is not a bullet: only such lines join into one paragraph.
        var isPlainLine: Bool
        var blankBefore: Bool
        var position: Int
    }

    static func assemble(
        text: String,
        contentType: ContentType,
        blocks: [SourceBlock]?,
        metadata: ArticleMetadata
    ) -> ParsedArticle {
        var storage = text
        var article = storage.withUTF8 { bytes in
            assemble(
                bytes,
                text: text,
                contentType: contentType,
                blocks: blocks ?? splitLines(bytes),
                metadata: metadata
            )
        }
        let layer = ArticleText(article: article)
        article.sentences = layer.sentenceRecords()
        article.textLayer = layer
        return article
    }

    /// Non-empty trimmed lines. `\n`, `\r\n`, `\r`, NEL and U+2028 end a line; U+2029 ends a paragraph.
    static func splitLines(_ bytes: Bytes) -> [SourceBlock] {
        var blocks: [SourceBlock] = []
        blocks.reserveCapacity(64)
        var lineStart = 0
        var blank = false
        var index = 0
        let count = bytes.count
        func close(_ lineEnd: Int, next: Int, paragraphBreak: Bool) {
            let (lower, upper) = ByteText.trim(bytes, lineStart, lineEnd)
            if lower < upper {
                blocks.append(SourceBlock(start: lower, end: upper, kind: .line, blankBefore: blank && !blocks.isEmpty))
                blank = paragraphBreak
            } else {
                blank = true
            }
            lineStart = next
        }
        while index < count {
            // Skip eight bytes at a time while none is a line break or a non-ASCII lead byte.
            if index + 8 <= count {
                let word = ByteText.load8(bytes, index)
                let interesting =
                    (word & ByteText.highBits) | ByteText.bytesEqual(word, 0x0A) | ByteText.bytesEqual(word, 0x0D)
                if interesting == 0 {
                    index += 8
                    continue
                }
                index += interesting.trailingZeroBitCount >> 3
            }
            let byte = bytes[index]
            if byte == 0x0A {
                close(index, next: index + 1, paragraphBreak: false)
                index += 1
            } else if byte == 0x0D {
                let next = index + 1 < count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                close(index, next: next, paragraphBreak: false)
                index = next
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 {
                close(index, next: index + 2, paragraphBreak: false)
                index += 2
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                close(index, next: index + 3, paragraphBreak: bytes[index + 2] == 0xA9)
                index += 3
            } else {
                index += 1
            }
        }
        close(count, next: count, paragraphBreak: false)
        return blocks
    }

    private static func assemble(
        _ bytes: Bytes,
        text: String,
        contentType: ContentType,
        blocks: [SourceBlock],
        metadata: ArticleMetadata
    ) -> ParsedArticle {
        var title: (Int, Int)?
        var highlights: [(Int, Int)] = []
        var removed: [(Int, Int, RemovalReason)] = []
        var bodyLines: [BodyLine] = []
        bodyLines.reserveCapacity(blocks.count)
        var dateline: (start: Int, match: LinePatterns.DatelineMatch)?
        var byline = metadata.byline
        var prefixDate: String?
        var bodyStarted = false
        var firstContent = true
        let isPlain = blocks.first?.kind == .line
        let hasBlankLines = blocks.contains { $0.blankBefore }

        for (position, block) in blocks.enumerated() {
            var start = block.start
            let end = block.end
            switch block.kind {
            case .removed(let reason):
                removed.append((start, end, reason))
                continue
            case .title:
                title = (start, end)
                continue
            case .line, .paragraph, .heading, .listItem:
                break
            }
            if !bodyStarted {
                if firstContent, let prefix = LinePatterns.datePrefix(bytes, start, end) {
                    removed.append((start, prefix.end, .datePrefix))
                    prefixDate = prefix.date
                    start = ByteText.skipWhitespace(bytes, prefix.end, end)
                    if start >= end { continue }
                }
                if let iso = LinePatterns.dateLine(bytes, start, end) {
                    removed.append((start, end, .datePrefix))
                    if prefixDate == nil { prefixDate = iso }
                    continue
                }
                if firstContent && isPlain && title == nil
                    && isTitle(
                        bytes,
                        blocks,
                        position,
                        start,
                        hasBlankLines: hasBlankLines,
                        headline: metadata.headline
                    )
                {
                    title = (start, end)
                    firstContent = false
                    continue
                }
                firstContent = false
                if let name = LinePatterns.byline(bytes, start, end) {
                    removed.append((start, end, .boilerplate))
                    if byline == nil { byline = name }
                    continue
                }
            }
            if LinePatterns.isCaptionLine(bytes, start, end) {
                for (lower, upper, part) in LinePatterns.captionParts(bytes, start, end) {
                    switch part {
                    case .caption: removed.append((lower, upper, .caption))
                    case .credit: removed.append((lower, upper, .photoCredit))
                    case .licensing: removed.append((lower, upper, .boilerplate))
                    }
                }
                continue
            }
            if end - start <= 80, LinePatterns.isCredit(bytes, start, end) {
                removed.append((start, end, .photoCredit))
                continue
            }
            if LinePatterns.isAgencyTrailer(bytes, start, end, nearEnd: position >= blocks.count - 4) {
                removed.append((start, end, .agencyTrailer))
                if byline == nil { byline = LinePatterns.reporter(inTrailer: bytes, start, end) }
                continue
            }
            if LinePatterns.isBoilerplate(bytes, start, end) {
                removed.append((start, end, .boilerplate))
                continue
            }
            let bullet = block.kind == .line ? LinePatterns.bulletLength(bytes, start, end) : 0
            if !bodyStarted && (bullet > 0 || block.kind == .listItem) {
                highlights.append((start + bullet, end))
                continue
            }
            if !bodyStarted, let match = LinePatterns.dateline(bytes, start, end) {
                dateline = (start, match)
                removed.append((start, match.end, .dateline))
                start = ByteText.skipWhitespace(bytes, match.end, end)
                bodyStarted = true
                if start >= end { continue }
            }
            bodyStarted = true
            bodyLines.append(
                BodyLine(
                    start: start + bullet,
                    end: end,
                    isPlainLine: block.kind == .line && bullet == 0,
                    blankBefore: block.blankBefore,
                    position: position
                )
            )
        }

        // Wrapped lines join into paragraphs: a long line that stops mid-sentence continues on the next line.
        var paragraphs: [(Int, Int)] = []
        paragraphs.reserveCapacity(bodyLines.count)
        for (index, line) in bodyLines.enumerated() {
            if index > 0 {
                let previous = bodyLines[index - 1]
                if previous.isPlainLine && line.isPlainLine && !line.blankBefore
                    && line.position == previous.position + 1
                    && previous.end - previous.start >= 40
                    && !LinePatterns.endsWithTerminal(bytes, previous.start, previous.end)
                {
                    paragraphs[paragraphs.count - 1].1 = line.end
                    continue
                }
            }
            paragraphs.append((line.start, line.end))
        }

        var agencies: [String] = []
        if let agency = dateline?.match.agency { agencies.append(agency) }
        AgencyCatalog.scan(bytes, ranges: [(0, bytes.count)], into: &agencies)

        let normalized = TextNormalizer.normalize(bytes, ranges: paragraphs)
        let languageSample = paragraphs.isEmpty ? highlights + (title.map { [$0] } ?? []) : paragraphs
        let language = LanguageDetector.detect(bytes, ranges: languageSample)

        var publishedDate = metadata.publishedDate ?? prefixDate
        if publishedDate == nil, let datelineDate = dateline?.match.date {
            publishedDate = DateParsing.isoDate(datelineDate) ?? inferYear(bytes, monthDay: datelineDate)
        }

        // Convert to scalar offsets and strings once.
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        let offsets = ScalarOffsets(bytes, isASCII: isASCII)
        // Slicing the String copies without re-validating UTF-8, unlike decoding the bytes again.
        let utf8 = text.utf8
        func slice(_ start: Int, _ end: Int) -> String {
            String(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
        }
        func segment(_ range: (Int, Int)) -> Segment {
            Segment(span: offsets.span(range.0, range.1), text: slice(range.0, range.1))
        }
        removed.sort { $0.0 < $1.0 }
        let titleSegment = title.map(segment)
        return ParsedArticle(
            text: text,
            contentType: contentType,
            title: titleSegment,
            dateline: dateline.map {
                Dateline(
                    place: $0.match.place,
                    date: $0.match.date,
                    agency: $0.match.agency,
                    span: offsets.span($0.start, $0.match.end)
                )
            },
            publishedDate: publishedDate,
            byline: byline,
            agencies: agencies,
            highlights: highlights.map(segment),
            paragraphs: paragraphs.map(segment),
            removed: removed.map {
                RemovedSegment(
                    span: offsets.span($0.0, $0.1),
                    text: slice($0.0, $0.1),
                    reason: $0.2
                )
            },
            normalizedText: normalized,
            language: language,
            headline: metadata.headline ?? titleSegment?.text,
            url: metadata.url,
            siteName: metadata.siteName
        )
    }

    /// Whether the first content line is a headline: no final punctuation, short, and set apart from the body.
    private static func isTitle(
        _ bytes: Bytes,
        _ blocks: [SourceBlock],
        _ position: Int,
        _ start: Int,
        hasBlankLines: Bool,
        headline: String?
    ) -> Bool {
        let end = blocks[position].end
        guard position + 1 < blocks.count else { return false }
        if let headline,
            TextNormalizer.normalize(headline) == TextNormalizer.normalize(ByteText.string(bytes, start, end))
        {
            return true
        }
        guard end - start <= 250, LinePatterns.bulletLength(bytes, start, end) == 0,
            !LinePatterns.endsWithTerminal(bytes, start, end), bytes[end - 1] != 0x2C
        else { return false }
        let words = LinePatterns.wordCount(bytes, start, end)
        guard words >= 2, words <= 25 else { return false }
        guard LinePatterns.dateline(bytes, start, end) == nil, !LinePatterns.isCaptionLine(bytes, start, end),
            !LinePatterns.isBoilerplate(bytes, start, end), LinePatterns.byline(bytes, start, end) == nil
        else { return false }
        let next = blocks[position + 1]
        guard next.kind == .line else { return false }
        if next.blankBefore { return true }
        if LinePatterns.bulletLength(bytes, next.start, next.end) > 0 { return true }
        if LinePatterns.dateline(bytes, next.start, next.end) != nil { return true }
        if LinePatterns.byline(bytes, next.start, next.end) != nil { return true }
        // Without blank lines, a short line followed by a capitalised line; wrapped text has blank lines.
        return !hasBlankLines && end - start < 90 && !ByteText.isLower(bytes[next.start])
    }

    /// The year of a full date elsewhere in the text with the dateline's month and day (`July 27, 2023`).
    private static func inferYear(_ bytes: Bytes, monthDay: String) -> String? {
        let parts = monthDay.split(separator: " ")
        guard parts.count == 2, let month = DateParsing.month(named: parts[0].trimmingSuffix(".")),
            let day = Int(parts[1])
        else { return nil }
        var index = 0
        let count = bytes.count
        // Only words starting with the dateline month's capital letter can match: skip to them eight bytes at once.
        let initial = parts[0].utf8.first ?? 0x41
        while index < count {
            if index + 8 <= count {
                let hits = ByteText.bytesEqual(ByteText.load8(bytes, index), initial)
                if hits == 0 {
                    index += 8
                    continue
                }
                index += hits.trailingZeroBitCount >> 3
            }
            guard bytes[index] == initial, index == 0 || !ByteText.isASCIILetter(bytes[index - 1]) else {
                index += 1
                continue
            }
            var wordEnd = index
            while wordEnd < count, ByteText.isASCIILetter(bytes[wordEnd]) { wordEnd += 1 }
            if DateParsing.month(bytes, index, wordEnd) == month {
                // `Month D, YYYY` or `Month D YYYY`
                var cursor = wordEnd
                if cursor < count, bytes[cursor] == 0x2E { cursor += 1 }
                if cursor < count, bytes[cursor] == 0x20 { cursor += 1 }
                var value = 0
                let dayStart = cursor
                while cursor < count, ByteText.isDigit(bytes[cursor]), cursor - dayStart < 2 {
                    value = value * 10 + Int(bytes[cursor] - 0x30)
                    cursor += 1
                }
                if cursor > dayStart, value == day {
                    if cursor < count, bytes[cursor] == 0x2C { cursor += 1 }
                    if cursor < count, bytes[cursor] == 0x20 { cursor += 1 }
                    if cursor + 4 <= count, (0..<4).allSatisfy({ ByteText.isDigit(bytes[cursor + $0]) }) {
                        let year = Int(ByteText.string(bytes, cursor, cursor + 4))!
                        return DateParsing.iso(year: year, month: month, day: day)
                    }
                }
            }
            index = max(wordEnd, index + 1)
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}
