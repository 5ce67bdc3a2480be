import Metrics
import Prometheus

/// The process's Prometheus registry, installed as the swift-metrics backend the first time it is used:
/// the daemon records what the catalogue does not keep (durations, bytes) through swift-metrics at the
/// points where they happen, and `/metrics` emits them.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // From a quiet period of a second to a plate's worth of writing.
        let buckets: [Duration] = [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
                                   .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600), .seconds(1800)]
        factory.defaultDurationHistogramBuckets = buckets
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
