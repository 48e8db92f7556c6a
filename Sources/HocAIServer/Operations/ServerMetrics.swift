import Foundation
import Prometheus

/// What operators watch (`GET /metrics`, Prometheus's text format): requests by route template
/// and status with their latency, the pools' connections in use and requests waiting, import
/// jobs queued and running, and the rows imports have read (their rate is rows a second). Labels
/// are route templates, methods and status codes only: a bounded set, and never a value of a
/// path, a query or a person.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Latency buckets from 1 ms to 10 s.
    static let buckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
        .map { Duration.microseconds(Int64($0 * 1000)) }

    public init() {}

    /// One answered request. `route` is the matched template (`/v/{code}`), nil when none matched.
    func request(method: String, route: String?, status: Int, elapsed: Duration) {
        let route = route ?? "unmatched"
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", "\(status)")])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.buckets)
            .record(elapsed)
    }

    /// Rows an import has read since it last said.
    func importRows(_ count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.rows).increment(by: Int64(count))
    }

    /// An import job ended: `done` or `failed`.
    func importFinished(_ outcome: String) {
        registry.makeCounter(descriptor: Self.imports, labels: [("outcome", outcome)]).increment()
    }

    /// The text a scrape gets, with the pools and jobs as they stand now.
    func exposition(pools: [(name: String, pool: DatabasePool)], jobs: ImportJobs?) async -> [UInt8] {
        for (name, pool) in pools {
            let usage = await pool.usage()
            registry.makeGauge(descriptor: Self.poolInUse, labels: [("pool", name)]).set(to: Double(usage.inUse))
            registry.makeGauge(descriptor: Self.poolWaiting, labels: [("pool", name)]).set(to: Double(usage.waiting))
        }
        if let counts = await jobs?.counts() {
            registry.makeGauge(descriptor: Self.jobs, labels: [("status", "queued")]).set(to: Double(counts.queued))
            registry.makeGauge(descriptor: Self.jobs, labels: [("status", "running")]).set(to: Double(counts.running))
        }
        return registry.emitToBuffer()
    }

    static let mediaType = "text/plain; version=0.0.4; charset=utf-8"

    // Computed: the package's descriptor is not Sendable, so it is not kept in a static.
    private static var requests: MetricNameDescriptor {
        named("http_requests", unit: "total", help: "Requests answered, by method, route template and status.")
    }
    private static var latency: MetricNameDescriptor {
        named("http_request_duration", unit: "seconds", help: "Time to answer a request, by method and route template.")
    }
    private static var poolInUse: MetricNameDescriptor {
        named("pool_connections_in_use", help: "Database connections lent to requests or imports, by pool.")
    }
    private static var poolWaiting: MetricNameDescriptor {
        named("pool_requests_waiting", help: "Requests waiting for a database connection, by pool.")
    }
    private static var jobs: MetricNameDescriptor { named("import_jobs", help: "This server's import jobs, queued or running.") }
    private static var rows: MetricNameDescriptor {
        named("import_rows", unit: "total", help: "Roster rows read by this server's imports (their rate: rows a second).")
    }
    private static var imports: MetricNameDescriptor { named("import_jobs_finished", unit: "total", help: "Import jobs ended, by outcome.") }

    /// `hocai_NAME[_UNIT]`.
    private static func named(_ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "hocai", metricName: name, unitName: unit, helpText: help)
    }
}
