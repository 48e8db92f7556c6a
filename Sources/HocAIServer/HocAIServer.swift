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
    let database: ServerDatabase
    let jobs: ImportJobs
    /// Certificate lookups per client address.
    let verifyLimiter: RateLimiter
    /// Signed revocation status lists.
    let statusLists = StatusListCache()
    /// What `/metrics` shows.
    let metrics = ServerMetrics()

    public init(configuration: ServerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        let pool = DatabasePool(
            configuration: .init(connectionString: configuration.databaseURL, size: configuration.poolSize,
                                 acquireTimeout: configuration.acquireTimeout),
            logger: logger)
        var readPool = pool
        if let readURL = configuration.readDatabaseURL {
            readPool = DatabasePool(
                configuration: .init(connectionString: readURL, size: configuration.poolSize, acquireTimeout: configuration.acquireTimeout,
                                     applicationName: "hocai-server-read"),
                logger: logger)
        }
        let publicPool = DatabasePool(
            configuration: .init(connectionString: configuration.readDatabaseURL ?? configuration.databaseURL, size: configuration.publicPoolSize,
                                 acquireTimeout: configuration.acquireTimeout, sessionSetup: "SET ROLE hocai_public",
                                 applicationName: "hocai-server-public"),
            logger: logger)
        jobs = ImportJobs(
            pool: pool, directory: configuration.dataDirectory, workers: configuration.importWorkers,
            maxQueued: configuration.maxQueuedImports, shutdownTimeout: configuration.shutdownTimeout,
            lease: configuration.jobLease, testHold: configuration.testHold, metrics: metrics, logger: logger)
        database = ServerDatabase(pool: pool, readPool: readPool, publicPool: publicPool)
        verifyLimiter = RateLimiter(perMinute: configuration.verifyPerMinute, burst: configuration.verifyBurst)
    }

    /// The router with every route of the service.
    public func router() -> Router<HocAIContext> {
        let router = Router(context: HocAIContext.self)
        // Outermost, so that every answer has them, error pages too.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestLogMiddleware(
            logger: logger, metrics: metrics, trustProxy: configuration.trustProxy, secureCookies: configuration.secureCookies))
        router.add(middleware: AuthenticationMiddleware(pool: database.pool))
        let secure = configuration.secureCookies
        let results = ResultRecorder(database: database)
        let sessions = Sessions(database: database, passwords: passwords, secureCookies: secure)
        HealthRoutes(database: database, configuration: configuration).add(to: router)
        MetricsRoutes(database: database, metrics: metrics, jobs: jobs).add(to: router)
        AssetRoutes().add(to: router)
        // The API; each group names the roles that may reach it (`RoleMiddleware`).
        let api = router.group("/api/v1")
        SessionRoutes(sessions: sessions).add(to: api)
        ImportRoutes(database: database, jobs: jobs, uploadLimit: configuration.uploadLimit).add(to: api)
        CertificateRoutes(database: database, verifyLimiter: verifyLimiter, results: results).add(to: router, api: api)
        CredentialRoutes(database: database, signingKeys: configuration.signingKeys, publicURL: configuration.publicURL,
                         statusLists: statusLists).add(to: router)
        ReportRoutes(database: database).add(to: api)
        ListRoutes(database: database).add(to: api)
        AccountRoutes(database: database, passwords: passwords).add(to: api)
        ConflictRoutes(database: database, secureCookies: secure).add(to: router, api: api)
        // The pages.
        SignInRoutes(sessions: sessions).add(to: router)
        ImportPageRoutes(database: database, jobs: jobs, uploadLimit: configuration.uploadLimit, secureCookies: secure).add(to: router)
        InstructorPageRoutes(database: database, results: results, secureCookies: secure).add(to: router)
        DashboardRoutes(database: database, secureCookies: secure).add(to: router)
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
            services: [PoolCloser(pools: database.pools.map(\.pool)), jobs],
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
