/// Why a piece of the input is not part of the body.
public enum RemovalReason: String, Sendable, Codable, CaseIterable {
    case datePrefix = "date-prefix"
    case dateline
    case caption
    case photoCredit = "photo-credit"
    case agencyTrailer = "agency-trailer"
    case boilerplate
    case navigation
    case script
}
