import Foundation
import IngestStore
import Postgres

// Linking, the second phase of dedup and claim matching.
extension ConsumeLoop {
    /// Runs after a batch is visible to other workers, so two near-duplicates stored at the same moment are always
    /// compared by at least one of them. Work left pending by a crash is picked up by the next call, from any worker.
    func linkPending() throws {
        lastLinked = ContinuousClock.now
        let started = ContinuousClock.now
        defer { telemetry.linked(ContinuousClock.now - started) }
        for queue in LinkQueue.allCases { try link(queue) }
    }

    /// Links `queue` in steps of `queue.stepSize` rows. When a step fails for a reason retrying cannot fix, the
    /// rows are taken one at a time until the one that fails alone is found; it is quarantined with its error and
    /// linking goes on, so one bad row never stops linking for good. Transient failures are retried under
    /// `RetryPolicy.linking`, then left pending for the next call (from any worker).
    private func link(_ queue: LinkQueue) throws {
        var limit = queue.stepSize
        // Bounded by the stop signal, so a backlog never delays a graceful shutdown.
        while !stop.isRequested {
            do {
                let linked = try retrying(.linking, "linking", metric: "linking") {
                    try store.linkPending(queue, limit: limit)
                }
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
                } catch {
                    logger.error("cannot quarantine a failing row; will retry later", metadata: ["error": "\(error)"])
                    return
                }
            }
        }
    }

    /// Errors a linking step can owe to its rows: their data (22xxx, 23xxx, 54000) or a check raised by a function
    /// or trigger (P0001).
    static func isRowFault(_ error: PostgresError) -> Bool {
        error.isDataError || error.sqlState == "P0001"
    }
}
