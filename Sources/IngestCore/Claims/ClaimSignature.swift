/// The canonical content of a claim: sorted, unique 64-bit hashes of its normalised content tokens.
public struct ClaimSignature: Sendable, Hashable, Codable {
    public var tokens: [UInt64]
    /// The subset of ``tokens`` that are numbers: two claims with different figures are different claims.
    public var numbers: [UInt64]

    public init(tokens: [UInt64], numbers: [UInt64] = []) {
        self.tokens = tokens
        self.numbers = numbers
    }
}
