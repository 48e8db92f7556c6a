import Foundation
import HocAI
import Hummingbird

/// For operators: the process is up (`/healthz`); the database is reachable and its schema the
/// one this server was built for (`/readyz`).
struct HealthRoutes {
    let server: HocAIServer

    func add(to router: Router<HocAIContext>) {
        router.get("/healthz") { _, _ in
            try Reply.json(["status": "ok"])
        }
        router.get("/readyz") { _, context in
            let expected = server.configuration.schemaVersion
            let version: Int?
            do {
                version = try await server.database(.signingIn, context) { try $0.query("SELECT schema_version()").scalar(Int?.self) }
            } catch {
                return try Reply.json(["status": "unavailable", "reason": "database"], status: .serviceUnavailable)
            }
            guard let version, version >= expected else {
                return try Reply.json(["status": "unavailable", "reason": "schema", "schema": version ?? 0, "expected": expected],
                                      status: .serviceUnavailable)
            }
            return try Reply.json(["status": "ready", "schema": version])
        }
    }
}
