/// `SEOUL, July 27 (Reuters) -`
public struct Dateline: Sendable, Hashable, Codable {
    /// As written, with any region: `SEOUL`, `KYIV, Ukraine`.
    public var place: String?
    /// As written (`July 27`); the ISO date, when the year is known, is ``ParsedArticle/publishedDate``.
    public var date: String?
    /// The canonical agency name when known (`Reuters`), else as written.
    public var agency: String?
    /// The whole dateline including its dash, removed from the first paragraph.
    public var span: TextSpan

    public init(place: String?, date: String?, agency: String?, span: TextSpan) {
        self.place = place
        self.date = date
        self.agency = agency
        self.span = span
    }
}
