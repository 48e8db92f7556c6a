import Foundation
import HocAI
import Logging
import PostgresLibPQ
import ServiceLifecycle
import Synchronization

/// Imports sent to the server, run in the background: at most `workers` at once, the rest
/// queued (up to `maxQueued`, then `service.busy`). Each is one transaction of the importer, so a
/// server stopped or killed in the middle leaves the database as it was.
///
/// Any number of servers may share one database (sql/016). A job belongs to the server that
/// accepted it (`serverID`, new at each start), which renews its queued jobs' lease every `tick`;
/// a running job's transaction holds the job's row from its start to its commit, in which the
/// job is also marked done and its rejects file stored, so a job is done exactly when its rows
/// are written. A job whose lease ran out and whose row nobody holds was left by a server that
/// stopped: any server marks it failed (`service.restarted`), and the file can be sent again.
///
/// On a graceful shutdown no new job starts; running ones are given `shutdownTimeout` to finish,
/// then cancelled (`PQcancel`: they roll back) and marked failed.
public actor ImportJobs: Service {
    /// An accepted upload: what it asks for (`ImportPolicy.authorize`d, with the file's name),
    /// by whom, and where the file is.
    public struct Job: Sendable {
        public let id: UUID
        public let request: ImportRequest
        public let account: Account
        public let file: URL
    }

    let pool: DatabasePool
    let directory: URL
    let workers: Int
    let maxQueued: Int
    let shutdownTimeout: Duration
    /// How long a job stays this server's without being renewed.
    nonisolated let lease: Duration
    let testHold: (point: ImportOptions.HoldPoint, key: Int64)?
    let logger: Logger
    /// The name this server's jobs carry in `import_jobs.server_id`.
    nonisolated let serverID: String
    /// Rows read so far by running jobs, written from the pool's threads.
    nonisolated let progress = ProgressBoard()
    let metrics: ServerMetrics?

    /// When this server made its jobs' keeper: files written since are its own.
    private let started = Date()
    private var queue: [Job] = []
    private var running: [UUID: Task<Void, Never>] = [:]
    private var accepting = true

    /// The scope of the server's own work on jobs (leases, progress, abandoned jobs): any job's row.
    static let keeperScope = DatabaseScope(role: .admin, actor: "hocai:server")

    /// The largest part of a rejects file stored in one row.
    static let rejectsPartSize = 1 << 20

    public init(
        pool: DatabasePool, directory: URL, workers: Int, maxQueued: Int, shutdownTimeout: Duration, lease: Duration = .seconds(30),
        testHold: (point: ImportOptions.HoldPoint, key: Int64)? = nil, metrics: ServerMetrics? = nil, logger: Logger
    ) {
        self.metrics = metrics
        self.testHold = testHold
        self.pool = pool
        self.directory = directory
        self.workers = max(1, workers)
        self.maxQueued = maxQueued
        self.shutdownTimeout = shutdownTimeout
        self.lease = max(lease, .seconds(1))
        self.logger = logger
        let host = ProcessInfo.processInfo.hostName
        serverID = "\(host.prefix(64)):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// How often leases are renewed, abandoned jobs looked for and progress written.
    nonisolated var tick: Duration { min(lease / 3, .seconds(1)) }

    /// The lease as an SQL interval's seconds.
    nonisolated var leaseSeconds: Double {
        let (seconds, attoseconds) = lease.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Where a job's upload and, while it runs, its rejects file live.
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

    /// Jobs waiting and running on this server (`/metrics`).
    func counts() -> (queued: Int, running: Int) { (queue.count, running.count) }

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
        do {
            try await failAbandoned()
            try await removeStrayFiles()
            logger.info("import jobs left by stopped servers checked", metadata: ["server": "\(serverID)"])
        } catch let error as PostgresError where error.state == .readOnlySQLTransaction {
            // Started on a standby while the primary is down: verify and the report work, every
            // write (imports too) is refused as `database.read_only` until it accepts writes.
            logger.warning("the database is read-only: imports and every other write are refused until it accepts writes")
        }
        let keeper = Task { [weak self] in await self?.keepLeases() }
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
        keeper.cancel()
        await keeper.value
    }

    /// Every `tick` until the server stops: this server's queued jobs renewed, the progress of
    /// its running ones written, and jobs abandoned by any stopped server failed.
    private func keepLeases() async {
        // A problem is logged when it starts and when it ends, not every tick.
        var problem: String?
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            guard !Task.isCancelled else { return }
            do {
                try await renewLeases()
                try await failAbandoned()
                if problem != nil { logger.notice("import leases renewed again") }
                problem = nil
            } catch {
                // The server is stopping (its pool closes, its tasks are cancelled): nothing is
                // renewed any more, and that is no problem to report.
                if !accepting || Task.isCancelled || error is CancellationError { return }
                let code = HocAIError.classifying(error).map { "\($0.code)" } ?? "internal"
                if code != problem { logger.warning("could not renew import leases", metadata: ["problem": "\(code)"]) }
                problem = code
            }
        }
    }

    private func renewLeases() async throws {
        let serverID = self.serverID, seconds = leaseSeconds
        let progress = running.keys.compactMap { id in self.progress.get(id).map { (id, $0) } }
        try await pool.withConnection(scope: Self.keeperScope) { connection in
            try connection.transaction { connection in
                // A running job's row is held by its import: it needs no renewal, and is skipped.
                try connection.query("""
                    UPDATE import_jobs SET lease_until = now() + \(seconds) * interval '1 second'
                    WHERE id IN (SELECT id FROM import_jobs WHERE server_id = \(serverID) AND status IN ('queued', 'running')
                                 FOR NO KEY UPDATE SKIP LOCKED)
                    """)
                for (id, value) in progress {
                    try connection.query("""
                        INSERT INTO import_job_progress (job_id, rows_read, bytes_read, total_bytes)
                        VALUES (\(id), \(value.rows), \(value.bytesRead), \(value.totalBytes))
                        ON CONFLICT (job_id) DO UPDATE SET rows_read = excluded.rows_read, bytes_read = excluded.bytes_read,
                            total_bytes = excluded.total_bytes, updated_at = now()
                        """)
                }
            }
        }
    }

    /// Jobs queued or running on a server that stopped (any server, this one's previous run
    /// included): their transactions were rolled back when it died, so they are failed. Rows
    /// held by a running import are skipped, and two servers never take the same one.
    private func failAbandoned() async throws {
        let error = Self.errorJSON(HocAIError.serviceRestarted())
        let abandoned = try await pool.withConnection(scope: Self.keeperScope) { connection in
            try connection.transaction { connection in
                try connection.query("""
                    UPDATE import_jobs SET status = 'failed', finished_at = now(), error = \(error)::jsonb
                    WHERE id IN (SELECT id FROM import_jobs
                                 WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                                 FOR UPDATE SKIP LOCKED)
                    RETURNING id
                    """).rows.map { try $0.decode(UUID.self, at: 0) }
            }
        }
        for id in abandoned { try? FileManager.default.removeItem(at: uploadURL(id)) }
        if !abandoned.isEmpty { logger.warning("imports left by a stopped server marked failed", metadata: ["jobs": "\(abandoned.count)"]) }
    }

    /// Uploads and rejects files of a previous run of a server using this folder, whose jobs are
    /// over: files of jobs still open (a server sharing the folder) are kept, and so is any file
    /// written since this server started (the HTTP server already takes uploads while this runs:
    /// an upload is written before its job's row, which the look at open jobs may not see yet).
    private func removeStrayFiles() async throws {
        let open = Set(try await pool.withConnection(scope: Self.keeperScope) { connection in
            try connection.transaction { connection in
                try connection.query("SELECT id FROM import_jobs WHERE status IN ('queued', 'running')").rows
                    .map { try $0.decode(UUID.self, at: 0).uuidString.lowercased() }
            }
        })
        for sub in ["uploads", "rejects"] {
            let folder = directory.appendingPathComponent(sub)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !open.contains(String(name.prefix(36))) {
                let file = folder.appendingPathComponent(name)
                let written = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
                guard let written, written < started else { continue }
                try? FileManager.default.removeItem(at: file)
            }
        }
    }

    private func execute(_ job: Job) async {
        try? prepareDirectory()
        let scope = DatabaseScope.importing(as: job.account, center: job.request.center)
        var options = ImportOptions(job.request)
        options.snapshot = false  // the upload is the server's own file
        options.rejectsURL = rejectsURL(job.id)
        options.testHold = testHold
        let progress = self.progress, metrics = self.metrics, logger = self.logger, settings = options, serverID = self.serverID, seconds = leaseSeconds
        do {
            let summary = try await pool.withConnection(scope: scope) { connection -> ImportSummary? in
                let started = try connection.transaction { connection in
                    try connection.query("""
                        UPDATE import_jobs SET status = 'running', started_at = now(), lease_until = now() + \(seconds) * interval '1 second'
                        WHERE id = \(job.id) AND status = 'queued' AND server_id = \(serverID) RETURNING id
                        """).first != nil
                }
                // Failed by another server while this one could not renew its lease.
                guard started else { return nil }
                return try connection.transaction { connection in
                    // Held until the commit: no other server takes a job that is running.
                    guard try connection.query("""
                        SELECT id FROM import_jobs WHERE id = \(job.id) AND status = 'running' AND server_id = \(serverID) FOR NO KEY UPDATE
                        """).first != nil else { return nil }
                    let summary = try RosterImporter(connection: connection, logger: logger).run(file: job.file, options: settings) { value in
                        metrics?.importRows(value.rows - (progress.get(job.id)?.rows ?? 0))
                        progress.set(job.id, value)
                    }
                    if let rejects = summary.rejectsFile { try Self.store(rejects: rejects, of: job.id, on: connection) }
                    let json = summary.json(language: job.request.language)
                    try connection.query("""
                        UPDATE import_jobs SET status = 'done', finished_at = now(), summary = \(json)::jsonb,
                            has_rejects = \(summary.rejectsFile != nil)
                        WHERE id = \(job.id)
                        """)
                    return summary
                }
            }
            if let summary {
                metrics?.importFinished("done")
                logger.info("import done", metadata: ["job": "\(job.id)", "rows": "\(summary.rows)", "rejected": "\(summary.rejected)"])
            } else {
                logger.warning("import taken over: its lease ran out before it started", metadata: ["job": "\(job.id)"])
            }
        } catch {
            await fail(job, error)
        }
        try? FileManager.default.removeItem(at: rejectsURL(job.id))
        try? FileManager.default.removeItem(at: job.file)
    }

    /// The rejects file in the register, in parts (`import_job_rejects`), read a part at a time.
    static func store(rejects url: URL, of id: UUID, on connection: PostgresConnection) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var part = 0
        while let data = try handle.read(upToCount: rejectsPartSize), !data.isEmpty {
            try connection.query("""
                INSERT INTO import_job_rejects (job_id, part, content) VALUES (\(id), \(part), decode(\(data.base64EncodedString()), 'base64'))
                """)
            part += 1
        }
    }

    /// A job's rejects file, as it was written (nil when the account may not see it).
    static func rejects(of id: UUID, on connection: PostgresConnection) throws -> Data? {
        let parts = try connection.query("""
            SELECT encode(content, 'base64') FROM import_job_rejects WHERE job_id = \(id) ORDER BY part
            """).rows
        guard !parts.isEmpty else { return nil }
        var data = Data()
        for row in parts {
            guard let part = Data(base64Encoded: try row.decode(String.self, at: 0), options: .ignoreUnknownCharacters) else { return nil }
            data.append(part)
        }
        return data
    }

    /// Marks a job failed, with the error's code and message in both languages. A job cancelled
    /// by the shutdown is `service.stopped`, whatever the cancellation surfaced as.
    private func fail(_ job: Job, _ error: any Error) async {
        let error = Task.isCancelled ? HocAIError.serviceStopped() : error
        let json = Self.errorJSON(error)
        metrics?.importFinished("failed")
        logger.warning("import failed", metadata: ["job": "\(job.id)", "problem": "\(Problem.from(error, language: .en).code)"])
        let scope = DatabaseScope.importing(as: job.account, center: job.request.center)
        do {
            // Recorded even when the job's task is cancelled: a task of its own.
            _ = try await Task {
                try await pool.withConnection(scope: scope) { connection in
                    try connection.transaction { connection in
                        try connection.query("""
                            UPDATE import_jobs SET status = 'failed', finished_at = now(), error = \(json)::jsonb
                            WHERE id = \(job.id) AND status IN ('queued', 'running')
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
