import Dispatch
import IngestCore
import Kafka
import Synchronization

/// The pure pipeline over one batch, run in the background on `threads` threads (Dispatch's, never the cooperative
/// pool) so the loop's thread can commit the previous batch meanwhile. Results keep the batch order.
final class PipelineRun: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let results = Mutex<[Result<ProcessedArticle, IngestError>]>([])
    /// When the first processing thread began and when the last one ended: compared with the previous batch's
    /// commit.
    private let span = Mutex<(began: ContinuousClock.Instant?, ended: ContinuousClock.Instant?)>((nil, nil))

    init(_ messages: [KafkaMessage], pipeline: Pipeline, threads: Int, telemetry: WorkerTelemetry) {
        DispatchQueue.global().async { [self] in
            let collected = Self.process(messages, pipeline: pipeline, threads: threads, telemetry: telemetry) {
                span.withLock { if $0.began == nil { $0.began = .now } }
            }
            span.withLock { $0.ended = .now }
            results.withLock { $0 = collected }
            done.signal()
        }
    }

    /// True when processing was under way at some moment between `start` and `end`.
    func overlaps(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Bool {
        span.withLock { span in
            guard let began = span.began, began < end else { return false }
            return span.ended.map { $0 > start } ?? true
        }
    }

    /// Waits for the results.
    func wait() -> [Result<ProcessedArticle, IngestError>] {
        done.wait()
        done.signal()  // so a later call does not wait again
        return results.withLock { $0 }
    }

    private static func process(
        _ messages: [KafkaMessage],
        pipeline: Pipeline,
        threads: Int,
        telemetry: WorkerTelemetry,
        starting: @Sendable () -> Void
    ) -> [Result<ProcessedArticle, IngestError>] {
        let results = UnsafeMutableBufferPointer<Result<ProcessedArticle, IngestError>>.allocate(
            capacity: messages.count
        )
        defer { results.deallocate() }
        let workers = min(threads, messages.count)
        // Each worker writes only its own indices, so no two threads touch the same slot.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            starting()
            var index = worker
            while index < messages.count {
                var durations = StageDurations()
                let outcome = Result { () throws(IngestError) -> ProcessedArticle in
                    try pipeline.process(messageValue: messages[index].value, durations: &durations)
                }
                telemetry.processed(durations)
                (slots.baseAddress! + index).initialize(to: outcome)
                index += workers
            }
        }
        let collected = Array(results)
        _ = results.deinitialize()
        return collected
    }
}
