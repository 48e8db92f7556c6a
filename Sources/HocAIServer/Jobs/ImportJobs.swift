import Foundation
import HocAI
import Logging
import PostgresLibPQ
import ServiceLifecycle
import Synchronization

/// Imports sent to the server, run in the background: at most `workers` at once, the rest
/// queued (up to `maxQueued`, then `service.busy`). Each is one transaction of the importer, so a
/// server stopped or killed in the middle leaves the database as it was; on the next start the
/// jobs left behind are marked failed, and the file can simply be sent again.
///
/// On a graceful shutdown no new job starts; running ones are given `shutdownTimeout` to finish,
/// then cancelled (`PQcancel`: they roll back) and marked failed.
public actor ImportJobs: Service {
    /// What an accepted upload asks for.
    public struct Job: Sendable {
        public let id: UUID
        public let kind: RosterKind
        public let center: String?
        public let account: Account
        public let file: URL
        public let fileName: String
        public let dryRun: Bool
        public let allOrNothing: Bool
        /// Import a file already imported (same SHA-256) again, as `hocai import --force`.
        public let force: Bool
        public let language: Language
    }

    let pool: DatabasePool
    let directory: URL
    let workers: Int
    let maxQueued: Int
    let shutdownTimeout: Duration
    let testHold: (point: ImportOptions.HoldPoint, key: Int64)?
    let logger: Logger
    /// Rows read so far by running jobs, written from the pool's threads.
    nonisolated let progress = ProgressBoard()

    private var queue: [Job] = []
    private var running: [UUID: Task<Void, Never>] = [:]
    private var accepting = true

    public init(
        pool: DatabasePool, directory: URL, workers: Int, maxQueued: Int, shutdownTimeout: Duration,
        testHold: (point: ImportOptions.HoldPoint, key: Int64)? = nil, logger: Logger
    ) {
        self.testHold = testHold
        self.pool = pool
        self.directory = directory
        self.workers = max(1, workers)
        self.maxQueued = maxQueued
        self.shutdownTimeout = shutdownTimeout
        self.logger = logger
    }

    /// Where a job's upload and rejects file live.
    nonisolated func uploadURL(_ id: UUID) -> URL { directory.appendingPathComponent("uploads/\(id.uuidString.lowercased()).csv") }
    nonisolated func rejectsURL(_ id: UUID) -> URL { directory.appendingPathComponent("rejects/\(id.uuidString.lowercased()).csv") }

    /// Prepares the folders (private to the server's user).
    nonisolated func prepareDirectory() throws {
        for sub in ["uploads", "rejects"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(sub), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }

    /// Queues a job whose row is written; `service.busy` when the queue is full or the server stops.
    public func submit(_ job: Job) throws {
        guard accepting, queue.count < maxQueued else { throw HocAIError.busy() }
        queue.append(job)
        startWaiting()
    }

    private func startWaiting() {
        while accepting, running.count < workers, !queue.isEmpty {
            let job = queue.removeFirst()
            running[job.id] = Task { [weak self] in
                await self?.execute(job)
                await self?.finished(job.id)
            }
        }
    }

    private func finished(_ id: UUID) {
        running[id] = nil
        progress.set(id, nil)
        startWaiting()
    }

    public func run() async throws {
        try prepareDirectory()
        try await markAbandoned()
        // Until the service group is told to stop.
        try? await gracefulShutdown()
        accepting = false
        for job in queue { await fail(job, HocAIError.serviceStopped()) }
        queue.removeAll()
        let deadline = ContinuousClock.now + shutdownTimeout
        while !running.isEmpty && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if !running.isEmpty { logger.warning("imports still running at shutdown cancelled", metadata: ["jobs": "\(running.count)"]) }
        for task in running.values { task.cancel() }
        for task in running.values { await task.value }
    }

    /// Jobs a previous run of the server left queued or running: their transactions were rolled
    /// back when it died, so they are failed, and their uploads removed. (One server per
    /// database: a second one starting would fail the first one's jobs.)
    private func markAbandoned() async throws {
        let error = Self.errorJSON(HocAIError.serviceRestarted())
        let abandoned = try await pool.withConnection(scope: DatabaseScope(role: .admin, actor: "hocai:server")) { connection in
            try connection.transaction { connection in
                try connection.query("""
                    UPDATE import_jobs SET status = 'failed', finished_at = now(), error = \(error)::jsonb
                    WHERE status IN ('queued', 'running') RETURNING id
                    """).rows.map { try $0.decode(UUID.self, at: 0) }
            }
        }
        for id in abandoned { try? FileManager.default.removeItem(at: uploadURL(id)) }
        if !abandoned.isEmpty { logger.warning("imports left by a stopped server marked failed", metadata: ["jobs": "\(abandoned.count)"]) }
    }

    private func execute(_ job: Job) async {
        try? prepareDirectory()
        let scope = DatabaseScope.importing(as: job.account, center: job.center)
        do {
            try await pool.withConnection(scope: scope) { connection in
                try connection.transaction { connection in
                    try connection.query("UPDATE import_jobs SET status = 'running', started_at = now() WHERE id = \(job.id)")
                }
            }
            var options = ImportOptions(kind: job.kind)
            options.centerCode = job.center
            options.dryRun = job.dryRun
            options.allOrNothing = job.allOrNothing
            options.language = job.language
            options.snapshot = false  // the upload is the server's own file
            options.rejectsURL = rejectsURL(job.id)
            options.force = job.force
            options.fileName = job.fileName
            options.testHold = testHold
            let progress = self.progress, logger = self.logger, settings = options
            let summary = try await pool.withConnection(scope: scope) { connection in
                try RosterImporter(connection: connection, logger: logger).run(file: job.file, options: settings) { value in
                    progress.set(job.id, value)
                }
            }
            let json = summary.json(language: job.language)
            try await pool.withConnection(scope: scope) { connection in
                try connection.transaction { connection in
                    try connection.query("""
                        UPDATE import_jobs SET status = 'done', finished_at = now(), summary = \(json)::jsonb,
                            has_rejects = \(summary.rejectsFile != nil)
                        WHERE id = \(job.id)
                        """)
                }
            }
            logger.info("import done", metadata: ["job": "\(job.id)", "rows": "\(summary.rows)", "rejected": "\(summary.rejected)"])
        } catch {
            await fail(job, error)
        }
        try? FileManager.default.removeItem(at: job.file)
    }

    /// Marks a job failed, with the error's code and message in both languages. A job cancelled
    /// by the shutdown is `service.stopped`, whatever the cancellation surfaced as.
    private func fail(_ job: Job, _ error: any Error) async {
        let error = Task.isCancelled ? HocAIError.serviceStopped() : error
        let json = Self.errorJSON(error)
        logger.warning("import failed", metadata: ["job": "\(job.id)", "problem": "\(Problem.from(error, language: .en).code)"])
        let scope = DatabaseScope.importing(as: job.account, center: job.center)
        do {
            // Recorded even when the job's task is cancelled: a task of its own.
            _ = try await Task {
                try await pool.withConnection(scope: scope) { connection in
                    try connection.transaction { connection in
                        try connection.query("""
                            UPDATE import_jobs SET status = 'failed', finished_at = now(), error = \(json)::jsonb WHERE id = \(job.id)
                            """)
                    }
                }
            }.value
        } catch {
            logger.error("could not record a failed import", metadata: ["job": "\(job.id)"])
        }
        try? FileManager.default.removeItem(at: job.file)
    }

    /// `{"code", "vi", "en"}`: what a job's `error` holds.
    static func errorJSON(_ error: any Error) -> String {
        let vi = Problem.from(error, language: .vi), en = Problem.from(error, language: .en)
        let object = ["code": vi.code, "vi": vi.detail, "en": en.detail]
        return (try? JSONText.string(object)) ?? "{}"
    }
}


/// Where running imports are, keyed by job: written by the pool's threads, read by requests.
final class ProgressBoard: Sendable {
    private let values = Mutex<[UUID: RosterImporter.Progress]>([:])

    func set(_ id: UUID, _ value: RosterImporter.Progress?) { values.withLock { $0[id] = value } }
    func get(_ id: UUID) -> RosterImporter.Progress? { values.withLock { $0[id] } }
}
