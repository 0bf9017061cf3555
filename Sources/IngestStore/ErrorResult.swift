import Foundation

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
