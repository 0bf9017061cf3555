import IngestCore
import KafkaModel
import Postgres

// Partition positions and fencing: every assignment bumps a partition's epoch; a batch moves its partitions only
// while it still holds that epoch and the position it started from.
extension ResultStore {
    /// Takes ownership of partitions for `owner`: bumps each partition's epoch (fencing out the previous owner)
    /// and returns where to resume.
    public func claim(
        group: String,
        topic: String,
        partitions: [Int32],
        owner: String
    ) throws -> [PartitionClaim] {
        let rows = try connection.query(
            """
            INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset, epoch, owner)
            SELECT \(group), \(topic), p, NULL, 1, \(owner) FROM unnest(\(partitions)::int4[]) AS p
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE
                SET epoch = consumer_offsets.epoch + 1, owner = EXCLUDED.owner, updated_at = now()
            RETURNING partition, next_offset, epoch
            """
        ).rows
        return try rows.map { row in
            PartitionClaim(
                key: TopicPartition(topic: topic, partition: Int32(try row.decode("partition", as: Int.self))),
                epoch: try row.decode("epoch"),
                nextOffset: try row.decode("next_offset", as: Int64?.self)
            )
        }
    }

    /// Moves stored positions (replay). nil means "from the beginning". Epochs are bumped so no worker still
    /// holding an old assignment can write afterwards. Returns the partitions changed.
    @discardableResult
    public func setPositions(group: String, topic: String, positions: [Int32: Int64?]) throws -> Int {
        let partitions = positions.keys.sorted()
        return try connection.transaction {
            try connection.query(
                """
                INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset, epoch, owner)
                SELECT \(group), \(topic), p, o, 1, 'ingestctl replay'
                FROM unnest(\(partitions)::int4[], \(partitions.map { positions[$0]! })::int8[]) AS v(p, o)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE
                    SET next_offset = EXCLUDED.next_offset, epoch = consumer_offsets.epoch + 1,
                        owner = EXCLUDED.owner, updated_at = now()
                """
            ).affectedRows
        }
    }

    /// Stored positions, for status, verify and replay.
    public func positions(group: String, topic: String) throws -> [Int32: (next: Int64?, epoch: Int64, owner: String?)]
    {
        var result: [Int32: (next: Int64?, epoch: Int64, owner: String?)] = [:]
        for row in try connection.query(
            """
            SELECT partition, next_offset, epoch, owner FROM consumer_offsets
            WHERE consumer_group = \(group) AND topic = \(topic)
            """
        ).rows {
            result[Int32(try row.decode("partition", as: Int.self))] = (
                try row.decode("next_offset"), try row.decode("epoch"), row["owner"]
            )
        }
        return result
    }

    func advance(_ batch: BatchWrite) throws -> Set<TopicPartition> {
        guard !batch.advances.isEmpty else { return [] }
        let advances = batch.advances
        let updated = try connection.query(
            """
            UPDATE consumer_offsets AS c
            SET next_offset = v.next, updated_at = now()
            FROM unnest(\(advances.map(\.topic))::text[], \(advances.map(\.partition))::int4[],
                        \(advances.map(\.epoch))::int8[], \(advances.map(\.expected))::int8[],
                        \(advances.map(\.next))::int8[]) AS v(topic, partition, epoch, expected, next)
            WHERE c.consumer_group = \(batch.group) AND c.topic = v.topic AND c.partition = v.partition
              AND c.epoch = v.epoch AND c.next_offset IS NOT DISTINCT FROM v.expected
            RETURNING c.topic, c.partition
            """
        ).rows
        let moved = Set(
            try updated.map {
                TopicPartition(
                    topic: try $0.decode("topic"),
                    partition: Int32(try $0.decode("partition", as: Int.self))
                )
            }
        )
        return Set(advances.map(\.topicPartition)).subtracting(moved)
    }
}
