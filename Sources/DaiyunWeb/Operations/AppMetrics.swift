import Foundation
import Prometheus

/// The app's Prometheus registry and the instruments it records into. One per app, no globals.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Counts a finished request and records its latency, labelled by route pattern, not raw path,
    /// so that ids do not explode the label space.
    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            name: "daiyun_http_requests_total",
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            name: "daiyun_http_request_duration_seconds",
            labels: [("method", method), ("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The database pool as seen at scrape time.
    func recordDatabase(up: Bool, pingSeconds: Double, maxConnections: Int) {
        registry.makeGauge(name: "daiyun_db_up").set(to: up ? 1 : 0)
        registry.makeGauge(name: "daiyun_db_ping_seconds").set(to: pingSeconds)
        registry.makeGauge(name: "daiyun_db_pool_max_connections").set(to: Double(maxConnections))
    }
}
