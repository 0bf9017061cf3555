import Foundation
import IngestConfig
import IngestCore
import Testing
import Worker

/// Each default is defined once, in a `Setting`; the README's settings table and `--help` must say the same.
@Suite struct SettingsTableTests {
    struct Row: Equatable {
        var flag: String
        var environment: String
        var shownDefault: String
    }

    /// The README's `| --flag | ENV | default |` rows; cells lose their backticks, the flag its arguments.
    static func readmeRows() throws -> [Row] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| `--") }.map { line in
            let cells = line.split(separator: "|").map { $0.replacingOccurrences(of: "`", with: "") }
            func firstWord(_ cell: String) -> String {
                String(cell.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
            }
            return Row(
                flag: String(firstWord(cells[0]).dropFirst(2)),
                environment: firstWord(cells[1]),
                shownDefault: cells[2].trimmingCharacters(in: .whitespaces)
            )
        }
    }

    @Test func readmeTableListsEverySettingWithItsDefault() throws {
        let rows = try Self.readmeRows()
        #expect(rows.map(\.flag) == Setting.workerSettings.map(\.flag))
        for setting in Setting.workerSettings {
            let row = try #require(rows.first { $0.flag == setting.flag })
            #expect(row.environment == setting.environment)
            #expect(
                row.shownDefault.hasPrefix(setting.shownDefault),
                "README says \(row.shownDefault) for --\(setting.flag)"
            )
        }
    }

    /// Deploy/README.md's "Default in the binaries" column says the same where it names one.
    @Test func deployTableAgreesWithTheDefinedDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Deploy/README.md"), encoding: .utf8)
        let table = try #require(text.range(of: "| Default in the binaries |"))
        let rows = text[table.upperBound...].split(separator: "\n\n", maxSplits: 1)[0]
        var checked = 0
        for line in rows.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "`", with: "").trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == 5, let setting = Setting.workerSettings.first(where: { $0.environment == cells[1] }),
                !cells[3].isEmpty
            else { continue }
            #expect(cells[3] == setting.shownDefault, "Deploy/README.md says \(cells[3]) for \(cells[1])")
            checked += 1
        }
        #expect(checked >= 4)
    }

    @Test func workerHelpShowsTheDefinedDefaults() {
        let help = WorkerCommand.helpMessage(columns: 1000)
        for setting in Setting.workerSettings where setting.flag != Setting.kafkaConfig.flag {
            #expect(help.contains("--\(setting.flag)"))
            #expect(help.contains("env \(setting.environment), default \(setting.shownDefault)"), "--\(setting.flag)")
        }
        #expect(help.contains("default newsingest-workers"))
        #expect(help.contains("default 500"))
        #expect(help.contains("default 2 MiB"))
    }

    @Test func unsetSettingsResolveToTheDefinedDefaults() throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try WorkerCommand.parse([]).resolvedConfiguration()
        if environment[Setting.group.environment] == nil { #expect(configuration.group == "newsingest-workers") }
        if environment[Setting.batchSize.environment] == nil { #expect(configuration.batchSize == 500) }
        if environment[Setting.maxBodyBytes.environment] == nil {
            #expect(configuration.pipeline.options.maxBodyBytes == 2 * 1024 * 1024)
        }
        if environment[Setting.deadLetterTopic.environment] == nil {
            #expect(configuration.deadLetterTopic == "articles.dlq")
        }
        if environment[Setting.pipelineVersion.environment] == nil {
            #expect(configuration.pipeline.version == Pipeline.defaultVersion)
        }
    }
}
