import Foundation

/// Reads a file or stdin one line at a time through a fixed buffer, so a JSON Lines feed of any size is sent with
/// bounded memory. Lines are split on `\n`; a final line without one is returned too.
public final class LineStream {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// Bytes consumed so far (lines returned, with their line feeds), for progress.
    public private(set) var bytesRead = 0

    public init(handle: FileHandle, ownsHandle: Bool = false) {
        self.handle = handle
        self.ownsHandle = ownsHandle
    }

    public convenience init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReaderError(message: "cannot open \(path)")
        }
        self.init(handle: handle, ownsHandle: true)
    }

    deinit { if ownsHandle { try? handle.close() } }

    /// The next line's bytes without its line feed, or nil at the end.
    public func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                bytesRead += newline + 1 - start
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                bytesRead += buffer.count - start
                start = buffer.count
                return line
            }
            // Keep only the unfinished line, then read more.
            buffer.removeSubrange(0..<start)
            start = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
