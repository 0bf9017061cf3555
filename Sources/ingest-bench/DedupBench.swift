enum DedupBench {
    static func run(_ arguments: ArraySlice<String>) throws {
        print("DedupBench: not implemented yet")
    }
}
