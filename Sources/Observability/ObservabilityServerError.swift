/// The metrics and probe server could not listen (most often: the port is taken).
public struct ObservabilityServerError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var reason: String

    public var description: String {
        "cannot serve /metrics, /healthz and /readyz on \(host):\(port) (METRICS_PORT): \(reason)"
    }
}
