enum ClaimsBench {
    static func run(_ arguments: ArraySlice<String>) throws {
        print("ClaimsBench: not implemented yet")
    }
}
