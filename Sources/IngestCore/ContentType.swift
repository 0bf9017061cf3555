/// How the raw body of an article is encoded.
public enum ContentType: String, Sendable, Codable, CaseIterable {
    case text = "text/plain"
    case html = "text/html"
    case json = "application/json"
}
