import Foundation

/// A file the producer reads, as listed by ``ArticleReader/expand(_:)``: its path and its size in bytes.
public struct InputFile: Sendable, Hashable {
    public var path: String
    public var size: Int

    public init(path: String, size: Int) {
        self.path = path
        self.size = size
    }

    /// The file name's extension, lowercased ("" when it has none): how its articles are read.
    public var format: String {
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        guard let dot = utf8[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return "" }
        return String(decoding: utf8[utf8.index(after: dot)...], as: UTF8.self).lowercased()
    }

    /// The name of the folder holding the file (relative paths resolved against the working folder, `.` and `..`
    /// taken lexically), or "/" for a file at the root.
    public var folderName: String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        _ = components.popLast()
        return components.last.map(String.init) ?? "/"
    }
}
