import Foundation
import IngestCore

/// Where a Kafka message came from.
public struct MessageOrigin: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// The position a worker moves a partition to, valid only while it still holds `epoch` and the stored position is
/// still `expected` (nil: nothing stored yet).
public struct PartitionAdvance: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var epoch: Int64
    public var expected: Int64?
    public var next: Int64

    public init(topic: String, partition: Int32, epoch: Int64, expected: Int64?, next: Int64) {
        self.topic = topic
        self.partition = partition
        self.epoch = epoch
        self.expected = expected
        self.next = next
    }
}

public struct ArticleResult: Sendable {
    public var origin: MessageOrigin
    public var article: ProcessedArticle

    public init(origin: MessageOrigin, article: ProcessedArticle) {
        self.origin = origin
        self.article = article
    }
}

/// A message that could not be processed and was acknowledged by the dead-letter topic.
public struct ErrorResult: Sendable {
    public var origin: MessageOrigin
    public var errorClass: String
    public var message: String
    /// The Kafka key exactly as received (any bytes, NUL included).
    public var messageKey: [UInt8]?
    public var payloadBytes: Int
    public var dlqTopic: String?
    public var dlqPartition: Int32?
    public var dlqOffset: Int64?
    /// The whole message, kept when the dead-letter record could carry only a prefix of it.
    public var storedPayload: [UInt8]?

    public init(
        origin: MessageOrigin,
        errorClass: String,
        message: String,
        messageKey: [UInt8]?,
        payloadBytes: Int,
        dlqTopic: String?,
        dlqPartition: Int32?,
        dlqOffset: Int64?,
        storedPayload: [UInt8]? = nil
    ) {
        self.origin = origin
        self.errorClass = errorClass
        self.message = message
        self.messageKey = messageKey
        self.payloadBytes = payloadBytes
        self.dlqTopic = dlqTopic
        self.dlqPartition = dlqPartition
        self.dlqOffset = dlqOffset
        self.storedPayload = storedPayload
    }

    /// The key as readable text for the `message_key` column: as is when it is UTF-8 without NUL, otherwise with
    /// every byte outside printable ASCII written `\xNN` (the exact bytes are in `message_key_bytes`).
    public static func readableKey(_ key: [UInt8]) -> String {
        if !key.contains(0), let text = String(validating: key, as: UTF8.self) { return text }
        var out = ""
        for byte in key {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "\\x%02x", byte)
            }
        }
        return out
    }
}

/// Everything one batch writes, committed in a single transaction.
public struct BatchWrite: Sendable {
    public var group: String
    public var worker: String
    public var pipelineVersion: String
    public var advances: [PartitionAdvance]
    public var articles: [ArticleResult]
    public var errors: [ErrorResult]

    public init(
        group: String,
        worker: String,
        pipelineVersion: String,
        advances: [PartitionAdvance],
        articles: [ArticleResult],
        errors: [ErrorResult]
    ) {
        self.group = group
        self.worker = worker
        self.pipelineVersion = pipelineVersion
        self.advances = advances
        self.articles = articles
        self.errors = errors
    }
}

public enum BatchOutcome: Sendable, Equatable {
    case committed(newArticles: Int, sightings: Int, errors: Int)
    /// Another worker holds these partitions now; nothing was written.
    case fenced(Set<PartitionKey>)
    /// This very batch was committed before (its COMMIT reply was lost); nothing was written again.
    case alreadyCommitted
}

public struct PartitionKey: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// What a worker gets when it is assigned a partition: its fencing epoch and where to resume.
public struct PartitionClaim: Sendable, Hashable {
    public var key: PartitionKey
    public var epoch: Int64
    public var nextOffset: Int64?
}

/// An article this batch stored for the first time, with its id.
public struct StoredArticle: Sendable {
    public var id: Int64
    public var result: ArticleResult

    public init(id: Int64, result: ArticleResult) {
        self.id = id
        self.result = result
    }
}
