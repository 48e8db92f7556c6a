import Foundation
import HocAI
import Hummingbird

/// `GET /metrics` for Prometheus: to a client on this host (a scraper beside the server; behind
/// a proxy with `--trust-proxy`, the address the proxy forwards) or an administrator, and to no
/// one else (403): the figures name no person, but tell how the service is used.
struct MetricsRoutes {
    let database: ServerDatabase
    let metrics: ServerMetrics
    let jobs: ImportJobs

    func add(to router: Router<HocAIContext>) {
        router.get("/metrics") { _, context in
            guard Self.isLoopback(context.clientAddress) || context.identity?.role == .admin else {
                if context.identity == nil { throw HocAIError.notSignedIn() }
                throw HocAIError.forbidden()
            }
            let text = await metrics.exposition(pools: database.pools, jobs: jobs)
            return Reply.body(Data(text), type: ServerMetrics.mediaType, headers: [.cacheControl: "no-store"])
        }
    }

    /// 127.0.0.0/8 and ::1, as the client's address is written (`HocAIContext.clientAddress`).
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
