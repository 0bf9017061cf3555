import Dispatch

/// Runs blocking C calls (libpq, librdkafka) on threads outside Swift's cooperative pool, so a slow database or
/// broker never starves async tasks.
public enum Blocking {
    private static let queue = DispatchQueue(label: "newsingest.blocking", qos: .userInitiated, attributes: .concurrent)

    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
