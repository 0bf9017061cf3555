/// A half-open range of Unicode scalar (code point) offsets into ``ParsedArticle/text``.
///
/// Code points, not bytes or UTF-16 units, so that Python's `text[start:end]` and PostgreSQL's
/// `substr(text, start + 1, end - start)` both slice out the same characters.
public struct TextSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
