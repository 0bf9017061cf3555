import Foundation
import IngestStore
import Kafka
import KafkaModel
import Observability
import Testing

@testable import Worker

@Suite struct HealthProbeTests {
    @Test func livenessFailsOnlyWhenTheLoopStopsShowingLife() {
        let telemetry = WorkerTelemetry(livenessWindow: .seconds(120))
        let now = ContinuousClock.now
        #expect(telemetry.liveness(now: now).passed)
        telemetry.polled(0)
        #expect(telemetry.liveness(now: .now + .seconds(119)).passed)
        let stuck = telemetry.liveness(now: .now + .seconds(125))
        #expect(!stuck.passed)
        #expect(stuck.response.status == 503)
        #expect(String(decoding: stuck.response.body, as: UTF8.self).contains("FAIL consume loop: no progress"))
        // A retrying loop is alive.
        telemetry.retried("commit")
        #expect(telemetry.liveness(now: .now + .seconds(1)).passed)
        telemetry.loopEnded("failed")
        #expect(!telemetry.liveness().passed)
    }

    @Test func readinessNeedsAnAssignmentAndAFreshDatabaseCheck() {
        let telemetry = WorkerTelemetry()
        telemetry.polled(0)
        #expect(!telemetry.readiness().passed)
        telemetry.assigned([TopicPartition(topic: "raw", partition: 0)])
        #expect(!telemetry.readiness().passed, "the database has not been checked yet")
        telemetry.checkedDatabase(
            ProbeReport.Check(name: "database", passed: true, detail: "reachable"),
            schema: ProbeReport.Check(name: "schema", passed: true, detail: "4 migrations applied")
        )
        let ready = telemetry.readiness()
        #expect(ready.passed)
        #expect(ready.response.status == 200)
        #expect(ready.checks.map(\.name) == ["consume loop", "consumer group", "database", "schema"])
        // A check that has not answered for too long does not leave "reachable" standing.
        #expect(!telemetry.readiness(now: .now + .seconds(31)).checks[2].passed)
        // Revoking every partition keeps the worker a member of the group: still ready.
        telemetry.revoked([TopicPartition(topic: "raw", partition: 0)])
        #expect(telemetry.readiness().passed)
    }

    @Test func schemaCheckNamesMissingAndEditedMigrations() {
        let expected = [
            Migration(version: 1, name: "0001_core", sql: "a"), Migration(version: 2, name: "0002_more", sql: "b"),
        ]
        let current = Dictionary(uniqueKeysWithValues: expected.map { ($0.version, ($0.name, $0.checksum)) })
        #expect(SchemaVersion.problems(expected: expected, applied: current).isEmpty)
        var edited = current
        edited[2] = ("0002_more", "other")
        edited[1] = nil
        #expect(
            SchemaVersion.problems(expected: expected, applied: edited) == [
                "0001_core not applied (run `ingestctl migrate`)", "0002_more differs from the applied one",
            ]
        )
    }

    /// Readiness and the worker's start apply one rule: a database newer than the build is refused by both.
    @Test func aNewerSchemaIsNotReadyAsItIsNotStarted() {
        var applied: [Int: (name: String, checksum: String)] = [:]
        for version in 1...SchemaVersion.required + 1 { applied[version] = ("\(version)", "x") }
        let problems = SchemaVersion.problems(expected: [], applied: applied)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("newer than this build") == true)
    }
}
