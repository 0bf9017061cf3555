import CRdKafka
import KafkaModel
import Logging
import Synchronization

/// The Swift side of the rebalance callback. It runs on the polling thread only.
///
/// `@unchecked Sendable`: reached from C through an opaque pointer; its only mutable state is behind a `Mutex`.
final class RebalanceContext: ClientContext, @unchecked Sendable {
    private let handler: KafkaRebalanceHandler
    private let failure = Mutex<(any Error)?>(nil)

    init(handler: KafkaRebalanceHandler, logger: Logger) {
        self.handler = handler
        super.init(logger: logger)
    }

    func takeFailure() -> (any Error)? {
        failure.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }

    func rebalance(
        handle: OpaquePointer,
        error: rd_kafka_resp_err_t,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {
        let entries = TopicPartitionList.entries(of: partitions)
        let topicPartitions = entries.map(\.0)
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            do {
                let offsets = try handler.partitionsAssigned(topicPartitions)
                for index in 0..<Int(partitions.pointee.cnt) {
                    let offset = offsets[topicPartitions[index]] ?? nil
                    partitions.pointee.elems[index].offset = offset ?? Int64(RD_KAFKA_OFFSET_BEGINNING)
                }
                let result = rd_kafka_assign(handle, partitions)
                logger.info(
                    "partitions assigned",
                    metadata: [
                        "partitions": "\(topicPartitions.map(\.description).joined(separator: ","))",
                        "result": "\(String(cString: rd_kafka_err2name(result)))",
                    ]
                )
            } catch {
                logger.error(
                    "could not read start offsets; leaving partitions unassigned",
                    metadata: ["error": "\(error)"]
                )
                rd_kafka_assign(handle, nil)
                failure.withLock { $0 = error }
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            handler.partitionsRevoked(topicPartitions)
            rd_kafka_assign(handle, nil)
            logger.info("partitions revoked", metadata: ["count": "\(topicPartitions.count)"])
        default:
            logger.warning("rebalance error", metadata: ["error": "\(KafkaError(code: error))"])
            rd_kafka_assign(handle, nil)
        }
    }
}
