public struct KafkaDeliveryReport: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var error: KafkaError?
}
