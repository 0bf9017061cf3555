/// How the speaker as written was tied to the resolved speaker.
public enum SpeakerResolution: String, Sendable, Codable {
    /// The full name is written at the claim.
    case explicit
    /// A surname or short form mapped to an earlier full mention.
    case alias
    /// A pronoun mapped to an earlier compatible speaker.
    case pronoun
    /// Nothing compatible was found; the speaker is left unresolved rather than guessed.
    case unresolved
}
