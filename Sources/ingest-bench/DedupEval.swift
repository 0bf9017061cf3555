enum DedupEval {
    static func run(_ arguments: ArraySlice<String>) throws {
        print("DedupEval: not implemented yet")
    }
}
