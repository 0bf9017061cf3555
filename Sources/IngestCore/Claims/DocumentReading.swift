/// Read-only access to the article's tokens, shared by the rules and the speaker resolver.
protocol DocumentReading {
    var doc: ClaimDocument { get }
}

extension DocumentReading {
    @inline(__always)
    func tok(_ t: Int) -> Token { doc.tokens[t] }

    @inline(__always)
    func isComma(_ t: Int) -> Bool { doc.tokens[t].isPunct(44) }

    @inline(__always)
    func inQuote(_ t: Int) -> Bool { doc.quoteAt[t] >= 0 }
}
