/// A command that would do harm in the current state (live workers, a broker that cannot answer) and changed nothing.
struct RefusedError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
