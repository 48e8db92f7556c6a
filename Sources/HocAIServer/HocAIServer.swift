import Foundation
import HocAI
import HocAIPasswords
import Hummingbird
import HummingbirdCore
import Logging
import PostgresLibPQ
import ServiceLifecycle

/// `hocai serve`: the HTTP service for centres, instructors, officials and the public. Handlers
/// parse the request, call the HocAI library (the same services as the command line) and encode
/// the answer; the database decides what each account may do (sql/010).
public struct HocAIServer: Sendable {
    public let configuration: ServerConfiguration
    public let logger: Logger
    /// How passwords are hashed (new accounts, new passwords) and checked (sign-in).
    let passwords: any PasswordHashing = BcryptHashing()
    /// Signed-in requests and imports: every write, on the primary.
    let pool: DatabasePool
    /// The report and the dashboard's figures: the read database (a standby) when there is one,
    /// else `pool` itself.
    let readPool: DatabasePool
    /// Certificate verification and the status lists, in the public role for the whole session,
    /// on the read database when there is one.
    let publicPool: DatabasePool
    let jobs: ImportJobs
    let reports: ReportCache
    /// Certificate lookups per client address.
    let verifyLimiter: RateLimiter
    /// Signed revocation status lists.
    let statusLists = StatusListCache()
    /// What `/metrics` shows.
    let metrics = ServerMetrics()

    public init(configuration: ServerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        pool = DatabasePool(
            configuration: .init(connectionString: configuration.databaseURL, size: configuration.poolSize,
                                 acquireTimeout: configuration.acquireTimeout),
            logger: logger)
        if let readURL = configuration.readDatabaseURL {
            readPool = DatabasePool(
                configuration: .init(connectionString: readURL, size: configuration.poolSize, acquireTimeout: configuration.acquireTimeout,
                                     applicationName: "hocai-server-read"),
                logger: logger)
        } else {
            readPool = pool
        }
        publicPool = DatabasePool(
            configuration: .init(connectionString: configuration.readDatabaseURL ?? configuration.databaseURL, size: configuration.publicPoolSize,
                                 acquireTimeout: configuration.acquireTimeout, sessionSetup: "SET ROLE hocai_public",
                                 applicationName: "hocai-server-public"),
            logger: logger)
        jobs = ImportJobs(
            pool: pool, directory: configuration.dataDirectory, workers: configuration.importWorkers,
            maxQueued: configuration.maxQueuedImports, shutdownTimeout: configuration.shutdownTimeout,
            lease: configuration.jobLease, testHold: configuration.testHold, metrics: metrics, logger: logger)
        reports = ReportCache()
        verifyLimiter = RateLimiter(perMinute: configuration.verifyPerMinute, burst: configuration.verifyBurst)
    }

    /// Runs `body` in one transaction under `scope` (the account's role and settings): how every
    /// handler reaches the database, so that every statement is bound by the scope. A client that
    /// hangs up (its connection closes) gets its statement cancelled.
    @discardableResult
    func database<T: Sendable>(
        _ scope: DatabaseScope, _ context: HocAIContext, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await pool.withConnection(scope: scope, client: context.channel) { connection in try connection.transaction(body) }
    }

    /// `database`, on the read database: for what only reads and may show the register as it
    /// stood a moment ago (a standby replays the primary's changes within milliseconds).
    @discardableResult
    func readDatabase<T: Sendable>(
        _ scope: DatabaseScope, _ context: HocAIContext, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await readPool.withConnection(scope: scope, client: context.channel) { connection in try connection.transaction(body) }
    }

    /// A page being answered to `request` (its language, account and form token).
    func page(_ request: Request, _ context: HocAIContext) -> Page {
        Page(request, context, secureCookies: configuration.secureCookies)
    }

    /// A report rendered by `render`, or the one kept under `key` while the figures have not
    /// changed since (`report_state.version`): the API's and the dashboard's one way.
    func cachedReport<Body: Sendable>(
        _ key: String, as account: Account, _ context: HocAIContext,
        render: @escaping @Sendable (PostgresConnection) throws -> Body
    ) async throws -> Body {
        let version = try await readDatabase(.acting(as: account), context) { try $0.query("SELECT version FROM report_state").scalar(Int.self) }
        if let hit = await reports.get(key, version: version, as: Body.self) { return hit }
        let body = try await readDatabase(.acting(as: account), context, render)
        await reports.put(key, version: version, body: body)
        return body
    }

    /// The router with every route of the service.
    public func router() -> Router<HocAIContext> {
        let router = Router(context: HocAIContext.self)
        // Outermost, so that every answer has them, error pages too.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestLogMiddleware(
            logger: logger, metrics: metrics, trustProxy: configuration.trustProxy, secureCookies: configuration.secureCookies))
        router.add(middleware: AuthenticationMiddleware(pool: pool))
        HealthRoutes(server: self).add(to: router)
        MetricsRoutes(server: self).add(to: router)
        AssetRoutes().add(to: router)
        // The API; each group names the roles that may reach it (`RoleMiddleware`).
        let api = router.group("/api/v1")
        SessionRoutes(server: self).add(to: api)
        ImportRoutes(server: self).add(to: api)
        CertificateRoutes(server: self).add(to: router, api: api)
        CredentialRoutes(server: self).add(to: router)
        ReportRoutes(server: self).add(to: api)
        ListRoutes(server: self).add(to: api)
        AccountRoutes(server: self).add(to: api)
        ConflictRoutes(server: self).add(to: router, api: api)
        // The pages.
        SignInRoutes(server: self).add(to: router)
        ImportPageRoutes(server: self).add(to: router)
        InstructorPageRoutes(server: self).add(to: router)
        DashboardRoutes(server: self).add(to: router)
        return router
    }

    /// The application: the HTTP server, the import jobs beside it, the pools closed at the end.
    public func application() -> some ApplicationProtocol {
        var app = Application(
            router: router(),
            server: Self.http,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            // A service group stops its services last first: the HTTP server (Hummingbird's,
            // after these), then the imports (finished or rolled back), then the pools they use.
            services: [PoolCloser(pools: readPool === pool ? [pool, publicPool] : [pool, readPool, publicPool]), jobs],
            onServerRunning: { [logger] channel in
                logger.notice("listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
            },
            logger: logger)
        app.logger.logLevel = logger.logLevel
        return app
    }
}

extension HocAIServer {
    /// HTTP/1.1, with a client's hang-up noticed (`HangUpHandler`) and idle connections closed
    /// after two minutes.
    static var http: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [HangUpHandler()], idleTimeout: .seconds(120)))
    }
}

/// Closes the pools when the service group stops.
struct PoolCloser: Service {
    let pools: [DatabasePool]

    func run() async throws {
        try? await gracefulShutdown()
        for pool in pools { await pool.shutdown() }
    }
}

/// Rendered reports, kept until the figures change (`report_state.version` moves with every write
/// of the summary): fifty officials asking for the same breakdown cost one computation.
actor ReportCache {
    private var entries: [String: (version: Int, body: any Sendable)] = [:]
    private var order: [String] = []

    /// What `key` holds at `version`, if it is a `Body` (a key names one kind of answer).
    func get<Body: Sendable>(_ key: String, version: Int, as _: Body.Type) -> Body? {
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry.body as? Body
    }

    func put(_ key: String, version: Int, body: any Sendable) {
        if entries[key] == nil { order.append(key) }
        entries[key] = (version, body)
        while order.count > 256 { entries[order.removeFirst()] = nil }
    }
}
