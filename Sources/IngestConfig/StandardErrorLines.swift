import Foundation
import Synchronization

/// Serialises writes to stderr so lines from different threads never interleave.
public final class StandardErrorLines: Sendable {
    public static let shared = StandardErrorLines()

    private let lock = Mutex(())

    public func write(_ bytes: [UInt8]) {
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 {
                        if written < 0 && errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
