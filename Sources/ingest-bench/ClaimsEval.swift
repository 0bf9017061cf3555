enum ClaimsEval {
    static func run(_ arguments: ArraySlice<String>) throws {
        print("ClaimsEval: not implemented yet")
    }
}
