import Foundation
import Logging

/// One JSON object per line: `ts`, `level`, `logger`, `message`, then every metadata key as a field (strings,
/// arrays and objects kept as such), then `source`, `file` and `line`. A metadata key that collides with one of
/// those names is written as `meta.KEY`, so nothing is lost.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let output: @Sendable ([UInt8]) -> Void

    static let reserved: Set<String> = ["ts", "level", "logger", "message", "source", "file", "line"]

    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        output: @escaping @Sendable ([UInt8]) -> Void
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }

        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(UInt8(ascii: "{"))
        Self.field("ts", .string(Self.timestamp()), into: &line, first: true)
        Self.field("level", .string(event.level.rawValue), into: &line)
        Self.field("logger", .string(label), into: &line)
        Self.field("message", .string(event.message.description), into: &line)
        for key in merged.keys.sorted() {
            let name = Self.reserved.contains(key) ? "meta.\(key)" : key
            Self.field(name, merged[key]!, into: &line)
        }
        Self.field("source", .string(event.source), into: &line)
        Self.field("file", .string(event.file), into: &line)
        line.append(contentsOf: #","line":"#.utf8)
        line.append(contentsOf: String(event.line).utf8)
        line.append(contentsOf: "}\n".utf8)
        output(line)
    }

    private static func field(
        _ key: String,
        _ value: Logger.MetadataValue,
        into line: inout [UInt8],
        first: Bool = false
    ) {
        if !first { line.append(UInt8(ascii: ",")) }
        appendString(key, into: &line)
        line.append(UInt8(ascii: ":"))
        appendValue(value, into: &line)
    }

    private static func appendValue(_ value: Logger.MetadataValue, into line: inout [UInt8]) {
        switch value {
        case .string(let text): appendString(text, into: &line)
        case .stringConvertible(let convertible): appendString(convertible.description, into: &line)
        case .array(let items):
            line.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                appendValue(item, into: &line)
            }
            line.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            line.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                field(key, dictionary[key]!, into: &line, first: index == 0)
            }
            line.append(UInt8(ascii: "}"))
        }
    }

    /// JSON string escaping (RFC 8259): quotes, backslashes and control characters; the rest is UTF-8 as is.
    static func appendString(_ text: String, into line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): line.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): line.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): line.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                line.append(contentsOf: #"\u00"#.utf8)
                line.append(hex[Int(byte >> 4)])
                line.append(hex[Int(byte & 0xF)])
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// UTC with milliseconds, built from `gmtime_r` (a formatter per call would dominate the cost of a log line).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec),
            Int(now.tv_nsec / 1_000_000)
        )
    }
}
