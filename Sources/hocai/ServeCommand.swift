import ArgumentParser
import Foundation
import HocAI
import HocAIServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Chạy dịch vụ HTTP cho trung tâm, giảng viên, cán bộ và công chúng (run the HTTP service).",
        discussion: """
            Connects as the server's own role (hocai_server: it may only switch into hocai's group roles). \
            Each option also reads from the environment: HOCAI_BIND, DATABASE_URL, HOCAI_READ_DATABASE_URL, HOCAI_POOL_SIZE, \
            HOCAI_UPLOAD_LIMIT (bytes), HOCAI_IMPORT_WORKERS, HOCAI_DATA_DIR, HOCAI_PUBLIC_URL, \
            HOCAI_SECURE_COOKIES (1 behind a TLS proxy), HOCAI_SHUTDOWN_TIMEOUT (seconds), HOCAI_JOB_LEASE (seconds), HOCAI_VERIFY_RATE (lookups a minute per address; 0 for none), HOCAI_SIGNING_KEY. Logs go to stderr, one line a request.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Address to listen on, HOST:PORT (default 127.0.0.1:8080).")
    var bind: String?

    @Option(name: .long, help: "Database connections for signed-in requests (default 8).")
    var poolSize: Int?

    @Option(name: .long, help: "Largest roster accepted, in bytes (default 64 MiB).")
    var uploadLimit: Int?

    @Option(name: .long, help: "A hot standby of the database, for verify, the status lists, the report and the dashboard (default: the database itself). Every write goes to --database-url.")
    var readDatabaseURL: String?

    @Option(name: .long, help: "Imports run at once (default 2); the others queue.")
    var importWorkers: Int?

    @Option(name: .long, help: "Folder for uploads waiting for their import (default: a hocai-server folder in TMPDIR).")
    var dataDir: String?

    @Option(name: .long, help: "The service's public address, which must be the register's (`hocai public-url`); the server refuses to start on another. Default: the register's.")
    var publicURL: String?

    @Option(name: .long, help: "The issuer's key file (from `hocai keys init`): signs the revocation status lists; its public keys are published (/.well-known/jwks.json). Also HOCAI_SIGNING_KEY.")
    var signingKey: String?

    @Option(name: .long, help: "Certificate lookups allowed a minute from one address (default 60; 0: no limit).")
    var verifyRate: Int?

    @Option(name: .long, help: "Seconds a shutdown (SIGTERM, SIGINT) waits for running imports before rolling them back (default 60).")
    var shutdownTimeout: Int?

    @Option(name: .long, help: "Seconds an import job stays this server's without renewal (default 30): when a server dies, another fails its jobs this long after.")
    var jobLease: Int?

    @Flag(name: .long, help: "Mark session cookies Secure (behind a TLS reverse proxy).")
    var secureCookies = false

    @Flag(name: .long, help: "Take the client's address from X-Forwarded-For (only behind a proxy that sets it).")
    var trustProxy = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServerConfiguration()
        try options.report {
            do {
                try configuration.setBind(bind ?? environment["HOCAI_BIND"] ?? "127.0.0.1:8080")
            } catch {
                throw ValidationError("\(error)")
            }
            configuration.databaseURL = options.databaseURL ?? environment["DATABASE_URL"]
            configuration.readDatabaseURL = readDatabaseURL ?? environment["HOCAI_READ_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            configuration.poolSize = poolSize ?? environment["HOCAI_POOL_SIZE"].flatMap(Int.init) ?? configuration.poolSize
            configuration.uploadLimit = uploadLimit ?? environment["HOCAI_UPLOAD_LIMIT"].flatMap(Int.init) ?? configuration.uploadLimit
            configuration.importWorkers = importWorkers ?? environment["HOCAI_IMPORT_WORKERS"].flatMap(Int.init) ?? configuration.importWorkers
            if let directory = dataDir ?? environment["HOCAI_DATA_DIR"] { configuration.dataDirectory = URL(fileURLWithPath: directory) }
            configuration.secureCookies = secureCookies || environment["HOCAI_SECURE_COOKIES"] == "1"
            configuration.trustProxy = trustProxy
            if let rate = verifyRate ?? environment["HOCAI_VERIFY_RATE"].flatMap(Int.init) { configuration.verifyPerMinute = max(0, rate) }
            if let seconds = shutdownTimeout ?? environment["HOCAI_SHUTDOWN_TIMEOUT"].flatMap(Int.init) {
                configuration.shutdownTimeout = .seconds(max(0, seconds))
            }
            if let seconds = jobLease ?? environment["HOCAI_JOB_LEASE"].flatMap(Int.init) {
                configuration.jobLease = .seconds(max(1, seconds))
            }
            configuration.schemaVersion = try Migration.load(from: Migration.locateDirectory()).map(\.version).max() ?? 0
            configuration.testHold = ImportOptions.testHold(from: environment)
            if let path = signingKey ?? environment["HOCAI_SIGNING_KEY"] {
                configuration.signingKeys = try SigningKeySet.read(from: URL(fileURLWithPath: path))
            }
        }
        var logger = Logger(label: "hocai.server") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = options.logLevel == .warning ? .info : options.logLevel.level
        try options.report {
            try configuration.resolvePublicURL(configured: publicURL ?? environment["HOCAI_PUBLIC_URL"], logger: logger)
        }
        let server = HocAIServer(configuration: configuration, logger: logger)
        // A failure once started (the database refusing the server's role, say) is told as any
        // command's, not as an error's dump.
        try await options.report { try await server.application().runService() }
    }
}
