import Foundation
import IngestConfig
import Logging
import Synchronization
import Testing

@Suite struct LoggingTests {
    final class Lines: Sendable {
        let captured = Mutex<[String]>([])
        func append(_ bytes: [UInt8]) { captured.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        var all: [String] { captured.withLock { $0 } }
    }

    @Test func jsonFormatWritesOneObjectPerLineWithMetadataAsFields() throws {
        let lines = Lines()
        var logger = Logger(label: "ingest-worker") { label in
            LogBootstrap.makeHandler(label: label, level: .debug, format: .json, output: lines.append)
        }
        logger[metadataKey: "worker"] = "w-1"
        logger.info(
            "batch \"committed\"\nsecond line",
            metadata: [
                "articles": "\(42)", "partitions": ["raw[0]", "raw[1]"], "offsets": ["raw[0]": "17"],
                "message": "a colliding key",
            ]
        )
        logger.trace("below the level")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n") && line.dropLast().allSatisfy { $0 != "\n" })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "ingest-worker")
        #expect(object["message"] as? String == "batch \"committed\"\nsecond line")
        #expect(object["worker"] as? String == "w-1")
        #expect(object["articles"] as? String == "42")
        #expect(object["partitions"] as? [String] == ["raw[0]", "raw[1]"])
        #expect(object["offsets"] as? [String: String] == ["raw[0]": "17"])
        #expect(object["meta.message"] as? String == "a colliding key")
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
        #expect(object["line"] is Int)
    }

    @Test func levelAndFormatComeFromTheEnvironment() {
        let (level, format) = LogBootstrap.settings(
            defaultLevel: .info,
            environment: ["LOG_LEVEL": "DEBUG", "LOG_FORMAT": "json"]
        )
        #expect(level == .debug)
        #expect(format == .json)
        let (fallbackLevel, fallbackFormat) = LogBootstrap.settings(
            defaultLevel: .warning,
            environment: ["LOG_LEVEL": "loud", "LOG_FORMAT": "xml"]
        )
        #expect(fallbackLevel == .warning)
        #expect(fallbackFormat == .text)
        #expect(LogBootstrap.settings(defaultLevel: .info, environment: ["LOG_LEVEL": "warn"]).0 == .warning)
    }
}
