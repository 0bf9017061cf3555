import CRdKafka
import Synchronization

/// Delivery reports by message id. The id travels through librdkafka as the message's opaque pointer value, so
/// no Swift object's lifetime depends on the C side.
final class DeliveryTracker: ClientContext, @unchecked Sendable {
    private let state = Mutex<(next: UInt, reports: [UInt: KafkaDeliveryReport], abandoned: Set<UInt>)>((1, [:], []))

    func nextID() -> UInt {
        state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
    }

    func record(_ message: UnsafePointer<rd_kafka_message_t>) {
        let raw = message.pointee
        let id = UInt(bitPattern: raw._private)
        let report = KafkaDeliveryReport(
            topic: raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: raw.partition,
            offset: raw.offset,
            error: raw.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(code: raw.err)
        )
        let late = state.withLock { state in
            if state.abandoned.remove(id) != nil { return true }
            state.reports[id] = report
            return false
        }
        // A send given up on may still have been delivered: say so, since a retry of it can publish it twice.
        if late { logger.warning("delivery report after the send timed out", metadata: ["report": "\(report)"]) }
    }

    /// Ids whose sender stopped waiting: their reports, when they come, are dropped.
    func abandon(_ ids: Set<UInt>) {
        guard !ids.isEmpty else { return }
        state.withLock { state in
            // A report that arrived meanwhile stays, for the sender to take.
            for id in ids where state.reports[id] == nil { state.abandoned.insert(id) }
        }
    }

    /// Reports and abandoned ids held, for tests: zero once every send has returned and every report arrived.
    var retained: Int { state.withLock { $0.reports.count + $0.abandoned.count } }

    func completed(among ids: Set<UInt>) -> [UInt] {
        state.withLock { state in ids.filter { state.reports[$0] != nil } }
    }

    func take(_ id: UInt) -> KafkaDeliveryReport? {
        state.withLock { $0.reports.removeValue(forKey: id) }
    }
}
