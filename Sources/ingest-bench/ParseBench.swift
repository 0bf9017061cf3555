enum ParseBench {
    static func run(_ arguments: ArraySlice<String>) throws {
        print("ParseBench: not implemented yet")
    }
}
