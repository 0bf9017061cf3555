public enum SpeakerType: String, Sendable, Codable {
    case person
    case organization
    case media
    case document
    case unknown
}
