import CRdKafka
import KafkaModel

/// A consumed message, copied out of librdkafka's memory so it can cross threads.
public struct KafkaMessage: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader] = []
    /// Milliseconds since the epoch, when the broker or producer set one.
    public var timestamp: Int64?

    public var topicPartition: TopicPartition { TopicPartition(topic: topic, partition: partition) }

    public func header(_ key: String) -> [UInt8]? {
        headers.last { $0.key == key }?.value
    }
}

extension KafkaMessage {
    /// Copies a message librdkafka owns. In an extension, so the type keeps its memberwise initializer.
    init(copying message: UnsafePointer<rd_kafka_message_t>) {
        let raw = message.pointee
        topic = raw.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        partition = raw.partition
        offset = raw.offset
        key = raw.key.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.key_len)) }
        value = raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: raw.len)) } ?? []
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let stamp = rd_kafka_message_timestamp(message, &timestampType)
        timestamp = timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : stamp
        var nativeHeaders: OpaquePointer?
        if rd_kafka_message_headers(message, &nativeHeaders) == RD_KAFKA_RESP_ERR_NO_ERROR, let nativeHeaders {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(nativeHeaders, index, &name, &valuePointer, &size)
                == RD_KAFKA_RESP_ERR_NO_ERROR
            {
                let bytes = valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: bytes))
                index += 1
            }
        }
    }
}

/// The text librdkafka wrote into an error buffer.
func cString(_ buffer: [CChar]) -> String {
    buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}
