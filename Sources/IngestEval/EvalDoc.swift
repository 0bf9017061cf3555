/// A generated document with its ground truth.
struct EvalDoc {
    var id: Int
    /// The story it belongs to: the index of its base article (the host's, for quote-sharing).
    var family: Int
    var kind: String
    var paragraphs: [String]
    var text: String
}
