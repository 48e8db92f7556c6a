import Foundation
import HocAI
import Hummingbird

/// For operators: the process is up (`/healthz`); the database is reachable and its schema the
/// one this server was built for (`/readyz`), on the primary and on the read database (a standby)
/// when there is one.
struct HealthRoutes {
    let database: ServerDatabase
    let configuration: ServerConfiguration

    func add(to router: Router<HocAIContext>) {
        router.get("/healthz") { _, _ in
            try Reply.json(["status": "ok"])
        }
        router.get("/readyz") { _, context in
            let expected = configuration.schemaVersion
            let version: Int?, publicURL: String?, readOnly: Bool
            do {
                (version, publicURL, readOnly) = try await database(.signingIn, context) { connection in
                    let version = try connection.query("SELECT schema_version()").scalar(Int?.self)
                    guard let version, version >= expected else { return (version, nil, false) }
                    return (version, try PublicAddress.read(from: connection), try connection.query("SELECT pg_is_in_recovery()").scalar(Bool.self))
                }
            } catch {
                return try Reply.json(["status": "unavailable", "reason": "database"], status: .serviceUnavailable)
            }
            guard let version, version >= expected else {
                return try Reply.json(["status": "unavailable", "reason": "schema", "schema": version ?? 0, "expected": expected],
                                      status: .serviceUnavailable)
            }
            // The shared address changed since this server started (`hocai public-url`): what it
            // signs and prints no longer matches the register's credentials until it restarts.
            guard publicURL == configuration.publicURL else {
                return try Reply.json(["status": "unavailable", "reason": "public_url", "public_url": configuration.publicURL],
                                      status: .serviceUnavailable)
            }
            // The standby, when reads go to one: it answers, and has replayed the schema.
            if database.hasReadDatabase {
                let replayed = try? await database.read(.signingIn, context) { connection in
                    try connection.query("SELECT schema_version()").scalar(Int?.self)
                }
                guard let replayed, replayed >= expected else {
                    return try Reply.json(["status": "unavailable", "reason": "read_database"], status: .serviceUnavailable)
                }
            }
            // Ready, but refusing every write: the database is a standby (the primary is down).
            if readOnly { return try Reply.json(["status": "ready", "schema": version, "read_only": true] as [String: Any]) }
            return try Reply.json(["status": "ready", "schema": version])
        }
    }
}
