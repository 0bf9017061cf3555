import CRdKafka
import Logging

/// librdkafka's in-memory mock cluster: the real Kafka protocol over TCP on 127.0.0.1, with consumer groups,
/// idempotent producers and fault injection. For development and tests; production uses Apache Kafka.
///
/// `@unchecked Sendable`: the mock cluster runs on its own librdkafka threads and its control functions are
/// thread-safe; this class only holds the handles.
public final class KafkaMockCluster: @unchecked Sendable {
    private let hostHandle: OpaquePointer
    private let cluster: OpaquePointer
    public let brokerCount: Int

    /// Kafka API keys for request-error injection.
    public enum API: Int16, Sendable, CaseIterable {
        case produce = 0
        case fetch = 1
        case listOffsets = 2
        case metadata = 3
        case offsetCommit = 8
        case offsetFetch = 9
        case findCoordinator = 10
        case joinGroup = 11
        case heartbeat = 12
        case syncGroup = 14
        case initProducerId = 22

        public init?(name: String) {
            let names: [String: API] = [
                "produce": .produce, "fetch": .fetch, "list-offsets": .listOffsets, "metadata": .metadata,
                "commit": .offsetCommit, "offset-commit": .offsetCommit, "offset-fetch": .offsetFetch,
                "find-coordinator": .findCoordinator, "join-group": .joinGroup, "heartbeat": .heartbeat,
                "sync-group": .syncGroup, "init-producer-id": .initProducerId,
            ]
            guard let api = names[name] else { return nil }
            self = api
        }
    }

    public init(brokers: Int) throws(KafkaError) {
        guard brokers > 0 else { throw .local("a mock cluster needs at least one broker") }
        guard let conf = rd_kafka_conf_new() else { throw .local("rd_kafka_conf_new failed") }
        var errorText = [CChar](repeating: 0, count: 512)
        // The host handle only owns the mock cluster's threads; it never connects anywhere.
        rd_kafka_conf_set(conf, "log_level", "3", &errorText, errorText.count)
        guard let host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            throw .local("cannot create the mock cluster's host handle: \(cString(errorText))")
        }
        guard let cluster = newsingest_mock_cluster_new(host, Int32(brokers)) else {
            rd_kafka_destroy(host)
            throw .local("rd_kafka_mock_cluster_new failed")
        }
        self.hostHandle = host
        self.cluster = cluster
        self.brokerCount = brokers
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(hostHandle)
    }

    /// `127.0.0.1:PORT,...`: give this to clients in other processes as `bootstrap.servers`.
    public var bootstrapServers: String {
        String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    /// The mock has no CreateTopics API; topics are made here.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        let error = rd_kafka_mock_topic_create(
            cluster,
            name,
            Int32(partitions),
            Int32(min(replicationFactor, brokerCount))
        )
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
    }

    public func setBroker(_ id: Int32, up: Bool) throws(KafkaError) {
        let error = up ? rd_kafka_mock_broker_set_up(cluster, id) : rd_kafka_mock_broker_set_down(cluster, id)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
    }

    /// The next `count` requests of `api` fail with `errorName` (`NOT_LEADER_FOR_PARTITION`, `REQUEST_TIMED_OUT`...).
    public func pushRequestErrors(_ api: API, count: Int, errorName: String) throws(KafkaError) {
        guard let error = Self.errorCode(named: errorName) else {
            throw .local("unknown Kafka error name \(errorName)")
        }
        newsingest_mock_push_request_error(cluster, api.rawValue, count, error)
    }

    public func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        let error = rd_kafka_mock_partition_set_leader(cluster, topic, partition, broker)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: error) }
    }

    public func clearRequestErrors(_ api: API) {
        rd_kafka_mock_clear_request_errors(cluster, api.rawValue)
    }

    /// Looks an error up by its librdkafka name, with or without the `RD_KAFKA_RESP_ERR_` prefix.
    static func errorCode(named name: String) -> rd_kafka_resp_err_t? {
        let wanted = name.hasPrefix("RD_KAFKA_RESP_ERR_") ? String(name.dropFirst(18)) : name
        var descriptions: UnsafePointer<rd_kafka_err_desc>?
        var count = 0
        rd_kafka_get_err_descs(&descriptions, &count)
        guard let descriptions else { return nil }
        for index in 0..<count {
            if let entryName = descriptions[index].name, String(cString: entryName) == wanted {
                return descriptions[index].code
            }
        }
        return nil
    }
}
