import Metrics
import Prometheus

/// Makes swift-metrics record into a Prometheus registry; call once per process, before any metric is created.
public enum PrometheusBootstrap {
    /// Buckets from 100 µs (one article's parse) to 30 s (a batch waiting on a restarting database).
    public static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = durationBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }
}

extension PrometheusBootstrap {
    /// Bootstraps and returns the `/metrics` route: the registry in Prometheus' text exposition format.
    public static func bootstrapMetricsRoute() -> ObservabilityServer.Route {
        let registry = bootstrap()
        return {
            var body = registry.emitToBuffer()
            // The exposition format ends every line, the last included, with a line feed.
            if let last = body.last, last != UInt8(ascii: "\n") { body.append(UInt8(ascii: "\n")) }
            return HTTPResponse(status: 200, contentType: contentType, body: body)
        }
    }

    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
