import Blocking
import Foundation
import Postgres
import Testing

/// Declared character sets end to end: `ingest-producer` transcodes what declares (or is told) its charset, a real
/// worker stores it, and an undeclared Latin-1 file is dead-lettered with the byte at fault. `ingestctl analyze`
/// reports the same error in both formats, naming the file.
@Suite(.serialized) struct CharsetIngestTests {
    static let cafe: [UInt8] =
        Array("Caf".utf8) + [0xE9] + Array(" owners in S".utf8) + [0xE3] + Array("o Paulo said the ".utf8)
        + [0xAB] + Array("strike".utf8) + [0xBB] + Array(" would end soon.\n\nThe market reopened on Monday.\n".utf8)

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charset-\(UUID())/Desk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(cafe).write(to: folder.appendingPathComponent("latin1.txt"))
        let page =
            Array(#"<html><head><meta charset="windows-1252"><title>Port strike</title></head><body><p>"#.utf8)
            + Array("The mayor".utf8) + [0x92] + Array("s office said the ".utf8) + [0x80]
            + Array(
                "5 million fund was approved by the council on Monday evening after a long debate.</p></body></html>"
                    .utf8
            )
        try Data(page).write(to: folder.appendingPathComponent("page.html"))
        let line =
            Array(#"{"charset": "iso-8859-1", "url": "https://feed.test/1", "body": "Residents of S"#.utf8) + [0xE3]
            + Array(#"o Jo"#.utf8) + [0xE3]
            + Array(#"o welcomed the new bridge, which opens to traffic next week."}"#.utf8)
        try Data(line + [0x0A]).write(to: folder.appendingPathComponent("feed.jsonl"))
        return folder
    }

    @Test func declaredCharsetsAreStoredAndUndeclaredLatin1IsDeadLettered() async throws {
        try await Blocking.run {
            let database = try TestEnvironment.freshDatabase("charset")
            let connection = try TestEnvironment.connect(database)
            let broker = try DevBrokerProcess(topics: ["c.raw:2", "c.dlq:1"])
            defer { withExtendedLifetime(broker) {} }
            let brokers = broker.brokers
            let environment = [
                "KAFKA_BROKERS": brokers, "DATABASE_URL": database, "KAFKA_TOPIC": "c.raw", "KAFKA_DLQ_TOPIC": "c.dlq",
                "KAFKA_GROUP": "c", "LOG_LEVEL": "warning",
            ]
            let worker = try ChildProcess(try TestEnvironment.executable("ingest-worker"), [], environment: environment)
            defer { worker.kill(SIGKILL) }
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }

            let producer = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                [folder.path],
                environment: environment
            )
            #expect(producer.wait(timeout: .seconds(60)) == 0, "\(producer.output)")
            #expect(producer.output.contains("published 3/3 articles"))
            #expect(producer.output.contains("warning: 1 inputs are not UTF-8 and declare no charset"))
            #expect(producer.output.contains("latin1.txt: invalid UTF-8: byte 3 (0xE9) is not UTF-8"))
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(connection, "SELECT count(*) FROM article_sightings") == 2
                        && TestEnvironment.scalar(connection, "SELECT count(*) FROM ingest_errors") == 1
                }
            )
            let texts = try connection.query("SELECT text FROM articles ORDER BY text").rows.compactMap { $0["text"] }
            #expect(texts.contains { $0.contains("The mayor’s office said the €5 million fund") }, "\(texts)")
            #expect(texts.contains { $0.contains("Residents of São João welcomed") }, "\(texts)")
            let error = try #require(try connection.query("SELECT error_class, message FROM ingest_errors").rows.first)
            #expect(error["error_class"] == "invalid-utf8")
            #expect(error["message"]?.contains("(0xE9) is not UTF-8") == true, "\(error["message"] ?? "")")

            // Told the encoding, the same file is stored with its accents.
            let again = try ChildProcess(
                try TestEnvironment.executable("ingest-producer"),
                [folder.appendingPathComponent("latin1.txt").path, "--encoding", "latin1"],
                environment: environment
            )
            #expect(again.wait(timeout: .seconds(60)) == 0, "\(again.output)")
            #expect(
                try TestEnvironment.waitUntil(timeout: .seconds(60)) {
                    try TestEnvironment.scalar(
                        connection,
                        "SELECT count(*) FROM articles WHERE text LIKE 'Café owners in São Paulo said the «strike»%'"
                    ) == 1
                }
            )
            worker.kill(SIGTERM)
            #expect(worker.wait(timeout: .seconds(30)) == 0)
        }
    }

    @Test func analyzeNamesTheFileInBothFormats() async throws {
        try await Blocking.run {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let file = folder.appendingPathComponent("latin1.txt").path
            for format in ["json", "text"] {
                let analyze = try ChildProcess(
                    try TestEnvironment.executable("ingestctl"),
                    ["analyze", file, "--format", format]
                )
                #expect(analyze.wait(timeout: .seconds(30)) == 1)
                #expect(analyze.output.contains("invalid-utf8"), "\(format): \(analyze.output)")
                #expect(analyze.output.contains("\(file): byte 3 (0xE9) is not UTF-8"), "\(format): \(analyze.output)")
            }
            let json = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["analyze", file, "--format", "json", "--encoding", "latin1"]
            )
            #expect(json.wait(timeout: .seconds(30)) == 0, "\(json.output)")
            #expect(json.output.contains("Café owners in São Paulo"))
            // The page declares windows-1252: analysed without a flag.
            let page = try ChildProcess(
                try TestEnvironment.executable("ingestctl"),
                ["analyze", folder.appendingPathComponent("page.html").path, "--format", "text"]
            )
            #expect(page.wait(timeout: .seconds(30)) == 0, "\(page.output)")
            #expect(page.output.contains("The mayor’s office said the €5 million fund"))
        }
    }
}
