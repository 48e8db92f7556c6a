import HocAI
import Logging
import NIOCore
import NIOPosix
import PostgresLibPQ
import Synchronization

/// A bounded pool of libpq connections, driven on a thread pool of its own: libpq blocks, so no
/// database call ever runs on an event loop.
///
/// A request waits for a free connection until a deadline, then gets `service.busy` (503). A
/// connection is handed out with the request's scope as its transaction prelude (`SET LOCAL ROLE`
/// and the account's settings, at the start of every transaction), and taken back only idle:
/// one left in a transaction, or broken, is closed and replaced. When the task waiting for a
/// statement is cancelled (the client hung up), the statement is cancelled too (`PQcancel`).
public final class DatabasePool: Sendable {
    public struct Configuration: Sendable {
        public var connectionString: String?
        public var size: Int
        /// How long a request waits for a connection before it is told the server is busy.
        public var acquireTimeout: Duration
        /// Run once on each new connection (a pool of sessions that only verify certificates
        /// sets its role here, for the whole session).
        public var sessionSetup: String?
        public var applicationName: String

        public init(connectionString: String?, size: Int, acquireTimeout: Duration = .seconds(10), sessionSetup: String? = nil,
                    applicationName: String = "hocai-server") {
            self.connectionString = connectionString
            self.size = size
            self.acquireTimeout = acquireTimeout
            self.sessionSetup = sessionSetup
            self.applicationName = applicationName
        }
    }

    let configuration: Configuration
    let logger: Logger
    private let threads: NIOThreadPool
    private let slots: Slots

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: max(1, configuration.size))
        threads.start()
        slots = Slots(size: max(1, configuration.size))
    }

    /// Runs `body` with a connection carrying `scope`, on the pool's threads. The statement under
    /// way is cancelled when the task is, or when `client` (the request's connection) closes.
    @discardableResult
    public func withConnection<T: Sendable>(
        scope: DatabaseScope?, client: (any Channel)? = nil, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let lease = try await slots.acquire(timeout: configuration.acquireTimeout)
        defer { Task { [slots] in await slots.release(lease) } }
        let token = CancelTokenBox()
        let watched = client.map { HangUpWatch.shared.watch($0, token) }
        defer { if let watched { HangUpWatch.shared.unwatch(watched) } }
        do {
            return try await run(body, lease: lease, scope: scope, token: token)
        } catch where token.isCancelled && !Task.isCancelled {
            // Cancelled by the client's hang-up (not by the server stopping): nobody is waiting.
            throw ClientGone()
        }
    }

    private func run<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T, lease: Lease, scope: DatabaseScope?, token: CancelTokenBox
    ) async throws -> T {
        let configuration = self.configuration, logger = self.logger
        return try await withTaskCancellationHandler {
            try await threads.runIfActive {
                let connection = try lease.connection ?? Self.connect(configuration, logger: logger)
                lease.connection = connection
                token.set(try? connection.cancelToken())
                connection.transactionPrelude = scope?.prelude
                connection.interruption = { token.isCancelled }
                defer {
                    token.set(nil)
                    connection.interruption = nil
                    connection.transactionPrelude = nil
                    // Handed back only clean: outside any transaction, the link healthy.
                    if connection.transactionDepth > 0 { try? connection.rollback() }
                    if !connection.isIdle {
                        connection.close()
                        lease.connection = nil
                    }
                }
                return try body(connection)
            }
        } onCancel: {
            token.cancel()
        }
    }

    /// Connections in use and requests waiting for one, as the pool stands.
    func usage() async -> (inUse: Int, waiting: Int) { await slots.usage(size: max(1, configuration.size)) }

    /// Closes every idle connection and stops the threads.
    public func shutdown() async {
        await slots.closeAll()
        try? await threads.shutdownGracefully()
    }

    static func connect(_ configuration: Configuration, logger: Logger) throws -> PostgresConnection {
        let connection = try PostgresConnection(
            connectionString: configuration.connectionString, applicationName: configuration.applicationName, logger: logger)
        if let setup = configuration.sessionSetup { try connection.execute(unsafeSQL: setup) }
        return connection
    }
}

/// A request's statement cancelled because its client hung up: nothing to answer (logged and
/// counted as 499, nginx's "client closed request", never as a server error).
struct ClientGone: Error {}

/// One connection's place in the pool; the connection is made on first use, on a pool thread.
final class Lease: @unchecked Sendable {
    /// Touched only by the thread running the lease's work, one at a time.
    var connection: PostgresConnection?
}

/// The cancel token of the statement a lease is running, set on a pool thread and read by the
/// cancellation handler on another. Once cancelled it stays cancelled: the statement under way is
/// stopped (`PQcancel`) and no further one is sent (`PostgresConnection.interruption`), even if
/// the cancellation came between statements or before the first.
final class CancelTokenBox: Sendable {
    private let state = Mutex<(token: PostgresCancelToken?, cancelled: Bool)>((nil, false))

    func set(_ value: PostgresCancelToken?) { state.withLock { $0.token = value } }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func cancel() {
        let token = state.withLock { state -> PostgresCancelToken? in
            state.cancelled = true
            return state.token
        }
        token?.send()
    }
}

/// The free leases and the requests waiting for one, each with its deadline.
actor Slots {
    private var free: [Lease]
    private var waiting: [(id: Int, continuation: CheckedContinuation<Lease, any Error>)] = []
    private var nextID = 0

    init(size: Int) {
        free = (0..<size).map { _ in Lease() }
    }

    func acquire(timeout: Duration) async throws -> Lease {
        if let lease = free.popLast() { return lease }
        let id = nextID
        nextID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.append((id, continuation))
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.expire(id, error: HocAIError.busy())
                }
            }
        } onCancel: {
            Task { await self.expire(id, error: CancellationError()) }
        }
    }

    private func expire(_ id: Int, error: any Error) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: error)
    }

    func release(_ lease: Lease) {
        if waiting.isEmpty {
            free.append(lease)
        } else {
            waiting.removeFirst().continuation.resume(returning: lease)
        }
    }

    func closeAll() {
        for lease in free { lease.connection?.close() }
    }

    /// Leases out and requests waiting for one (`/metrics`).
    func usage(size: Int) -> (inUse: Int, waiting: Int) { (size - free.count, waiting.count) }
}
