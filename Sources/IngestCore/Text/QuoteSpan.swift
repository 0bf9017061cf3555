/// A pair of matching quote marks, as token indexes. For a quote running over paragraphs, `open` and `close` are in
/// different blocks.
struct QuoteSpan: Sendable {
    var open: Int
    var close: Int
    var isDouble: Bool
}
