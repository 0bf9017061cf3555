import Foundation
import IngestStore
import Logging
import Postgres
import Synchronization

/// Links what the worker's commits stored (story linking, then claim linking), the second phase of dedup and claim
/// matching, on a thread and a PostgreSQL connection of its own, so the linking of batch N overlaps the commit of
/// batch N+1. It runs after a batch is visible to other workers, so two near-duplicates stored at the same moment
/// are always compared by at least one of them; work left queued (a crash, a stop, a failed step) is taken by the
/// next pass of any worker. Linkers and batch writes of all workers already run side by side: both lock claim rows
/// in id order and story rows through `dedup_merge_stories` in order (Deploy/SCALING.md).
///
/// A pass links every queue until it runs dry. One starts after each commit, and after `idleInterval` without one
/// (leftovers of a crash). The commit path waits before a commit while the linker is more than one pass behind
/// (`awaitLinking`), so at most the batch being linked and the batch being committed are unlinked: produce →
/// visible latency stays bounded, and a linker slower than the commits slows them instead of falling behind for
/// good.
final class Linker: @unchecked Sendable {
    // @unchecked: `store` is used only on the linker's thread once `start` returns; the rest is Sendable.
    private let store: ResultStore
    private let logger: Logger
    private let telemetry: WorkerTelemetry
    private let idleInterval: Duration
    /// Requested by `finish`, or by the worker's own stop: ends a pass between steps, leaving the rest queued.
    private let stop = StopSignal()
    private let workerStop: StopSignal
    private let wake = DispatchSemaphore(value: 0)
    private let progress = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    private struct State {
        /// Commits announced by `committed`.
        var commits = 0
        /// Commits linked: those announced before the last finished pass began.
        var linked = 0
        /// When each commit not yet linked was polled, for the batch duration (poll → linked).
        var unlinkedPolls: [ContinuousClock.Instant] = []
        var failure: (any Error)?
        var running = true
        var transientRetries = 0
        /// Linking steps finished (a step linked or quarantined rows, or found its queue empty): a commit waiting on
        /// a linker whose steps finish waits on work, not on a hang.
        var steps = 0
        /// Cancels the step running on the linker's connection (taken at each pass: a reconnect changes the session).
        var canceller: PostgresCanceller?
    }
    private let state = Mutex(State())

    init(store: ResultStore, stop: StopSignal, logger: Logger, telemetry: WorkerTelemetry, idleInterval: Duration) {
        self.store = store
        workerStop = stop
        self.logger = logger
        self.telemetry = telemetry
        self.idleInterval = idleInterval
    }

    /// Starts the linker's thread; its first pass links what earlier runs left queued.
    func start() {
        let thread = Thread { [self] in
            run()
            state.withLock { $0.running = false }
            progress.signal()
            exited.signal()
        }
        thread.name = "ingest-linker"
        thread.start()
    }

    /// After a commit of a batch polled at `polledAt`: wakes the linker for a pass over what it stored.
    func committed(polledAt: ContinuousClock.Instant) {
        state.withLock {
            $0.commits += 1
            $0.unlinkedPolls.append(polledAt)
        }
        wake.signal()
    }

    /// Before a commit: waits while a committed batch is still unlinked by any finished pass, beyond the one being
    /// linked now. Does not wait once the worker is stopping (its last commit must not wait for linking), nor on a
    /// linker that has ended. Throws the failure that ended it (`checkFailure`). A wait shows as
    /// `ingest_commits_waiting_on_linker` while it lasts, then in `ingest_linker_wait_seconds`, and is logged at debug
    /// level with the count of committed batches not yet linked (debug: at the linker's pace, every commit waits).
    /// Each linking step that finishes during the wait is a sign of life of the loop (a pass over a large backlog
    /// may outlast the liveness window); a step that hangs is not, so `/healthz` still fails on a hung linker.
    func awaitLinking() throws {
        var waitStarted: ContinuousClock.Instant?
        var stepsSeen = state.withLock { $0.steps }
        defer {
            if let waitStarted {
                let waited = ContinuousClock.now - waitStarted
                telemetry.linkerWaitEnded(waited)
                logger.debug("commit goes on after waiting for the linker", metadata: ["waited": "\(waited)"])
            }
        }
        while true {
            let (behind, running, steps) = state.withLock { ($0.commits - $0.linked, $0.running, $0.steps) }
            try checkFailure()
            if behind <= 1 || !running || workerStop.isRequested { return }
            if steps != stepsSeen {
                stepsSeen = steps
                telemetry.linkerStepFinishedDuringWait()
            }
            if waitStarted == nil {
                waitStarted = .now
                telemetry.linkerWaitStarted()
                logger.debug("commit waits for the linker", metadata: ["unlinked": "\(behind)"])
            }
            _ = progress.wait(timeout: .now() + 0.25)
        }
    }

    /// Throws the failure of the system that ended the linker (`WorkerError.systemFailure`), which must stop the
    /// worker as it would have on the worker's own thread.
    func checkFailure() throws {
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// Ends the linker, cancelling its running step (rolled back: its rows stay queued for the next pass, here or
    /// elsewhere; a step blocked on a lock would otherwise hold the stop for up to the lock timeout), waits for its
    /// thread, and returns the transient failures it retried.
    func finish() -> Int {
        stop.request()
        wake.signal()
        // Repeated while it runs: a step that began just as the stop came would miss one request (an idle session
        // ignores it).
        repeat {
            state.withLock { $0.canceller }?.cancelRunningStatement()
        } while exited.wait(timeout: .now() + 0.5) == .timedOut
        exited.signal()  // a second call returns at once
        return state.withLock { $0.transientRetries }
    }

    private var hasWork: Bool { state.withLock { $0.commits > $0.linked } }

    private func run() {
        defer { store.connection.close() }
        var due = true  // the first pass takes what earlier runs left queued
        while !stop.isRequested {
            if !due {
                due = wake.wait(timeout: .now() + idleInterval.seconds) == .timedOut || hasWork
                continue
            }
            due = false
            let (through, polls) = state.withLock { state in
                defer { state.unlinkedPolls.removeAll() }
                return (state.commits, state.unlinkedPolls)
            }
            do {
                try pass()
            } catch {
                state.withLock { $0.failure = error }
                logger.error("linking stopped the worker", metadata: ["error": "\(error)"])
                return
            }
            let finished = ContinuousClock.now
            for polled in polls { telemetry.batchFinished(finished - polled) }
            state.withLock { $0.linked = through }
            progress.signal()
        }
    }

    /// Links every queue in turn.
    private func pass() throws {
        let canceller = store.connection.canceller()
        state.withLock { $0.canceller = canceller }
        let started = ContinuousClock.now
        defer { telemetry.linked(ContinuousClock.now - started) }
        for queue in LinkQueue.allCases { try link(queue) }
    }

    /// Links `queue` in steps of `queue.stepSize` rows. When a step fails for a reason retrying cannot fix, the
    /// rows are taken one at a time until the one that fails alone is found; it is quarantined with its error and
    /// linking goes on, so one bad row never stops linking for good. Transient failures are retried under
    /// `RetryPolicy.linking`, then left pending for the next pass (from any worker).
    private func link(_ queue: LinkQueue) throws {
        var limit = queue.stepSize
        // Bounded by the stop signals, so a backlog never delays a graceful shutdown.
        while !stop.isRequested && !workerStop.isRequested {
            do {
                let onRetry = {
                    self.state.withLock { $0.transientRetries += 1 }
                    self.telemetry.retried("linking", loopAlive: false)
                }
                let linked = try RetryPolicy.linking.run(
                    "linking",
                    on: store.connection,
                    stop: stop,
                    logger: logger,
                    onRetry: onRetry
                ) {
                    // A retry once stopping would only hold up the shutdown: the rows stay queued either way.
                    if stop.isRequested { throw WorkerError.stoppedDuringRetry }
                    do {
                        return try store.linkPending(queue, limit: limit)
                    } catch let error as PostgresError where error.sqlState == "57014" && stop.isRequested {
                        throw WorkerError.stoppedDuringRetry  // cancelled by `finish`: not a failure to retry
                    }
                }
                stepFinished()
                if linked < limit && limit > 1 { return }
                if linked == 0 { return }
            } catch WorkerError.stoppedDuringRetry {
                return  // left queued for the next owner
            } catch let error as PostgresError where error.isTransient {
                logger.error("linking failed; will retry later", metadata: ["queue": "\(queue)", "error": "\(error)"])
                return
            } catch let error as PostgresError where error.code == .server && !Self.isRowFault(error) {
                // Schema, permissions, a broken server: quarantining rows would only hide it.
                throw WorkerError.systemFailure("\(error)")
            } catch  where limit > 1 {
                logger.warning(
                    "linking step failed; isolating the row",
                    metadata: ["queue": "\(queue)", "error": "\(error)"]
                )
                limit = 1
            } catch {
                do {
                    let id = try store.quarantineNextPending(queue, error: "\(error)")
                    logger.error(
                        "linking fails on one row; quarantined it",
                        metadata: ["queue": "\(queue)", "id": "\(id.map(String.init) ?? "-")", "error": "\(error)"]
                    )
                    limit = queue.stepSize
                    stepFinished()
                } catch {
                    logger.error("cannot quarantine a failing row; will retry later", metadata: ["error": "\(error)"])
                    return
                }
            }
        }
    }

    private func stepFinished() { state.withLock { $0.steps += 1 } }

    /// Errors a linking step can owe to its rows: their data (22xxx, 23xxx, 54000) or a check raised by a function
    /// or trigger (P0001).
    static func isRowFault(_ error: PostgresError) -> Bool {
        error.isDataError || error.sqlState == "P0001"
    }
}
