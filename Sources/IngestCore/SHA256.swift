import Crypto

/// SHA-256 through swift-crypto (BoringSSL's assembly where the CPU has it), behind the small API the pipeline,
/// the envelope keys and the migration checksums use. `ingest-bench pipeline --only sha256` measures it on the
/// articles' normalised texts. Not `Sendable`: swift-crypto's hasher is not; the one-shot functions are what threads share.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
    }

    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    public static func digest(of bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    public static func digest(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: UnsafeRawBufferPointer(bytes)))
    }

    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex(of: $0) }
    }

    /// Lower-case hex digest of bytes in place, e.g. `string.withUTF8 { SHA256.hex(of: $0) }`.
    public static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digest = Crypto.SHA256.hash(data: UnsafeRawBufferPointer(bytes))
        return String(unsafeUninitializedCapacity: 64) { out in
            let table: StaticString = "0123456789abcdef"
            table.withUTF8Buffer { hexDigits in
                var index = 0
                digest.withUnsafeBytes { raw in
                    for byte in raw {
                        out[index] = hexDigits[Int(byte >> 4)]
                        out[index + 1] = hexDigits[Int(byte & 0x0f)]
                        index += 2
                    }
                }
            }
            return 64
        }
    }
}
