/// One sentence, with the index of the paragraph it belongs to (`-1` for highlights and titles).
public struct Sentence: Sendable, Hashable, Codable {
    public var span: TextSpan
    public var text: String
    public var paragraph: Int
}
