/// A line of plain text or a block of extracted HTML, as a trimmed byte range of the article text.
struct SourceBlock {
    enum Kind: Equatable {
        /// A plain-text line; consecutive wrapped lines may join into one paragraph.
        case line
        case paragraph
        case heading
        case listItem
        case title
        case removed(RemovalReason)
    }

    var start: Int
    var end: Int
    var kind: Kind
    /// A blank line (or paragraph separator) stands between this block and the previous one.
    var blankBefore: Bool
}
