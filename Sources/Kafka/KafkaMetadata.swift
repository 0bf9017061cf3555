import CRdKafka
import KafkaModel

/// Cluster metadata read through a client's handle. Holds its owner so the handle outlives every call.
public struct KafkaMetadata: @unchecked Sendable {
    // @unchecked: `handle` is a thread-safe librdkafka client kept alive by `owner`.
    let handle: OpaquePointer
    let owner: AnyObject

    public struct Group: Sendable {
        public var name: String
        public var state: String
        public var members: Int
    }

    /// Partition ids of `topic`, or an error if the topic does not exist.
    public func partitions(of topic: String, timeout: Duration = .seconds(10)) throws(KafkaError) -> [Int32] {
        guard let topicHandle = rd_kafka_topic_new(handle, topic, nil) else {
            throw .local("cannot create a topic handle")
        }
        defer { rd_kafka_topic_destroy(topicHandle) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle, 0, topicHandle, &metadata, milliseconds(timeout))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(code: error) }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0 else { throw KafkaError(code: RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) }
        let topicMetadata = metadata.pointee.topics[0]
        if topicMetadata.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(code: topicMetadata.err) }
        return (0..<Int(topicMetadata.partition_cnt)).map { topicMetadata.partitions[$0].id }.sorted()
    }

    /// Every topic this client may see. Unlike asking for one topic by name, listing never makes a broker
    /// auto-create a topic, and a topic this client is not authorised to describe is absent.
    public func topicNames(timeout: Duration = .seconds(10)) throws(KafkaError) -> Set<String> {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle, 1, nil, &metadata, milliseconds(timeout))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(code: error) }
        defer { rd_kafka_metadata_destroy(metadata) }
        return Set((0..<Int(metadata.pointee.topic_cnt)).map { String(cString: metadata.pointee.topics[$0].topic) })
    }

    /// The first offset still in the log and the offset the next message will get.
    public func watermarks(
        topic: String,
        partition: Int32,
        timeout: Duration = .seconds(10)
    ) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = 0
        var high: Int64 = 0
        let error = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, milliseconds(timeout))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
        return (low, high)
    }

    /// The watermarks librdkafka last saw in fetch responses, without asking the broker (nil until known): cheap
    /// enough to read for every partition every few seconds, for lag gauges.
    public func cachedWatermarks(topic: String, partition: Int32) -> (low: Int64, high: Int64)? {
        var low: Int64 = 0
        var high: Int64 = 0
        let error = rd_kafka_get_watermark_offsets(handle, topic, partition, &low, &high)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return (max(low, 0), high)
    }

    /// The earliest offset whose timestamp is at or after `milliseconds`, per partition (Kafka's ListOffsets by
    /// time). librdkafka's mock cluster does not implement it and answers with an error.
    public func offsets(
        forTimestamp milliseconds: Int64,
        topic: String,
        partitions: [Int32],
        timeout: Duration = .seconds(10)
    ) throws(KafkaError) -> [Int32: Int64] {
        let list = TopicPartitionList(
            Dictionary(
                uniqueKeysWithValues: partitions.map {
                    (TopicPartition(topic: topic, partition: $0), milliseconds)
                }
            )
        )
        return try list.withPointer { pointer throws(KafkaError) in
            let error = rd_kafka_offsets_for_times(handle, pointer, self.milliseconds(timeout))
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
            var result: [Int32: Int64] = [:]
            for (topicPartition, offset, partitionError) in TopicPartitionList.entries(of: pointer) {
                guard partitionError == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: partitionError) }
                result[topicPartition.partition] = offset
            }
            return result
        }
    }

    /// Consumer groups the brokers know, with their member counts.
    public func groups(named name: String? = nil, timeout: Duration = .seconds(10)) throws(KafkaError) -> [Group] {
        var list: UnsafePointer<rd_kafka_group_list>?
        let error = rd_kafka_list_groups(handle, name, &list, milliseconds(timeout))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(code: error) }
        defer { rd_kafka_group_list_destroy(list) }
        return (0..<Int(list.pointee.group_cnt)).map { index in
            let group = list.pointee.groups[index]
            return Group(
                name: String(cString: group.group),
                state: group.state.map { String(cString: $0) } ?? "",
                members: Int(group.member_cnt)
            )
        }
    }

    func milliseconds(_ duration: Duration) -> Int32 { Self.milliseconds(duration) }
}
