/// One parameter as sent: its bytes and whether they are in PostgreSQL's binary format. Sent with an explicit
/// length, so no value is ever cut at a NUL byte.
public struct PostgresBind: Sendable, Hashable {
    public var bytes: [UInt8]
    public var isBinary: Bool

    public init(text: String) {
        bytes = Array(text.utf8)
        isBinary = false
    }

    public init(binary bytes: [UInt8]) {
        self.bytes = bytes
        isBinary = true
    }
}
