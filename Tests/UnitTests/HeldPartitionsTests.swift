import KafkaModel
import Testing

@testable import Kafka
@testable import Worker

/// The rule that lets the next batch be polled and processed before the previous one commits: a batch keeps the
/// epoch each partition was held under at its poll, and its messages are written only while that epoch still holds.
@Suite struct HeldPartitionsTests {
    let p0 = TopicPartition(topic: "t", partition: 0)
    let p1 = TopicPartition(topic: "t", partition: 1)

    func message(_ partition: TopicPartition, _ offset: Int64) -> KafkaMessage {
        KafkaMessage(topic: partition.topic, partition: partition.partition, offset: offset, key: nil, value: [])
    }

    @Test func aBatchPolledBeforeAFenceOrAReclaimIsNoLongerHeld() {
        var held = HeldPartitions()
        held.claimed(p0, epoch: 3, next: 10)
        held.claimed(p1, epoch: 5, next: nil)
        let epochs = held.epochs(of: [message(p0, 10), message(p1, 0)])
        #expect(held.holds(p0, epoch: epochs[p0]) && held.holds(p1, epoch: epochs[p1]))

        // The previous batch's write was fenced on p0: p0's messages of this batch are discarded, p1's kept.
        held.fenced([p0])
        #expect(!held.holds(p0, epoch: epochs[p0]))
        #expect(held.holds(p1, epoch: epochs[p1]))
        #expect(held.fencedWhileAssigned == [p0])

        // Claimed again from the stored position: a new epoch, so the old batch's messages stay discarded.
        held.claimed(p0, epoch: 4, next: 10)
        #expect(!held.holds(p0, epoch: epochs[p0]))

        // A revoke drops p1, and re-assignment gives it a new epoch too.
        held.revoked([p1])
        #expect(!held.holds(p1, epoch: epochs[p1]))
        held.claimed(p1, epoch: 6, next: nil)
        #expect(!held.holds(p1, epoch: epochs[p1]))
    }

    @Test func offsetsBelowTheHeldPositionAndUnheldPartitionsAreNotExpected() {
        var held = HeldPartitions()
        held.claimed(p0, epoch: 1, next: 10)
        #expect(!held.isExpected(message(p0, 9)))
        #expect(held.isExpected(message(p0, 10)))
        #expect(!held.isExpected(message(p1, 0)))
        held.moved(p0, to: 20)
        #expect(!held.isExpected(message(p0, 19)))
        #expect(held[p0]?.next == 20)
    }
}
