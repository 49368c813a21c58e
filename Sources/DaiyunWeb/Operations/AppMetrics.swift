import Foundation
import Prometheus

/// The app's Prometheus registry and the instruments it records into. One per app, no globals.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    // Descriptors are not Sendable: made on use rather than kept in statics.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "daiyun", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "Requests answered, by method, route pattern and status.")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "daiyun", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to answer a request, by method and route pattern.")
    }
    static var databaseUp: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "daiyun", subsystem: "db", metricName: "up", unitName: "",
            helpText: "1 when the database answered the scrape's ping.")
    }
    static var databasePing: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "daiyun", subsystem: "db", metricName: "ping", unitName: "seconds",
            helpText: "Time of the scrape's SELECT 1.")
    }
    static var poolMax: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "daiyun", subsystem: "db_pool", metricName: "max", unitName: "connections",
            helpText: "Configured maximum of database connections.")
    }

    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Counts a finished request and records its latency, labelled by route pattern, not raw path,
    /// so that ids do not explode the label space.
    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requests,
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration,
            labels: [("method", method), ("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The database pool as seen at scrape time.
    func recordDatabase(up: Bool, pingSeconds: Double, maxConnections: Int) {
        registry.makeGauge(descriptor: Self.databaseUp).set(to: up ? 1 : 0)
        registry.makeGauge(descriptor: Self.databasePing).set(to: pingSeconds)
        registry.makeGauge(descriptor: Self.poolMax).set(to: Double(maxConnections))
    }
}
