import Foundation
import Logging

/// The one logging set-up of the three executables: `LOG_LEVEL` (trace … critical) and `LOG_FORMAT` (`text`, the
/// default, or `json`: one object per line with the metadata as fields). Logs go to stderr, so stdout stays for
/// the commands' own output.
public enum LogBootstrap {
    public enum Format: String, Sendable {
        case text
        case json
    }

    /// Bootstraps swift-log once per process; call it first in `main`.
    public static func bootstrap(
        defaultLevel: Logger.Level = .info,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let (level, format) = settings(defaultLevel: defaultLevel, environment: environment)
        LoggingSystem.bootstrap { label in
            makeHandler(label: label, level: level, format: format, output: StandardErrorLines.shared.write)
        }
    }

    /// The level and format the environment asks for; unknown values fall back to the defaults (with a warning on
    /// stderr, since a typo in LOG_LEVEL should not silence a worker).
    public static func settings(defaultLevel: Logger.Level, environment: [String: String]) -> (Logger.Level, Format) {
        var level = defaultLevel
        if let text = environment["LOG_LEVEL"]?.lowercased(), !text.isEmpty {
            if let parsed = Logger.Level(rawValue: text == "warn" ? "warning" : text) {
                level = parsed
            } else {
                StandardErrorLines.shared.write(Array("LOG_LEVEL=\(text) is not a level; using \(level)\n".utf8))
            }
        }
        var format = Format.text
        if let text = environment["LOG_FORMAT"]?.lowercased(), !text.isEmpty {
            if let parsed = Format(rawValue: text) {
                format = parsed
            } else {
                StandardErrorLines.shared.write(Array("LOG_FORMAT=\(text) is not text or json; using text\n".utf8))
            }
        }
        return (level, format)
    }

    /// A handler writing whole lines to `output` (tests pass their own sink).
    public static func makeHandler(
        label: String,
        level: Logger.Level,
        format: Format,
        output: @escaping @Sendable ([UInt8]) -> Void
    ) -> any LogHandler {
        switch format {
        case .json:
            var handler = JSONLogHandler(label: label, output: output)
            handler.logLevel = level
            return handler
        case .text:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
