import Foundation
import HocAI
import Logging
import PostgresLibPQ

/// How `hocai serve` runs: from flags, else the environment, else these defaults.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// libpq connection string or URL of the server's own role (`hocai_server`); nil: libpq's defaults.
    public var databaseURL: String?
    /// A hot standby of that database (streaming replication), for what only reads and may lag
    /// a moment: verify, the status lists, the report and the dashboard. nil: the primary.
    public var readDatabaseURL: String?
    /// Connections for signed-in requests and imports.
    public var poolSize = 8
    /// Connections that only verify certificates, in the public role for their whole session.
    public var publicPoolSize = 4
    /// How long a request waits for a connection before it is answered 503.
    public var acquireTimeout: Duration = .seconds(10)
    /// The largest roster an import accepts (413 past it).
    public var uploadLimit = 64 << 20
    /// Imports run at once; the others queue (up to `maxQueuedImports`, then 503).
    public var importWorkers = 2
    public var maxQueuedImports = 32
    /// Where uploaded rosters wait for their import (mode 0700); rejects files are kept in the
    /// register. Servers sharing a database may share it or not.
    public var dataDirectory = URL(fileURLWithPath: FileManager.default.temporaryDirectory.path).appendingPathComponent("hocai-server")
    /// The address people reach the service at, for the links in certificates (verify URLs),
    /// the published keys and the status lists: the register's (`PublicAddress`, read at start
    /// by `resolvePublicURL`).
    public var publicURL = "https://hocai.thainguyen.gov.vn"
    /// The issuer's keys (`--signing-key`): the active one signs the status lists; all are
    /// published at /.well-known/jwks.json. Without them, neither is served.
    public var signingKeys: SigningKeySet?
    /// Session cookies marked `Secure` (behind a TLS reverse proxy).
    public var secureCookies = false
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustProxy = false
    /// The schema version the server was built for (`/readyz` compares the database's).
    public var schemaVersion = 0
    /// Certificate lookups allowed per client address and minute (0: no limit, for benchmarks),
    /// with bursts of `verifyBurst`.
    public var verifyPerMinute = 60
    public var verifyBurst = 20
    /// How long a shutdown waits for running imports before it cancels them (they roll back).
    public var shutdownTimeout: Duration = .seconds(60)
    /// How long an import job stays this server's without being renewed (it is renewed every
    /// second): after a server dies, its queued jobs are failed by another server this long
    /// after its last renewal (`ImportJobs`).
    public var jobLease: Duration = .seconds(30)

    /// A test point for imports (`ImportOptions.testHold`), from `HOCAI_TEST_HOLD`.
    public var testHold: (point: ImportOptions.HoldPoint, key: Int64)?

    public init() {}

    /// Takes the register's public address, which the command line's credentials and printed
    /// certificates name too; `configured` (`--public-url`) must be the same, or the server
    /// refuses to start (`public_url.mismatch`). Read as the public role, on a connection of
    /// its own, before the service starts.
    public mutating func resolvePublicURL(configured: String?, logger: Logger) throws {
        let connection = try PostgresConnection(connectionString: databaseURL, logger: logger)
        defer { connection.close() }
        try connection.execute(unsafeSQL: "SET ROLE hocai_public")
        publicURL = try PublicAddress.check(configured: configured, registered: try PublicAddress.read(from: connection))
    }

    /// `host:port`, `:port` or `host`.
    public mutating func setBind(_ text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let port = parts.count == 2 ? Int(parts[1]) : self.port, (0...65535).contains(port) else {
            throw ConfigurationError("--bind must be HOST:PORT, e.g. 127.0.0.1:8080")
        }
        if !parts[0].isEmpty { host = String(parts[0]) }
        self.port = port
    }

    public struct ConfigurationError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
