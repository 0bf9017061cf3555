import Foundation
import IngestCore
import Kafka
import KafkaModel
import Metrics
import Observability
import Synchronization

/// What the consume loop reports as it works: Prometheus metrics through swift-metrics (no-ops until a backend is
/// bootstrapped), and the state behind `/healthz` and `/readyz`. Called from the loop's thread and the processing
/// threads; read by the HTTP server's threads.
public final class WorkerTelemetry: Sendable {
    /// How long the loop may go without a sign of life (a poll returned, a retry attempted, a batch committed, a
    /// linking step finished while a commit waits for it) before `/healthz` fails. A batch or a retry backoff takes
    /// seconds; only a hung call takes this long.
    public let livenessWindow: Duration

    private struct State {
        var started = ContinuousClock.now
        var lastBeat: ContinuousClock.Instant?
        var assignments = 0
        var partitions: Set<TopicPartition> = []
        var lagGauges: [TopicPartition: Gauge] = [:]
        var checkedAt: ContinuousClock.Instant?
        var database = ProbeReport.Check(name: "database", passed: false, detail: "not checked yet")
        var schema = ProbeReport.Check(name: "schema", passed: false, detail: "not checked yet")
        var stopped: String?
    }

    private let state = Mutex(State())

    /// Where the metrics are recorded: the bootstrapped backend by default, or a registry of its own (tests).
    private let factory: any MetricsFactory
    private let messagesConsumed: Counter
    private let articlesStored: Counter
    private let sightings: Counter
    private let batchesCommitted: Counter
    private let batchesFenced: Counter
    private let batchesOverlapped: Counter
    private let assignedRebalances: Counter
    private let revokedRebalances: Counter
    private let assignedPartitions: Gauge
    private let batchDuration: Metrics.Timer
    private let parseDuration: Metrics.Timer
    private let fingerprintDuration: Metrics.Timer
    private let claimsDuration: Metrics.Timer
    private let transactionDuration: Metrics.Timer
    private let linkingDuration: Metrics.Timer
    private let storiesBacklog: Gauge
    private let claimsBacklog: Gauge
    private let commitsWaitingOnLinker: Gauge
    private let linkerWait: Metrics.Timer

    static let staleCheck = Duration.seconds(30)

    public init(livenessWindow: Duration = .seconds(120), metrics factory: any MetricsFactory = MetricsSystem.factory) {
        self.livenessWindow = livenessWindow
        self.factory = factory
        messagesConsumed = Counter(label: "ingest_messages_consumed_total", factory: factory)
        articlesStored = Counter(label: "ingest_articles_stored_total", factory: factory)
        sightings = Counter(label: "ingest_sightings_total", factory: factory)
        batchesCommitted = Counter(
            label: "ingest_batches_total",
            dimensions: [("outcome", "committed")],
            factory: factory
        )
        batchesFenced = Counter(label: "ingest_batches_total", dimensions: [("outcome", "fenced")], factory: factory)
        batchesOverlapped = Counter(label: "ingest_batches_overlapped_total", factory: factory)
        assignedRebalances = Counter(
            label: "ingest_rebalances_total",
            dimensions: [("kind", "assigned")],
            factory: factory
        )
        revokedRebalances = Counter(
            label: "ingest_rebalances_total",
            dimensions: [("kind", "revoked")],
            factory: factory
        )
        assignedPartitions = Gauge(label: "ingest_assigned_partitions", factory: factory)
        batchDuration = Metrics.Timer(label: "ingest_batch_duration_seconds", factory: factory)
        func stage(_ name: String) -> Metrics.Timer {
            Metrics.Timer(label: "ingest_stage_duration_seconds", dimensions: [("stage", name)], factory: factory)
        }
        parseDuration = stage("parse")
        fingerprintDuration = stage("fingerprint")
        claimsDuration = stage("claims")
        transactionDuration = stage("transaction")
        linkingDuration = stage("linking")
        storiesBacklog = Gauge(label: "ingest_linking_backlog", dimensions: [("queue", "stories")], factory: factory)
        claimsBacklog = Gauge(label: "ingest_linking_backlog", dimensions: [("queue", "claims")], factory: factory)
        commitsWaitingOnLinker = Gauge(label: "ingest_commits_waiting_on_linker", factory: factory)
        linkerWait = Metrics.Timer(label: "ingest_linker_wait_seconds", factory: factory)
    }

    // MARK: Recording (consume loop)

    func polled(_ count: Int) {
        beat()
        if count > 0 { messagesConsumed.increment(by: count) }
    }

    func processed(_ durations: StageDurations) {
        parseDuration.recordDuration(durations.parse)
        fingerprintDuration.recordDuration(durations.fingerprint)
        claimsDuration.recordDuration(durations.claims)
    }

    func committed(newArticles: Int, sightings count: Int, deadLetterClasses: [String], transaction: Duration) {
        beat()
        batchesCommitted.increment()
        articlesStored.increment(by: newArticles)
        sightings.increment(by: count)
        transactionDuration.recordDuration(transaction)
        for (errorClass, number) in Dictionary(grouping: deadLetterClasses, by: { $0 }).mapValues(\.count) {
            Counter(label: "ingest_dead_letters_total", dimensions: [("error_class", errorClass)], factory: factory)
                .increment(by: number)
        }
    }

    func fenced() { batchesFenced.increment() }

    /// The next batch's pipeline ran while this one committed.
    func overlapped() { batchesOverlapped.increment() }

    /// A linking pass ended. From the linker's thread, so it is no sign of life of the consume loop (a linker idling
    /// every few seconds would hide a hung loop from `/healthz`).
    func linked(_ duration: Duration) { linkingDuration.recordDuration(duration) }

    func batchFinished(_ duration: Duration) { batchDuration.recordDuration(duration) }

    /// A commit waits for the linker to catch up (`Linker.awaitLinking`). Waiting on a linker is no sign of life by
    /// itself: a hung linker must show in `/healthz` through the loop it holds up.
    func linkerWaitStarted() { commitsWaitingOnLinker.record(1) }

    /// A commit waiting for the linker saw it finish a linking step: the loop waits on work that moves, so it is alive
    /// (called from the loop's thread; a linker step alone is no sign of life, see `linked`).
    func linkerStepFinishedDuringWait() { beat() }

    /// The commit waited `duration` for the linker and goes on.
    func linkerWaitEnded(_ duration: Duration) {
        commitsWaitingOnLinker.record(0)
        linkerWait.recordDuration(duration)
    }

    /// A transient failure retried (`operation`: dead-letter, commit, linking, claim); a retrying loop is alive
    /// (`loopAlive`: false from the linker's thread).
    func retried(_ operation: String, loopAlive: Bool = true) {
        if loopAlive { beat() }
        Counter(label: "ingest_transient_retries_total", dimensions: [("operation", operation)], factory: factory)
            .increment()
    }

    /// Offsets skipped without processing (`cause`: retention, consumer-error), recorded in `consumer_gaps`.
    func gap(_ cause: String, offsets: Int64) {
        Counter(label: "ingest_consumer_gap_offsets_total", dimensions: [("cause", cause)], factory: factory)
            .increment(by: Int(offsets))
    }

    func assigned(_ partitions: [TopicPartition]) {
        beat()
        assignedRebalances.increment()
        let count = state.withLock { state in
            state.assignments += 1
            state.partitions.formUnion(partitions)
            return state.partitions.count
        }
        assignedPartitions.record(count)
    }

    func revoked(_ partitions: [TopicPartition]) {
        revokedRebalances.increment()
        let (count, gauges) = state.withLock { state in
            state.partitions.subtract(partitions)
            // A revoked partition's lag is reported by its new owner; a stale series here would be summed twice.
            let gauges = partitions.compactMap { state.lagGauges.removeValue(forKey: $0) }
            return (state.partitions.count, gauges)
        }
        for gauge in gauges { gauge.destroy() }
        assignedPartitions.record(count)
    }

    func lag(_ partition: TopicPartition, messages: Int64) {
        let gauge = state.withLock { state in
            if let gauge = state.lagGauges[partition] { return gauge }
            let gauge = Gauge(
                label: "ingest_consumer_lag",
                dimensions: [("topic", partition.topic), ("partition", String(partition.partition))],
                factory: factory
            )
            state.lagGauges[partition] = gauge
            return gauge
        }
        gauge.record(max(0, messages))
    }

    func loopEnded(_ reason: String) { state.withLock { $0.stopped = reason } }

    // MARK: Recording (health monitor)

    func checkedDatabase(_ database: ProbeReport.Check, schema: ProbeReport.Check) {
        state.withLock { state in
            state.checkedAt = ContinuousClock.now
            state.database = database
            state.schema = schema
        }
    }

    func linkingBacklog(stories: Int64, claims: Int64) {
        storiesBacklog.record(stories)
        claimsBacklog.record(claims)
    }

    // MARK: Probes

    private func beat() { state.withLock { $0.lastBeat = ContinuousClock.now } }

    /// `/healthz`: the consume loop is running and has shown a sign of life within the liveness window. A database
    /// outage does not fail it (restarting the worker would not help); `/readyz` reports that.
    public func liveness(now: ContinuousClock.Instant = .now) -> ProbeReport {
        ProbeReport(checks: [state.withLock { loopCheck($0, now: now) }])
    }

    /// `/readyz`: alive, a member of the consumer group (an assignment received), PostgreSQL reachable, and every
    /// migration this build ships applied unchanged.
    public func readiness(now: ContinuousClock.Instant = .now) -> ProbeReport {
        state.withLock { state in
            let group = ProbeReport.Check(
                name: "consumer group",
                passed: state.assignments > 0,
                detail: state.assignments > 0
                    ? "\(state.partitions.count) partitions assigned"
                    : "waiting for the first partition assignment"
            )
            var database = state.database
            // A check that hangs (a server that accepts but never answers) must not leave "reachable" standing.
            if let checkedAt = state.checkedAt, now - checkedAt > Self.staleCheck {
                database = ProbeReport.Check(
                    name: "database",
                    passed: false,
                    detail: "no answer to the health check for over \(Self.staleCheck)"
                )
            }
            return ProbeReport(checks: [loopCheck(state, now: now), group, database, state.schema])
        }
    }

    private func loopCheck(_ state: State, now: ContinuousClock.Instant) -> ProbeReport.Check {
        if let stopped = state.stopped {
            return ProbeReport.Check(name: "consume loop", passed: false, detail: "stopped: \(stopped)")
        }
        let since = now - (state.lastBeat ?? state.started)
        let seconds = String(
            format: "%.1f",
            Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18
        )
        guard since <= livenessWindow else {
            return ProbeReport.Check(
                name: "consume loop",
                passed: false,
                detail: "no progress for \(seconds) s (limit \(livenessWindow))"
            )
        }
        return ProbeReport.Check(
            name: "consume loop",
            passed: true,
            detail: state.lastBeat == nil ? "starting" : "last progress \(seconds) s ago"
        )
    }
}

extension Metrics.Timer {
    fileprivate func recordDuration(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
