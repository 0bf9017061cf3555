import Postgres

/// Offsets a consumer skipped without processing, with their cause (table `consumer_gaps`).
public struct ConsumerGap: Sendable, Hashable {
    /// Messages deleted by broker retention before this group processed them.
    public static let retention = "retention"
    /// A message-level error event from the consumer.
    public static let consumerError = "consumer-error"

    public var topic: String
    public var partition: Int32
    /// Inclusive bounds; nil when librdkafka gave none.
    public var firstOffset: Int64?
    public var lastOffset: Int64?
    public var cause: String
    public var errorCode: Int32
    public var errorMessage: String
    public var worker: String

    public init(
        topic: String,
        partition: Int32,
        firstOffset: Int64?,
        lastOffset: Int64?,
        cause: String,
        errorCode: Int32,
        errorMessage: String,
        worker: String
    ) {
        self.topic = topic
        self.partition = partition
        self.firstOffset = firstOffset
        self.lastOffset = lastOffset
        self.cause = cause
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.worker = worker
    }

    /// `12-40`, `12` or `unknown`, as verify prints it.
    public var range: String {
        switch (firstOffset, lastOffset) {
        case (let first?, let last?) where first != last: "\(first)-\(last)"
        case (let first?, _): "\(first)"
        default: "unknown"
        }
    }
}

extension ResultStore {
    /// Records a gap; the same retention gap found again by a later claim is kept once.
    public func recordGap(_ gap: ConsumerGap, group: String) throws {
        try connection.query(
            """
            INSERT INTO consumer_gaps (consumer_group, topic, partition, first_offset, last_offset, cause, error_code,
                                       error_message, worker)
            VALUES (\(group), \(gap.topic), \(Int(gap.partition)), \(gap.firstOffset), \(gap.lastOffset), \(gap.cause),
                    \(Int(gap.errorCode)), \(gap.errorMessage), \(gap.worker))
            ON CONFLICT DO NOTHING
            """
        )
    }

    public func gaps(group: String, topic: String) throws -> [ConsumerGap] {
        try connection.query(
            """
            SELECT topic, partition, first_offset, last_offset, cause, error_code, error_message, worker
            FROM consumer_gaps WHERE consumer_group = \(group) AND topic = \(topic)
            ORDER BY partition, first_offset NULLS LAST, gap_id
            """
        ).rows.map { row in
            ConsumerGap(
                topic: try row.decode("topic"),
                partition: Int32(try row.decode("partition", as: Int.self)),
                firstOffset: try row.decode("first_offset", as: Int64?.self),
                lastOffset: try row.decode("last_offset", as: Int64?.self),
                cause: try row.decode("cause"),
                errorCode: Int32(try row.decode("error_code", as: Int.self)),
                errorMessage: try row.decode("error_message"),
                worker: try row.decode("worker")
            )
        }
    }
}
