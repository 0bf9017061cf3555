/// Limits and switches for the pure pipeline.
public struct PipelineOptions: Sendable, Hashable {
    /// Bodies larger than this are refused as ``IngestError/tooLarge(bytes:limit:)``.
    public var maxBodyBytes: Int

    /// 2 MiB: far above any real article, well below what a message may carry.
    public static let defaultMaxBodyBytes = 2 * 1024 * 1024

    public init(maxBodyBytes: Int = defaultMaxBodyBytes) {
        self.maxBodyBytes = maxBodyBytes
    }
}
